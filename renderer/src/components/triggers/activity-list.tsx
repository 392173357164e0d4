import { useMemo } from 'react';
import { formatClock, formatMs } from '../../lib/format.js';
import { useLogs } from '../../store/logs.js';
import { useTriggers, type ActivityRow } from '../../store/triggers.js';
import { useUi } from '../../store/ui.js';
import { Icon } from '../common/icons.js';
import { STATUS_TONE, statusCodeTone } from './trigger-status.js';

const KIND: Record<string, string> = { 'http-api': 'HTTP API', 'rest-api': 'REST API', 'function-url': 'Function URL', schedule: 'Schedule' };

/** Live trigger activity of one function: which trigger started which invocation, newest first. */
export function ActivityList({ logicalId }: { logicalId: string }) {
  const all = useTriggers((s) => s.activity);
  const clear = useTriggers((s) => s.clearActivity);
  const rows = useMemo(() => all.filter((a) => a.logicalId === logicalId), [all, logicalId]);
  return (
    <section className="card activity-card" aria-label="Trigger activity">
      <header className="card-header">
        <h3 className="card-title">
          <Icon name="activity" size={15} /> Live activity
        </h3>
        {rows.length > 0 && <span className="count-pill">{rows.length}</span>}
        <span className="spacer" />
        <button type="button" className="btn btn-small btn-ghost" disabled={rows.length === 0} data-testid="trigger-activity-clear" onClick={() => clear(logicalId)}>
          Clear
        </button>
      </header>
      <div className="activity-table" role="table" data-testid="trigger-activity">
        <div className="activity-row activity-head" role="row">
          <span role="columnheader">Time</span>
          <span role="columnheader">Trigger</span>
          <span role="columnheader">Route</span>
          <span role="columnheader">Result</span>
          <span role="columnheader" className="num">
            Duration
          </span>
          <span role="columnheader">Request id</span>
        </div>
        {rows.length === 0 && <p className="trigger-empty activity-empty">Nothing yet. Call a route or fire a schedule: each request shows here with the invocation it started.</p>}
        {rows.map((a) => (
          <Row key={a.id} a={a} />
        ))}
      </div>
    </section>
  );
}

function Row({ a }: { a: ActivityRow }) {
  const showLogs = () => {
    if (!a.requestId) return;
    useLogs.getState().setFilter(a.requestId);
    useUi.getState().toggleLogPanel(true);
  };
  return (
    <div
      className={`activity-row ${a.requestId ? 'is-link' : ''}`}
      role="row"
      data-testid="trigger-activity-row"
      data-route={a.route}
      data-status={a.status ?? ''}
      data-status-code={a.statusCode ?? ''}
      title={a.requestId ? "Show this invocation's log lines" : 'No invocation: the request never reached the function'}
      onClick={showLogs}
    >
      <span className="mono muted" role="cell" title={a.at}>
        {formatClock(Date.parse(a.at))}
      </span>
      <span role="cell">
        <span className={`chip kind-${a.kind}`}>{KIND[a.kind] ?? a.kind}</span>
      </span>
      <span className="mono activity-route" role="cell" title={a.route}>
        {a.route}
      </span>
      <span className="activity-result" role="cell">
        {a.statusCode !== undefined && <span className={`badge badge-small badge-${statusCodeTone(a.statusCode)}`}>{a.statusCode}</span>}
        {a.status ? <span className={`status-text tone-${STATUS_TONE[a.status] ?? 'danger'}`}>{a.status}</span> : <span className="status-text muted">{a.requestId ? 'running' : 'not invoked'}</span>}
      </span>
      <span className="mono num" role="cell">
        {formatMs(a.durationMs)}
      </span>
      <span className="mono muted activity-request" role="cell">
        {a.requestId ?? '—'}
      </span>
    </div>
  );
}
