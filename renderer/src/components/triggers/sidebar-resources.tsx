import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useResources } from '../../store/resources.js';
import { useTriggers, type HttpEndpoint } from '../../store/triggers.js';
import { useUi } from '../../store/ui.js';
import { useWorkspace } from '../../store/workspace.js';
import { Icon, type IconName } from '../common/icons.js';

interface ApiGroup {
  apiId: string;
  kind: HttpEndpoint['kind'];
  routes: number;
  /** The function whose Triggers tab a click opens: the first one with a route in it. */
  logicalId: string;
}

function openTriggers(logicalId: string): void {
  useWorkspace.getState().select(logicalId);
  useUi.getState().setTab(logicalId, 'triggers');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The workspace's APIs, Function URLs and schedules (a click opens the function's Triggers tab),
 * and its queues, topics, buckets and tables (a click opens the resource view).
 */
export function SidebarResources() {
  const info = useTriggers((s) => s.info);
  const { queues, topics, buckets, tables, open, show } = useResources(useShallow((s) => ({ queues: s.queues, topics: s.topics, buckets: s.buckets, tables: s.tables, open: s.open, show: s.show })));
  const isOpen = (kind: string, id: string) => open?.kind === kind && open.logicalId === id;
  const apis = useMemo(() => {
    const groups = new Map<string, ApiGroup>();
    for (const e of info?.endpoints ?? []) {
      if (e.kind === 'function-url') continue;
      const id = e.apiId ?? (e.kind === 'http-api' ? 'ServerlessHttpApi' : 'ServerlessRestApi');
      const g = groups.get(id) ?? { apiId: id, kind: e.kind, routes: 0, logicalId: e.logicalId };
      g.routes++;
      groups.set(id, g);
    }
    return [...groups.values()];
  }, [info]);
  const urls = useMemo(() => (info?.endpoints ?? []).filter((e) => e.kind === 'function-url'), [info]);
  const schedules = info?.schedules ?? [];
  if (!info) return null;
  const count = apis.length + urls.length + schedules.length + queues.length + topics.length + buckets.length + tables.length;
  const base = info.apiUrl?.replace(/^https?:\/\//, '');

  return (
    <section className="sidebar-section" aria-label="Resources" data-testid="sidebar-resources">
      <header className="sidebar-section-header">
        <span>Resources</span>
        <span className="count-pill">{count}</span>
      </header>
      {count === 0 && <p className="sidebar-empty">No APIs, schedules, queues, topics, buckets or tables. Add one from a function's Triggers tab.</p>}
      <ul className="resource-list">
        {apis.map((a) => (
          <Resource
            key={a.apiId}
            icon="link"
            testId={`resource-api-${a.apiId}`}
            name={a.apiId}
            meta={`${a.kind === 'http-api' ? 'HTTP API' : 'REST API'} · ${a.routes} route${a.routes === 1 ? '' : 's'}${base ? ` · ${base}` : ''}`}
            title={`${info.apiUrl ?? 'not served'} — open the Triggers tab of ${a.logicalId}`}
            onClick={() => openTriggers(a.logicalId)}
          />
        ))}
        {urls.map((u) => (
          <Resource
            key={u.url}
            icon="link"
            testId={`resource-url-${u.logicalId}`}
            name={`${u.logicalId} URL`}
            meta={`Function URL · ${u.path}`}
            title={u.url}
            onClick={() => openTriggers(u.logicalId)}
          />
        ))}
        {schedules.map((s) => (
          <Resource
            key={s.id}
            icon="clock"
            testId={`resource-schedule-${s.logicalId}-${s.eventName}`}
            name={s.eventName}
            meta={`${s.error ? 'invalid' : s.enabled ? s.description : `disabled · ${s.description}`}`}
            title={`${s.expression} on ${s.logicalId}${s.error ? ` — ${s.error}` : ''}`}
            off={!s.enabled || !!s.error}
            onClick={() => openTriggers(s.logicalId)}
          />
        ))}
        {queues.map((q) => (
          <Resource
            key={`q:${q.logicalId}`}
            icon="layers"
            testId={`resource-queue-${q.logicalId}`}
            name={q.logicalId}
            meta={`SQS · ${q.visible} visible · ${q.inFlight} in flight`}
            badge={q.isDeadLetterQueue ? 'DLQ' : undefined}
            title={`${q.queueName}${q.consumers.length ? ` -> ${q.consumers.join(', ')}` : ''}`}
            active={isOpen('queue', q.logicalId)}
            onClick={() => show('queue', q.logicalId)}
          />
        ))}
        {topics.map((t) => (
          <Resource
            key={`t:${t.logicalId}`}
            icon="zap"
            testId={`resource-topic-${t.logicalId}`}
            name={t.logicalId}
            meta={`SNS · ${plural(t.subscriptions.length, 'subscriber')}`}
            title={t.topicName}
            active={isOpen('topic', t.logicalId)}
            onClick={() => show('topic', t.logicalId)}
          />
        ))}
        {buckets.map((b) => (
          <Resource
            key={`b:${b.logicalId}`}
            icon="folder"
            testId={`resource-bucket-${b.logicalId}`}
            name={b.logicalId}
            meta={`S3 · ${plural(b.objectCount, 'object')}`}
            title={b.folder}
            active={isOpen('bucket', b.logicalId)}
            onClick={() => show('bucket', b.logicalId)}
          />
        ))}
        {tables.map((t) => (
          <Resource
            key={`d:${t.logicalId}`}
            icon="file"
            testId={`resource-table-${t.logicalId}`}
            name={t.logicalId}
            meta={`DynamoDB · ${plural(t.itemCount, 'item')}`}
            badge={t.streamViewType ? 'stream' : undefined}
            title={`${t.tableName}${t.streamViewType ? ` · stream ${t.streamViewType}` : ''}`}
            active={isOpen('table', t.logicalId)}
            onClick={() => show('table', t.logicalId)}
          />
        ))}
      </ul>
    </section>
  );
}

interface ResourceProps {
  icon: IconName;
  testId: string;
  name: string;
  meta: string;
  title: string;
  off?: boolean;
  badge?: string;
  active?: boolean;
  onClick(): void;
}

function Resource({ icon, testId, name, meta, title, off, badge, active, onClick }: ResourceProps) {
  return (
    <li>
      <button type="button" className={`resource-item ${off ? 'is-off' : ''} ${active ? 'is-active' : ''}`} data-testid={testId} title={title} aria-current={active || undefined} onClick={onClick}>
        <span className={`resource-icon icon-${icon}`} aria-hidden="true">
          <Icon name={icon} size={13} />
        </span>
        <span className="resource-text">
          <span className="resource-name">
            {name}
            {badge && <span className="resource-badge">{badge}</span>}
          </span>
          <span className="resource-meta">{meta}</span>
        </span>
      </button>
    </li>
  );
}
