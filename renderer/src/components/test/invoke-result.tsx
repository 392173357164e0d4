import type { InvocationRecord, Queued, RunResult } from '../../store/test-events.js';
import { formatMs, formatUsd, prettyResponse } from '../../lib/format.js';
import { lineLevel } from '../../lib/log-level.js';
import { Icon } from '../common/icons.js';
import { JsonView } from './json-view.js';

const STATUS: Record<InvocationRecord['status'], { label: string; tone: string; help: string }> = {
  success: { label: 'Success', tone: 'success', help: 'The handler returned a result.' },
  error: { label: 'Error', tone: 'danger', help: 'The handler threw or returned an error (a function error).' },
  timeout: { label: 'Timeout', tone: 'danger', help: 'The invocation ran past the function timeout and the environment was stopped.' },
  throttled: { label: 'Throttled', tone: 'warn', help: 'No execution environment was available within the concurrency limit.' },
  crashed: { label: 'Crashed', tone: 'danger', help: 'The runtime process exited during the invocation.' },
  oom: { label: 'OOM', tone: 'danger', help: 'The function used more than its memory size and was stopped (out of memory).' },
};

const CANCELLED = { label: 'Cancelled', tone: 'neutral', help: 'You cancelled the invocation; its execution environment was stopped.' };

export function InvokeResult({ result }: { result: RunResult }) {
  if (result.error) {
    return (
      <div className="result-card result-host-error" data-testid="invoke-error" role="alert">
        <Icon name="warning" /> <span>{result.error}</span>
      </div>
    );
  }
  if (result.queued) return <QueuedResult queued={result.queued} />;
  const r = result.record!;
  // A user's cancel ends the runtime, which the record reports as a crash: say what happened.
  const status = r.cancelled ? CANCELLED : (STATUS[r.status] ?? { label: r.status, tone: 'danger', help: '' });
  return (
    <div className="invoke-result" data-testid="invoke-result">
      <div className="result-summary">
        <span className={`badge badge-${status.tone}`} data-testid="invoke-status" data-status={r.status} title={status.help}>
          {status.label}
        </span>
        <span className={`chip ${r.coldStart ? 'chip-cold' : 'chip-warm'}`} data-testid="report-cold" data-cold={r.coldStart}>
          <Icon name={r.coldStart ? 'snowflake' : 'zap'} size={12} /> {r.coldStart ? 'Cold start' : 'Warm'}
        </span>
        <span className="spacer" />
        <span className="request-id" title={`Request id ${r.requestId}`}>
          {r.requestId}
        </span>
      </div>
      <dl className="report-grid">
        <Figure label="Duration" testId="report-duration" value={formatMs(r.durationMs)} />
        <Figure label="Billed duration" testId="report-billed" value={`${r.billedDurationMs} ms`} />
        <Figure
          label="Init duration"
          testId="report-init"
          value={r.initDurationMs === undefined ? '—' : formatMs(r.initDurationMs)}
          title={r.initDurationMs === undefined ? 'Warm start: no init phase' : 'Init phase of a cold start (not billed for managed runtimes)'}
        />
        <Figure
          label="Max memory used"
          testId="report-memory"
          value={`${r.maxMemoryUsedMb || '—'} / ${r.memorySizeMb} MB`}
          title={r.maxMemoryUsedMb ? undefined : 'Not measured: the environment stopped before it reported its memory'}
        />
        <Figure label="Cost (estimate)" testId="report-cost" value={formatUsd(r.costUsd)} title="Estimated at us-east-1 prices, before the free tier" />
      </dl>
      {r.error && (
        <section className="result-section" data-testid="invoke-error">
          <h4>
            {r.cancelled ? 'Stopped' : 'Error'} <code className="error-type">{r.error.errorType}</code>
          </h4>
          <p className="error-message">{r.error.errorMessage}</p>
          {r.error.trace.length > 0 && <pre className="stack-trace">{r.error.trace.join('\n')}</pre>}
        </section>
      )}
      {r.response !== undefined && (
        <section className="result-section">
          <h4>Response</h4>
          <JsonView text={prettyResponse(r.response)} testId="invoke-response" />
        </section>
      )}
      <section className="result-section">
        <h4>Log output</h4>
        <pre className="result-logs" data-testid="invoke-logs">
          {r.logs.length === 0 && <span className="muted">No log lines.</span>}
          {r.logs.map((line, i) => (
            <div key={i} className={`log-text level-${lineLevel(line)}`}>
              {line}
            </div>
          ))}
        </pre>
      </section>
    </div>
  );
}

function Figure({ label, value, testId, title }: { label: string; value: string; testId: string; title?: string }) {
  return (
    <div className="figure" title={title}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

/**
 * An Event invocation: Lambda answers 202 at once; the attempts (the first, then the retries after
 * the function's errors, as MaximumRetryAttempts allows) follow as they run, with the last in full.
 */
function QueuedResult({ queued }: { queued: Queued }) {
  const last = queued.attempts.at(-1);
  return (
    <div className="queued-result">
      <div className="result-summary" data-testid="invoke-queued">
        <span className="badge badge-neutral" title="The event is in the function's async queue; Lambda answered the Invoke call with 202 Accepted.">
          Queued (202)
        </span>
        <span className="spacer" />
        <span className="request-id" title={`Request id ${queued.requestId}`}>
          {queued.requestId}
        </span>
      </div>
      <table className="attempts-table" data-testid="invoke-attempts">
        <thead>
          <tr>
            <th>Attempt</th>
            <th>Status</th>
            <th>Duration</th>
            <th>Error</th>
          </tr>
        </thead>
        <tbody>
          {queued.attempts.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                <span className="spinner" aria-hidden="true" /> Waiting for the first attempt…
              </td>
            </tr>
          )}
          {queued.attempts.map((a, i) => {
            const status = STATUS[a.status] ?? { label: a.status, tone: 'danger', help: '' };
            return (
              <tr key={i} data-testid="invoke-attempt" data-status={a.status}>
                <td>{i + 1}</td>
                <td>
                  <span className={`badge badge-${status.tone}`} title={status.help}>
                    {status.label}
                  </span>
                </td>
                <td>{formatMs(a.durationMs)}</td>
                <td className="attempt-error">{a.error ? `${a.error.errorType}: ${a.error.errorMessage}` : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {last && (
        <>
          <h4 className="attempt-detail-title">Attempt {queued.attempts.length}</h4>
          <InvokeResult result={{ record: last }} />
        </>
      )}
    </div>
  );
}
