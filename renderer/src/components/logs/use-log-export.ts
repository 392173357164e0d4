import { downloadText } from '../../lib/download.js';
import { useUi } from '../../store/ui.js';
import { exportText, type ChunkedLines, type LogsLine } from './chunked-lines.js';
import { linesOfRows, type LogLayout } from './use-log-layout.js';
import type { RowSelection } from './use-row-selection.js';

interface LogExportOptions {
  logicalId: string;
  stream: string | null;
  lines: ChunkedLines<LogsLine>;
  layout: LogLayout;
  selection: RowSelection;
}

/** Copy and download of the selected rows' lines, or of every line shown when none is selected. */
export function useLogExport({ logicalId, stream, lines, layout, selection }: LogExportOptions) {
  const toast = useUi((s) => s.toast);
  const picked = () => [...linesOfRows(lines, layout, selection.first, selection.last)];
  const textOf = (format: 'log' | 'json') => {
    const some = picked();
    return { text: some.length ? exportText(some, format) : exportText(linesOfRows(lines, layout, 0, layout.rowCount - 1), format), count: some.length || lines.length };
  };

  const copy = async () => {
    const { text, count } = textOf('log');
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Without the clipboard API (an insecure origin, a denied permission), the old way still works.
      const area = document.createElement('textarea');
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    toast('success', `Copied ${count} line${count === 1 ? '' : 's'}`);
  };

  const exportAs = (format: 'log' | 'json') => {
    const name = `${logicalId}${stream ? `-${stream.split(']').pop()}` : ''}.${format}`;
    downloadText(name, textOf(format).text, format === 'json' ? 'application/json' : 'text/plain');
  };

  return { copy, exportAs };
}
