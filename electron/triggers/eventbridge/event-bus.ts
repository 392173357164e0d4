/**
 * The event buses of one workspace session: the template's EventBridge rules
 * (workspace/read/eventbridge-loader.ts), and the events put on them. An event is matched against
 * every enabled rule of its bus (shared/events/event-pattern.ts) and each matching rule's targets
 * get it as EventBridge delivers: a function as an asynchronous invocation through the session's
 * async queue (retries, destinations), reported as 'eventbridge' activity; a queue as a message;
 * a topic as a publish. The trigger manager hands it every template it loads.
 */
import { randomUUID } from 'node:crypto';
import type { EventRule, EventRuleTarget } from '../../../shared/domain/eventbridge.js';
import { matchesEventPattern } from '../../../shared/events/event-pattern.js';
import type { Engine } from '../../engine/engine.js';
import { readEventBridge, type EventBridgeLoad } from '../../workspace/read/eventbridge-loader.js';
import type { WorkspaceProblem } from '../../workspace/read/template-loader.js';
import type { ParsedTemplate } from '../../workspace/template/parsed-template.js';
import type { EventInvoker } from '../event-invoker.js';
import type { MessagingManager } from '../messaging/messaging.js';
import { targetPayload, type EventEnvelope } from './event-envelope.js';

export interface EventBusesOptions {
  engine: Pick<Engine, 'region' | 'accountId' | 'listFunctions' | 'functionArn'>;
  async: EventInvoker;
  messaging: MessagingManager;
  log(line: string): void;
  stackName?: string;
}

/** One PutEvents entry, checked by the caller. */
export interface PutEvent {
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
  /** A bus name; 'default' when the entry names none. */
  bus: string;
  resources?: string[];
  time?: Date;
}

export class EventBuses {
  private load: EventBridgeLoad = { buses: ['default'], busIds: {}, rules: [], problems: [] };
  private closed = false;

  constructor(private readonly opts: EventBusesOptions) {}

  apply(template: ParsedTemplate): void {
    if (this.closed) return;
    const { engine } = this.opts;
    this.load = readEventBridge(template, { region: engine.region, accountId: engine.accountId, stackName: this.opts.stackName });
  }

  problems(): WorkspaceProblem[] {
    return this.load.problems;
  }

  buses(): readonly string[] {
    return this.load.buses;
  }

  /** A bus's name from its name or the logical id of its AWS::Events::EventBus. */
  busName(ref: string): string {
    return this.load.busIds[ref] ?? ref;
  }

  rules(bus?: string): EventRule[] {
    return bus === undefined ? this.load.rules : this.load.rules.filter((r) => r.bus === bus);
  }

  /**
   * Puts one event on its bus: returns its id and the rules it matched. A bus the template does not
   * declare takes the event and delivers it nowhere, as EventBridge does; the host log says so.
   */
  put(entry: PutEvent): { eventId: string; matched: EventRule[] } {
    const { engine } = this.opts;
    const event: EventEnvelope = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.detailType,
      source: entry.source,
      account: engine.accountId,
      time: (entry.time ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: engine.region,
      resources: entry.resources ?? [],
      detail: entry.detail,
    };
    if (this.closed) return { eventId: event.id, matched: [] };
    if (!this.load.buses.includes(entry.bus)) this.opts.log(`EventBridge: no event bus ${entry.bus} in the template; event ${event.id} (${entry.source} ${entry.detailType}) went nowhere`);
    const matched = this.load.rules.filter((r) => r.enabled && r.bus === entry.bus && matchesEventPattern(r.pattern, event));
    for (const rule of matched) this.deliver(rule, event);
    return { eventId: event.id, matched };
  }

  close(): void {
    this.closed = true;
  }

  /** A target's ARN as ListTargetsByRule gives it: the function's, the queue's or the topic's. */
  targetArn(target: EventRuleTarget): string {
    const { engine, messaging } = this.opts;
    if (target.kind === 'function') {
      const fn = engine.listFunctions().find((f) => f.logicalId === target.target);
      return fn ? engine.functionArn(fn) : target.target;
    }
    if (target.kind === 'queue') return messaging.queue(target.target)?.config.arn ?? target.target;
    return messaging.topic(target.target)?.arn ?? target.target;
  }

  private deliver(rule: EventRule, event: EventEnvelope): void {
    const { async, messaging, engine, log } = this.opts;
    for (const target of rule.targets) {
      const payload = targetPayload(target, event, rule);
      if (target.kind === 'function') {
        if (!engine.listFunctions().some((f) => f.logicalId === target.target)) continue;
        async.enqueue(target.target, { payload }, { trigger: 'eventbridge', kind: 'eventbridge', route: `${rule.bus}/${rule.name}` });
      } else if (target.kind === 'queue') {
        const queue = messaging.queue(target.target);
        if (!queue) continue;
        try {
          messaging.send(queue, payload, queue.config.fifo ? { messageGroupId: rule.name } : {});
        } catch (err) {
          log(`EventBridge rule ${rule.name} -> ${queue.config.queueName}: ${(err as Error).message}`);
        }
      } else {
        const topic = messaging.topic(target.target);
        if (topic) messaging.publish(topic, payload, undefined, {}, topic.fifo ? { messageGroupId: rule.name, deduplicationId: event.id } : {});
      }
    }
  }
}
