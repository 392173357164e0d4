/**
 * The triggers of one open workspace: its routes and Function URLs, served by the host's HTTP
 * trigger server (http-hub.ts), and its schedules, fired by a Scheduler. The workspace session
 * starts it with the template it loaded, hands it every template it reloads, and closes it.
 *
 * Every trigger invocation goes through engine.invoke like any other (so it is logged, counted
 * and pushed as an 'invocation'), and is reported as activity.
 */
import { describeSandbox } from '../engine/sandbox/sandbox-support.js';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { BucketInfo, TableInfo } from '../../shared/api/storage-schemas.js';
import type { ScheduleInfo, TriggersInfo } from '../../shared/api/schemas.js';
import type { EventRule } from '../../shared/domain/eventbridge.js';
import type { HttpRouteTrigger, ScheduleTrigger, TriggerActivity } from '../../shared/domain/triggers.js';
import { describeSchedule, parseSchedule } from '../../shared/schedule/index.js';
import type { Engine, InvokeResult } from '../engine/engine.js';
import { DEFAULT_STACK_NAME } from '../workspace/template/intrinsics.js';
import type { ParsedTemplate } from '../workspace/template/parsed-template.js';
import { readTemplateTriggers, type TriggerLoad } from '../workspace/read/trigger-loader.js';
import type { HttpTriggerHub } from './http-hub.js';
import { schedulePayload } from './schedule/schedule-event.js';
import { Scheduler, scheduleId, type Clock, type ScheduleState } from './schedule/scheduler.js';
import { StorageTriggers } from './storage/storage-triggers.js';
import { MessagingManager } from './messaging/messaging.js';
import { EventBuses } from './eventbridge/event-bus.js';
import { eventSources } from './event-sources.js';
import { triggerActivity, triggerRef, type TriggerSource } from './trigger-source.js';
import type { EventInvoker } from './event-invoker.js';
import type { QueueInfo } from '../../shared/api/schemas.js';

export interface TriggerManagerOptions {
  engine: Engine;
  /** The session's async invocation queue: SNS deliveries, S3 notifications and destinations run through it. */
  async: EventInvoker;
  hub: HttpTriggerHub;
  /** 'triggers': the list, the API URL or a schedule's enabled state changed. */
  onChange(info: TriggersInfo): void;
  onActivity(activity: TriggerActivity): void;
  /** Failures nobody waits for (a scheduled invocation that could not start). */
  log(line: string): void;
  /** 'tables': a local DynamoDB table changed (debounced). */
  onTables?(tables: TableInfo[]): void;
  /** 'buckets': objects of local buckets changed (debounced). */
  onBuckets?(buckets: BucketInfo[], changed: string[]): void;
  clock?: Clock;
  /** False: schedules are listed but never fire (`faaslab invoke` runs one function, nothing else). */
  schedules?: boolean;
  stackName?: string;
  /** 'queues': a local SQS queue or its counts changed (debounced). */
  onQueues?(queues: QueueInfo[]): void;
}

/** How many upcoming fire times triggers.list gives per schedule. */
const UPCOMING = 5;

export class TriggerManager {
  private load: TriggerLoad = { routes: [], functionUrls: [], apis: [], schedules: [], problems: [] };
  private readonly scheduler: Scheduler;
  private lastPushed = '';
  private served = false;
  private closed = false;
  /** Buckets, tables, S3 notifications and DynamoDB stream pollers (triggers/storage/). */
  readonly storage: StorageTriggers;
  /** Queues, topics and SQS pollers (triggers/messaging/). */
  readonly messaging: MessagingManager;
  /** EventBridge buses and rules (triggers/eventbridge/). */
  readonly events: EventBuses;

  constructor(private readonly opts: TriggerManagerOptions) {
    this.scheduler = new Scheduler({ clock: opts.clock, fire: (trigger, time) => void this.fireScheduled(trigger, time) });
    this.messaging = new MessagingManager({
      engine: opts.engine,
      async: opts.async,
      onActivity: (a) => opts.onActivity(a),
      onQueues: opts.onQueues,
      log: opts.log,
      stackName: opts.stackName,
      putEvent: (ref, event) => {
        const bus = this.events.busName(ref);
        this.events.put({ ...event, bus, resources: [`arn:aws:events:${opts.engine.region}:${opts.engine.accountId}:event-bus/${bus}`, ...event.resources] });
      },
    });
    this.events = new EventBuses({ engine: opts.engine, async: opts.async, messaging: this.messaging, log: opts.log, stackName: opts.stackName });
    this.storage = new StorageTriggers({ engine: opts.engine, async: opts.async, onActivity: (a) => opts.onActivity(a), onTables: opts.onTables, onBuckets: opts.onBuckets, log: opts.log });
  }

  /**
   * Serves and schedules what this template declares; it comes parsed, as the workspace's
   * functions were loaded from it, and every reader here shares that one parse. The first call
   * takes the host's HTTP trigger server over; later ones (reloads) only change what it serves
   * while this session still has it, so a reload of a session being replaced by workspace.open
   * cannot take it back.
   */
  apply(template: ParsedTemplate): void {
    if (this.closed) return;
    this.load = readTemplateTriggers(template);
    if (this.served) this.opts.hub.update(this, this.load);
    else this.opts.hub.serve(this, this.opts.engine, this.load);
    this.served = true;
    this.scheduler.update(this.opts.schedules === false ? [] : this.load.schedules);
    this.storage.apply(this.load.storage, path.dirname(template.path));
    this.messaging.apply(template);
    this.events.apply(template);
    this.changed();
  }

