import { useRef, useState, type ReactNode } from 'react';
import { formatClock } from '../../lib/format.js';
import { lineLevel } from '../../lib/log-level.js';
import type { ChunkedLines, LogsLine } from './chunked-lines.js';
import type { LogLayout } from './use-log-layout.js';
import type { RowSelection } from './use-row-selection.js';
import { useViewportHeight } from './use-viewport-height.js';
import { visibleRange } from './virtual-rows.js';

const ROW_HEIGHT = 20;

interface LogsLinesProps {
  lines: ChunkedLines<LogsLine>;
  layout: LogLayout;
  selection: RowSelection;
  /** Shown when there is no row (and nothing is loading). */
  empty?: string;
}

/** The Logs tab's rows, virtualized: only those in view are in the DOM, a million lines scroll like twenty. */
export function LogsLines({ lines, layout, selection, empty }: LogsLinesProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const height = useViewportHeight(viewport, 300);
  const { start, end } = visibleRange(scrollTop, height, ROW_HEIGHT, layout.rowCount);

  const rows: ReactNode[] = [];
  for (let r = start; r < end; r++) {
    const i = layout.lineOfRow(r);
    if (i < 0) {
      const id = layout.groupOf(i);
      rows.push(
        <div key={`g${r}`} className="log-line logs-group" data-testid="logs-group" style={{ top: r * ROW_HEIGHT, height: ROW_HEIGHT }}>
          <span className="log-text">{id ? `Invocation ${id}` : 'Outside any invocation'}</span>
        </div>,
      );
      continue;
    }
    const l = lines.get(i);
    const level = lineLevel(l.line);
    rows.push(
      <div
        key={r}
        className={`log-line level-${level} ${selection.isSelected(r) ? 'is-selected' : ''}`}
        data-testid="logs-line"
        data-level={level}
        data-request-id={l.requestId}
        style={{ top: r * ROW_HEIGHT, height: ROW_HEIGHT }}
        title={l.line}
        onClick={(ev) => selection.click(r, ev.shiftKey)}
      >
        <span className="log-time">{formatClock(l.time)}</span>
        <span className="log-text">{l.line}</span>
      </div>,
    );
  }

  return (
    <div className="log-list-wrap">
      <div ref={viewport} className="log-list" onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} role="log" aria-label="Function log lines" tabIndex={0}>
        <div style={{ height: layout.rowCount * ROW_HEIGHT, position: 'relative' }}>{rows}</div>
        {layout.rowCount === 0 && empty && <div className="log-empty">{empty}</div>}
      </div>
    </div>
  );
}
