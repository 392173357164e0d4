import { formatClock } from '../../lib/format.js';
import type { StreamInfo } from './use-log-lines.js';

/** The Logs tab's left column: all streams, or one execution environment's. */
export function LogStreamList({ streams, stream, onStream }: { streams: StreamInfo[]; stream: string | null; onStream(stream: string | null): void }) {
  return (
    <aside className="logs-streams" aria-label="Log streams">
      <div className="logs-streams-title">Log streams</div>
      <button type="button" className={`logs-stream ${stream === null ? 'is-active' : ''}`} data-testid="log-stream-all" onClick={() => onStream(null)}>
        <span className="logs-stream-name">All streams</span>
        <span className="logs-stream-meta">{streams.reduce((n, s) => n + s.invocations, 0)} invocations</span>
      </button>
      {streams.map((s, i) => (
        <button
          key={s.logStream}
          type="button"
          className={`logs-stream ${stream === s.logStream ? 'is-active' : ''}`}
          data-testid={`log-stream-${i}`}
          data-stream={s.logStream}
          title={s.logStream}
          onClick={() => onStream(s.logStream)}
        >
          <span className="logs-stream-name mono">{s.logStream}</span>
          <span className="logs-stream-meta">
            {formatClock(Date.parse(s.first))} – {formatClock(Date.parse(s.last))} · {s.invocations} invocation{s.invocations === 1 ? '' : 's'}
          </span>
        </button>
      ))}
      {streams.length === 0 && <div className="logs-streams-empty">No streams yet.</div>}
    </aside>
  );
}
