import { useEffect, useRef, useState } from 'react';
import { prettyResponse } from '../../lib/format.js';
import { useMonaco } from '../../monaco/use-monaco.js';
import { useHistory, type StoredInvocation } from '../../store/history.js';
import { selectResolvedTheme, useUi } from '../../store/ui.js';
import { Dialog } from '../common/dialog.js';
import { formatTime } from './history-format.js';

function responseText(r: StoredInvocation): string {
  if (r.error) return JSON.stringify(r.error, null, 2);
  return prettyResponse(r.response) || 'null';
}

/** Monaco's diff editor over two stored invocations: their responses, or their logs. */
export function HistoryDiff({ records }: { records: [StoredInvocation, StoredInvocation] }) {
  const m = useMonaco();
  const theme = useUi(selectResolvedTheme);
  const container = useRef<HTMLDivElement>(null);
  const [logs, setLogs] = useState(false);
  const [a, b] = records;

  useEffect(() => {
    if (!m || !container.current) return;
    const editor = m.monaco.editor.createDiffEditor(container.current, {
      automaticLayout: true,
      readOnly: true,
      originalEditable: false,
      renderSideBySide: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 13,
      fontFamily: 'ui-monospace, SFMono-Regular, "Cascadia Code", Menlo, Consolas, monospace',
      theme: m.themeName(theme),
    });
    const language = logs ? 'plaintext' : 'json';
    const original = m.monaco.editor.createModel(logs ? a.logs.join('\n') : responseText(a), language);
    const modified = m.monaco.editor.createModel(logs ? b.logs.join('\n') : responseText(b), language);
    editor.setModel({ original, modified });
    return () => {
      editor.dispose();
      original.dispose();
      modified.dispose();
    };
  }, [m, logs, a, b, theme]);

  return (
    <Dialog title="Compare invocations" testId="history-compare-dialog" onClose={() => useHistory.getState().closeCompare()} width={960}>
      <div className="history-diff-bar">
        <span className="mono text-small">
          {a.logicalId} {formatTime(a.startedAt)} ({a.status})
        </span>
        <span className="spacer" />
        <label className="history-diff-toggle">
          <input type="checkbox" data-testid="history-diff-logs" checked={logs} onChange={(e) => setLogs(e.target.checked)} /> Diff logs
        </label>
        <span className="spacer" />
        <span className="mono text-small">
          {b.logicalId} {formatTime(b.startedAt)} ({b.status})
        </span>
      </div>
      <div className="history-diff" data-testid="history-diff" data-mode={logs ? 'logs' : 'response'} data-ready={m ? 'true' : 'false'}>
        <div ref={container} className="history-diff-editor" />
        {!m && <div className="monaco-placeholder">Loading editor…</div>}
      </div>
    </Dialog>
  );
}
