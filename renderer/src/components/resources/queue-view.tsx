import { useCallback, useEffect, useMemo, useState } from 'react';
import type { QueueMessageInfo } from '../../../../shared/api/schemas.js';
import { client, errorMessage } from '../../api/index.js';
import { useResources } from '../../store/resources.js';
import { toastError, useUi } from '../../store/ui.js';
import { useWorkspace } from '../../store/workspace.js';
import { Icon } from '../common/icons.js';
import { ConfirmButton } from './confirm-button.js';
import { formatJson } from './dynamo.js';
import { FormError } from '../common/form-error.js';

const STATE_LABEL: Record<QueueMessageInfo['state'], string> = { visible: 'visible', inFlight: 'in flight', delayed: 'delayed' };
const STATE_TONE: Record<QueueMessageInfo['state'], string> = { visible: 'badge-success', inFlight: 'badge-warn', delayed: 'badge-neutral' };

/** The queue inspector: counts, dead-letter wiring, consumers, a send form and the messages. */
export function QueueView({ logicalId }: { logicalId: string }) {
  const queue = useResources((s) => s.queues.find((q) => q.logicalId === logicalId));
  const queues = useResources((s) => s.queues);
  const dlqSources = useMemo(() => queues.filter((q) => q.deadLetterTarget === logicalId).map((q) => q.logicalId), [queues, logicalId]);
  const show = useResources((s) => s.show);
  const [messages, setMessages] = useState<QueueMessageInfo[]>([]);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setMessages(await client.call('queues.messages', { queue: logicalId }));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [logicalId]);
  // Each 'queues' push replaces the queue object: reload the messages with it.
  useEffect(() => void refresh(), [refresh, queue]);

  if (!queue) return null;
  const purge = async () => {
    try {
      const { purged } = await client.call('queues.purge', { queue: logicalId });
      useUi.getState().toast('info', `Purged ${purged} message${purged === 1 ? '' : 's'} from ${logicalId}`);
      await refresh();
    } catch (e) {
      toastError(e);
    }
  };

  return (
    <>
      <section className="card" aria-label="Queue">
        <div className="stat-row">
          <Stat label="Visible" value={queue.visible} testId="queue-visible" />
          <Stat label="In flight" value={queue.inFlight} testId="queue-in-flight" />
          <Stat label="Delayed" value={queue.delayed} testId="queue-delayed" />
          <div className="stat-facts">
            <span className="chip">{queue.fifo ? 'FIFO' : 'standard'}</span>
            <span className="chip">visibility {queue.visibilityTimeoutSeconds} s</span>
            {queue.deadLetterTarget && (
              <span className="chip">
                DLQ{' '}
                <button type="button" className="link-button" data-testid="queue-dlq-link" onClick={() => show('queue', queue.deadLetterTarget!)}>
                  {queue.deadLetterTarget}
                </button>{' '}
                after {queue.maxReceiveCount ?? '?'} receives
              </span>
            )}
            {queue.isDeadLetterQueue && (
              <span className="chip chip-warm" data-testid="queue-is-dlq">
                dead-letter queue for {dlqSources.join(', ') || 'another queue'}
              </span>
            )}
          </div>
        </div>
        <p className="resource-line">
          <span className="muted">Consumers:</span>{' '}
          {queue.consumers.length === 0 ? (
            <span className="muted">none (no function has an SQS event on it)</span>
          ) : (
            queue.consumers.map((c) => (
              <button key={c} type="button" className="link-button consumer-link" data-testid={`queue-consumer-${c}`} onClick={() => useWorkspace.getState().select(c)}>
                {c}
              </button>
            ))
          )}
        </p>
        <p className="resource-line mono muted text-small">{queue.url}</p>
      </section>
      <SendForm logicalId={logicalId} fifo={queue.fifo} onSent={refresh} />
      <section className="card" aria-label="Messages">
        <header className="card-header">
          <h3 className="card-title">Messages</h3>
          <span className="count-pill">{messages.length}</span>
          <span className="spacer" />
          <button type="button" className="btn btn-small btn-ghost" data-testid="queue-refresh" onClick={() => void refresh()}>
            <Icon name="refresh" size={13} /> Refresh
          </button>
          <ConfirmButton testId="queue-purge" label="Purge" question={`Delete every message in ${logicalId}?`} confirmLabel="Purge" disabled={messages.length === 0} onConfirm={purge} />
        </header>
        <FormError error={error} />
        {messages.length === 0 ? (
          <p className="trigger-empty" data-testid="queue-messages-empty">
            No messages. {queue.consumers.length > 0 ? 'Consumers receive them as they arrive.' : ''}
          </p>
        ) : (
          <table className="data-table" data-testid="queue-messages">
            <thead>
              <tr>
                <th>Message id</th>
                <th>State</th>
                <th className="num">Receives</th>
                <th>Sent</th>
                <th>Body</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.messageId} data-testid="queue-message-row" data-state={m.state}>
                  <td className="mono" title={m.messageId}>
                    {m.messageId.slice(0, 8)}
                  </td>
                  <td>
                    <span className={`badge ${STATE_TONE[m.state]}`}>{STATE_LABEL[m.state]}</span>
                  </td>
                  <td className="num">{m.receiveCount}</td>
                  <td className="mono">{new Date(m.sentTimestamp).toLocaleTimeString()}</td>
                  <td className="mono ellipsis" title={m.body}>
                    {m.body}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

function Stat({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="stat">
      <span className="stat-value" data-testid={testId}>
        {value}
      </span>
      <span className="stat-label">{label}</span>
    </div>
  );
}

function SendForm({ logicalId, fifo, onSent }: { logicalId: string; fifo: boolean; onSent(): Promise<void> }) {
  const [body, setBody] = useState('{\n  "hello": "world"\n}');
  const [delay, setDelay] = useState('0');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const delaySeconds = Number(delay);
  const delayOk = /^\d+$/.test(delay.trim()) && delaySeconds <= 900;
  const pretty = formatJson(body);

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await client.call('queues.send', { queue: logicalId, body, delaySeconds: delaySeconds || undefined, messageGroupId: fifo ? 'faaslab' : undefined });
      setResult(r.messageId);
      await onSent();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-label="Send a message">
      <header className="card-header">
        <h3 className="card-title">Send a message</h3>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-small btn-ghost"
          disabled={pretty === undefined || pretty === body}
          title={pretty === undefined ? 'The body is not JSON' : 'Format the JSON body'}
          onClick={() => pretty && setBody(pretty)}
        >
          <Icon name="format" size={13} /> Format JSON
        </button>
      </header>
      <textarea className="mono resource-editor" rows={5} aria-label="Message body" data-testid="queue-send-body" spellCheck={false} value={body} onChange={(e) => setBody(e.target.value)} />
      <div className="resource-form-row">
        <label className="inline-label" htmlFor="queue-send-delay">
          Delay
        </label>
        <input id="queue-send-delay" className="input-narrow" data-testid="queue-send-delay" inputMode="numeric" value={delay} onChange={(e) => setDelay(e.target.value)} aria-invalid={!delayOk} />
        <span className="muted text-small">seconds (0–900)</span>
        <span className="spacer" />
        {result && (
          <span className="muted text-small" data-testid="queue-send-result">
            Sent {result.slice(0, 8)}
          </span>
        )}
        <button type="button" className="btn btn-primary btn-small" data-testid="queue-send" disabled={busy || !delayOk} onClick={() => void send()}>
          <Icon name="upload" size={13} /> Send
        </button>
      </div>
      <FormError error={error} />
    </section>
  );
}
