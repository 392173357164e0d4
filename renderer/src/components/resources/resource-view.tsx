import { useMemo } from 'react';
import { formatMs } from '../../lib/format.js';
import { activityOf, resourceName, useResources, type OpenResource, type ResourceKind } from '../../store/resources.js';
import { useLogs } from '../../store/logs.js';
import { useTriggers, type ActivityRow } from '../../store/triggers.js';
import { useUi } from '../../store/ui.js';
import { Icon, type IconName } from '../common/icons.js';
import { BucketView } from './bucket-view.js';
import { QueueView } from './queue-view.js';
import { TableView } from './table-view.js';
import { TopicView } from './topic-view.js';

const KIND: Record<ResourceKind, { label: string; icon: IconName }> = {
  queue: { label: 'SQS queue', icon: 'layers' },
  topic: { label: 'SNS topic', icon: 'zap' },
  bucket: { label: 'S3 bucket', icon: 'folder' },
  table: { label: 'DynamoDB table', icon: 'file' },
};

/** A queue, topic, bucket or table in the main area, in place of a function view. */
export function ResourceView({ open }: { open: OpenResource }) {
  const close = useResources((s) => s.close);
  const name = useResources((s) => resourceName(open.kind, s, open.logicalId));
  const kind = KIND[open.kind];
  return (
    <div className="function-view resource-view" data-testid="resource-view" data-kind={open.kind} data-logical-id={open.logicalId}>
      <header className="function-header resource-header">
        <div className="function-title">
          <button type="button" className="icon-button" data-testid="resource-close" title="Back to the function" aria-label="Close" onClick={close}>
            <Icon name="x" />
          </button>
          <span className={`resource-icon icon-${kind.icon}`} aria-hidden="true">
            <Icon name={kind.icon} size={15} />
          </span>
          <h1>{open.logicalId}</h1>
          <span className="function-facts">
            <span className="chip">{kind.label}</span>
            {name && name !== open.logicalId && (
              <span className="chip mono" title="Name">
                {name}
              </span>
            )}
          </span>
        </div>
      </header>
      <div className="tab-body resource-body">
        {name === undefined ? (
          <p className="trigger-empty">{open.logicalId} is no longer in the template.</p>
        ) : (
          <>
            {open.kind === 'queue' && <QueueView logicalId={open.logicalId} />}
            {open.kind === 'topic' && <TopicView logicalId={open.logicalId} />}
            {open.kind === 'bucket' && <BucketView logicalId={open.logicalId} />}
            {open.kind === 'table' && <TableView logicalId={open.logicalId} />}
            <RecentActivity kind={open.kind} name={name} />
          </>
        )}
      </div>
    </div>
  );
}

/** The trigger activity this resource started (the consumers' invocations), newest first. */
function RecentActivity({ kind, name }: { kind: ResourceKind; name: string }) {
  const all = useTriggers((s) => s.activity);
  const rows = useMemo(() => all.filter((a) => activityOf(kind, name, a)).slice(0, 20), [all, kind, name]);
  return (
    <section className="card" aria-label="Recent activity">
      <header className="card-header">
        <h3 className="card-title">
          <Icon name="activity" size={15} /> Recent activity
        </h3>
        {rows.length > 0 && <span className="count-pill">{rows.length}</span>}
      </header>
      {rows.length === 0 ? (
        <p className="trigger-empty">No invocations started by {name} yet.</p>
      ) : (
        <table className="data-table" data-testid="resource-activity">
          <thead>
            <tr>
              <th>Time</th>
              <th>Function</th>
              <th>Event</th>
              <th>Result</th>
              <th className="num">Duration</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <ActivityLine key={a.id} a={a} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ActivityLine({ a }: { a: ActivityRow }) {
  const showLogs = () => {
    if (!a.requestId) return;
    useLogs.getState().setFilter(a.requestId);
    useUi.getState().toggleLogPanel(true);
  };
  const tone = a.status === 'success' ? 'badge-success' : a.status ? 'badge-danger' : 'badge-neutral';
  return (
    <tr
      className={a.requestId ? 'is-link' : ''}
      data-testid="resource-activity-row"
      data-function={a.logicalId}
      data-status={a.status ?? ''}
      title={a.requestId ? "Show this invocation's log lines" : undefined}
      onClick={showLogs}
    >
      <td className="mono">{new Date(a.at).toLocaleTimeString()}</td>
      <td>{a.logicalId}</td>
      <td className="mono ellipsis">{a.route}</td>
      <td>
        <span className={`badge ${tone}`}>{a.status ?? '—'}</span>
      </td>
      <td className="num">{formatMs(a.durationMs)}</td>
    </tr>
  );
}
