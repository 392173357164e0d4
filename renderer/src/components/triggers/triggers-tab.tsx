import { useMemo, useState } from 'react';
import type { FunctionSummary } from '../../../../shared/api/schemas.js';
import { routeId, useTriggers } from '../../store/triggers.js';
import { Icon } from '../common/icons.js';
import { ActivityList } from './activity-list.js';
import { AddTriggerMenu } from './add-trigger-menu.js';
import { EventSourceList } from './event-source-list.js';
import { AddHttpTrigger } from './http-form.js';
import { RouteList, type RouteView } from './route-list.js';
import { ScheduleList } from './schedule-list.js';
import { eventNameOf } from './trigger-model.js';

/** What starts this function besides a direct invoke: HTTP routes, its Function URL, schedules, queues, topics, buckets, streams. */
export function TriggersTab({ fn }: { fn: FunctionSummary }) {
  const { logicalId } = fn;
  const info = useTriggers((s) => s.info);
  const loadError = useTriggers((s) => s.loadError);
  const remembered = useTriggers((s) => s.eventNames);

  const routes = useMemo<RouteView[]>(() => {
    const own = (info?.endpoints ?? []).filter((e) => e.logicalId === logicalId);
    // Routes first, in template order; the Function URL last.
    own.sort((a, b) => Number(a.kind === 'function-url') - Number(b.kind === 'function-url'));
    return own.map((endpoint) => ({ endpoint, ...eventNameOf(endpoint, remembered, routeId(endpoint)) }));
  }, [info, logicalId, remembered]);
  const schedules = useMemo(() => (info?.schedules ?? []).filter((s) => s.logicalId === logicalId), [info, logicalId]);
  const problems = useMemo(() => (info?.problems ?? []).filter((p) => p.logicalId === logicalId), [info, logicalId]);
  const sources = useMemo(() => (info?.eventSources ?? []).filter((s) => s.logicalId === logicalId), [info, logicalId]);
  const takenNames = useMemo(
    () => [...routes.filter((r) => r.endpoint.kind !== 'function-url').map((r) => r.name), ...schedules.map((s) => s.eventName), ...sources.map((s) => s.eventName)],
    [routes, schedules, sources],
  );
  const [httpSignal, setHttpSignal] = useState(0);

  if (!info) {
    return loadError ? <div className="tab-message error">Could not read the triggers: {loadError}</div> : <div className="tab-message">Loading triggers…</div>;
  }
  const routeCount = routes.filter((r) => r.endpoint.kind !== 'function-url').length;

  return (
    <div className="triggers-tab tab-scroll">
      {problems.length > 0 && (
        <ul className="trigger-problems" role="alert" data-testid="trigger-problems">
          {problems.map((p, i) => (
            <li key={i} className={`trigger-problem is-${p.severity}`}>
              <Icon name="warning" size={14} />
              <span>
                {p.line !== undefined && <span className="problem-line">template.yaml line {p.line}</span>}
                {p.message}
              </span>
            </li>
          ))}
        </ul>
      )}
      <AddTriggerMenu logicalId={logicalId} takenNames={takenNames} onHttp={() => setHttpSignal((n) => n + 1)} />
      <div className="triggers-grid">
        <section className="card" aria-label="HTTP triggers" data-testid="trigger-http">
          <header className="card-header">
            <h3 className="card-title">
              <Icon name="link" size={15} /> HTTP
            </h3>
            <span className="count-pill" title={`${routeCount} route${routeCount === 1 ? '' : 's'}`}>
              {routes.length}
            </span>
          </header>
          <p className="card-subtitle">
            {info.apiUrl ? (
              <>
                HTTP APIs, REST APIs and Function URLs all answer on <code>{info.apiUrl}</code>
              </>
            ) : (
              <span className="warn-note">
                <Icon name="warning" size={13} /> The HTTP trigger server is not running: routes are saved to template.yaml but not served.
              </span>
            )}
          </p>
          <RouteList logicalId={logicalId} routes={routes} apiUrl={info.apiUrl} />
          <div className="add-http-wrap">
            <AddHttpTrigger logicalId={logicalId} endpoints={info.endpoints} takenNames={takenNames} openSignal={httpSignal} />
          </div>
        </section>
        <section className="card" aria-label="Schedules" data-testid="trigger-schedules">
          <header className="card-header">
            <h3 className="card-title">
              <Icon name="clock" size={15} /> Schedules
            </h3>
            <span className="count-pill">{schedules.length}</span>
          </header>
          <p className="card-subtitle">EventBridge rules (Schedule, UTC) and Scheduler schedules (ScheduleV2) fire while faaslab is open.</p>
          <ScheduleList schedules={schedules} />
        </section>
        <section className="card" aria-label="Event sources" data-testid="trigger-event-sources">
          <header className="card-header">
            <h3 className="card-title">
              <Icon name="layers" size={15} /> Queues, topics, buckets, streams
            </h3>
            <span className="count-pill">{sources.length}</span>
          </header>
          <p className="card-subtitle">SQS, SNS, S3 and DynamoDB stream events deliver to this function while faaslab is open.</p>
          <EventSourceList logicalId={logicalId} sources={sources} />
        </section>
      </div>
      <ActivityList logicalId={logicalId} />
    </div>
  );
}