  info(): TriggersInfo {
    return {
      apiUrl: this.opts.hub.url,
      ...(this.opts.engine.awsEndpoint ? { awsEndpoint: this.opts.engine.awsEndpoint } : {}),
      sandbox: { kind: this.opts.engine.sandbox.kind, summary: describeSandbox(this.opts.engine.sandbox) },
      endpoints: this.opts.hub.endpointsOf(this.load),
      schedules: this.scheduler.list(UPCOMING).map(scheduleInfo),
      problems: [...this.load.problems, ...this.messaging.problems(), ...this.events.problems()],
      eventSources: eventSources(this.messaging.model().sqsTriggers, this.messaging.model().snsTriggers, this.load.storage),
      ...(this.events.rules().length ? { eventRules: this.events.rules().map(ruleInfo) } : {}),
    };
  }

  routes(): readonly HttpRouteTrigger[] {
    return this.load.routes;
  }

  schedule(id: string): ScheduleInfo | undefined {
    const state = this.scheduler.get(id, UPCOMING);
    return state && scheduleInfo(state);
  }

  /**
   * A run-time switch: it is not written to template.yaml (Enabled/State there stay the
   * deployed truth), and lasts until the workspace is closed or the template's own value changes.
   */
  setEnabled(id: string, enabled: boolean): ScheduleInfo | undefined {
    if (!this.scheduler.setEnabled(id, enabled)) return undefined;
    this.changed();
    return this.schedule(id);
  }

  /** Fires a schedule now, enabled or not, and resolves with the invocation once it ends. */
  fire(id: string, requestId: string = randomUUID()): Promise<InvokeResult> {
    const state = this.scheduler.get(id, 0);
    if (!state) throw new Error(`no schedule ${id}`);
    return this.invoke(state.trigger, new Date(), requestId);
  }

  close(): void {
    this.closed = true;
    this.scheduler.close();
    void this.storage.close();
    this.messaging.close();
    this.events.close();
    this.opts.hub.release(this);
  }

  private async fireScheduled(trigger: ScheduleTrigger, time: Date): Promise<void> {
    try {
      await this.invoke(trigger, time, randomUUID());
    } catch (err) {
      this.opts.log(`schedule ${scheduleId(trigger)}: cannot invoke ${trigger.logicalId}: ${(err as Error).message}`);
    }
  }

  private async invoke(trigger: ScheduleTrigger, time: Date, requestId: string): Promise<InvokeResult> {
    const { engine } = this.opts;
    const payload = schedulePayload(trigger, time, { region: engine.region, accountId: engine.accountId, stackName: this.opts.stackName ?? DEFAULT_STACK_NAME });
    const at = new Date();
    const source: TriggerSource = { trigger: 'schedule', kind: 'schedule', route: trigger.expression };
    try {
      const result = await engine.invoke(trigger.logicalId, { payload, requestId, source: triggerRef(source) });
      if (!this.closed) this.opts.onActivity(triggerActivity(source, trigger.logicalId, at, { requestId, status: result.record.status }));
      return result;
    } catch (err) {
      if (!this.closed) this.opts.onActivity(triggerActivity(source, trigger.logicalId, at));
      throw err;
    }
  }

  /** Pushes 'triggers' when something other than the passing of time changed. */
  private changed(): void {
    const info = this.info();
    const key = JSON.stringify({ ...info, schedules: info.schedules.map((s) => ({ ...s, nextFireTimes: s.nextFireTimes.length > 0 })) });
    if (key === this.lastPushed) return;
    this.lastPushed = key;
    this.opts.onChange(info);
  }
}

function ruleInfo(r: EventRule): NonNullable<TriggersInfo['eventRules']>[number] {
  return {
    name: r.name,
    bus: r.bus,
    logicalId: r.logicalId,
    ...(r.eventName ? { eventName: r.eventName } : {}),
    pattern: JSON.stringify(r.pattern),
    enabled: r.enabled,
    targets: r.targets.map((t) => `${t.kind} ${t.target}`),
    ...(r.line ? { line: r.line } : {}),
  };
}

function scheduleInfo({ trigger, enabled, nextFireTimes }: ScheduleState): ScheduleInfo {
  const parsed = trigger.error ? undefined : parseSchedule(trigger.expression, { dialect: trigger.type === 'Schedule' ? 'rule' : 'scheduler', timezone: trigger.timezone });
  return {
    id: scheduleId(trigger),
    logicalId: trigger.logicalId,
    eventName: trigger.eventName,
    expression: trigger.expression,
    ...(trigger.timezone ? { timezone: trigger.timezone } : {}),
    description: parsed?.ok ? describeSchedule(parsed.schedule) : trigger.expression || '(no expression)',
    enabled,
    nextFireTimes: nextFireTimes.map((d) => d.toISOString()),
    ...(trigger.error ? { error: trigger.error } : {}),
  };
}
