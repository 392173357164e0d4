import { useState } from 'react';
import { client, errorMessage } from '../../api/index.js';
import { useResources } from '../../store/resources.js';
import { useWorkspace } from '../../store/workspace.js';
import { Icon } from '../common/icons.js';
import { formatJson } from './dynamo.js';

/** An SNS topic: who receives what it publishes, and a publish form. */
export function TopicView({ logicalId }: { logicalId: string }) {
  const topic = useResources((s) => s.topics.find((t) => t.logicalId === logicalId));
  const show = useResources((s) => s.show);
  const [subject, setSubject] = useState('');
  const [message, setMessage] = useState('{\n  "hello": "world"\n}');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ delivered: number; messageId: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!topic) return null;
  const pretty = formatJson(message);

  const publish = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await client.call('topics.publish', { topic: logicalId, message, subject: subject.trim() || undefined }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <section className="card" aria-label="Subscriptions">
        <header className="card-header">
          <h3 className="card-title">Subscriptions</h3>
          <span className="count-pill">{topic.subscriptions.length}</span>
        </header>
        <p className="resource-line mono muted text-small">{topic.arn}</p>
        {topic.subscriptions.length === 0 ? (
          <p className="trigger-empty">No subscribers: a message published here goes nowhere.</p>
        ) : (
          <table className="data-table" data-testid="topic-subscriptions">
            <thead>
              <tr>
                <th>Protocol</th>
                <th>Target</th>
                <th>Raw delivery</th>
                <th>Filter policy</th>
                <th>Declared in</th>
              </tr>
            </thead>
            <tbody>
              {topic.subscriptions.map((s) => (
                <tr key={`${s.protocol}:${s.target}:${s.source}`} data-testid={`topic-subscription-${s.target}`}>
                  <td>
                    <span className="chip">{s.protocol === 'lambda' ? 'Lambda' : 'SQS'}</span>
                  </td>
                  <td>
                    <button type="button" className="link-button" onClick={() => (s.protocol === 'lambda' ? useWorkspace.getState().select(s.target) : show('queue', s.target))}>
                      {s.target}
                    </button>
                  </td>
                  <td>{s.rawMessageDelivery ? 'yes' : 'no'}</td>
                  <td className="mono ellipsis" title={s.filterPolicy}>
                    {s.filterPolicy ?? '—'}
                  </td>
                  <td className="mono">{s.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-label="Publish">
        <header className="card-header">
          <h3 className="card-title">Publish a message</h3>
          <span className="spacer" />
          <button type="button" className="btn btn-small btn-ghost" disabled={pretty === undefined || pretty === message} onClick={() => pretty && setMessage(pretty)}>
            <Icon name="format" size={13} /> Format JSON
          </button>
        </header>
        <div className="resource-form-row">
          <label className="inline-label" htmlFor="topic-subject">
            Subject
          </label>
          <input id="topic-subject" className="input-wide" data-testid="topic-subject" maxLength={100} placeholder="optional" value={subject} onChange={(e) => setSubject(e.target.value)} />
        </div>
        <textarea className="mono resource-editor" rows={5} aria-label="Message" data-testid="topic-message" spellCheck={false} value={message} onChange={(e) => setMessage(e.target.value)} />
        <div className="resource-form-row">
          {result && (
            <span className={`badge ${result.delivered > 0 ? 'badge-success' : 'badge-warn'}`} data-testid="topic-result">
              delivered to {result.delivered} subscriber{result.delivered === 1 ? '' : 's'}
            </span>
          )}
          {error && (
            <span className="form-error" role="alert" data-testid="topic-error">
              {error}
            </span>
          )}
          <span className="spacer" />
          <button type="button" className="btn btn-primary btn-small" data-testid="topic-publish" disabled={busy} onClick={() => void publish()}>
            <Icon name="upload" size={13} /> Publish
          </button>
        </div>
      </section>
    </>
  );
}
