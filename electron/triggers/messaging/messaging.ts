/**
 * The queues, topics and SQS pollers of one workspace session, and what its async invocation
 * queue reads from the template (each function's retries and destinations) and delivers to. The
 * trigger manager hands it every template it loads: queues that stay keep their messages (a
 * changed setting applies to them at once), queues that are gone are dropped with theirs.
 */
import type { QueueInfo, QueueMessageInfo, TopicInfo } from '../../../shared/api/schemas.js';
import type { TriggerActivity } from '../../../shared/domain/triggers.js';
import type { Engine } from '../../engine/engine.js';
import type { ParsedTemplate } from '../../workspace/template/parsed-template.js';
import type { WorkspaceProblem } from '../../workspace/read/template-loader.js';
import type { EventInvoker } from '../event-invoker.js';
import { LocalQueue, type MessageAttribute, type StoredMessage } from './local-queue.js';
import { readMessaging, type AsyncConfig, type Destination, type MessagingLoad, type TopicConfig } from '../../workspace/read/messaging-loader.js';
import { matchesFilterPolicy, newSnsMessage, snsEvent, snsNotificationJson, type PublishedAttributes } from './sns.js';
import { SqsPoller } from './sqs-poller.js';

export interface MessagingOptions {
  engine: Engine;
  /** The session's async invocation queue: SNS deliveries to functions and Lambda destinations go there. */
  async: EventInvoker;
  onActivity(activity: TriggerActivity): void;
  /** 'queues': the queues or their counts changed (debounced). */
  onQueues?(queues: QueueInfo[]): void;
  log(line: string): void;
  stackName?: string;
  /** EventBridge destinations: puts the record on the bus (its name, or its AWS::Events::EventBus logical id); the bus's ARN goes first in resources. */
  putEvent?(bus: string, event: { source: string; detailType: string; detail: Record<string, unknown>; resources: string[] }): void;
}

const PUSH_DEBOUNCE_MS = 100;

export class MessagingManager {
  private load: MessagingLoad = { queues: [], topics: [], sqsTriggers: [], snsTriggers: [], asyncConfigs: new Map(), problems: [] };
  private readonly queues = new Map<string, LocalQueue>();
  private pollers: SqsPoller[] = [];
  private pushTimer: NodeJS.Timeout | undefined;
  private visibleTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly opts: MessagingOptions) {}

  apply(template: ParsedTemplate): void {
    if (this.closed) return;
    const { engine } = this.opts;
    this.load = readMessaging(template, { region: engine.region, accountId: engine.accountId, stackName: this.opts.stackName });
    const keep = new Set(this.load.queues.map((q) => q.logicalId));
    for (const [id, q] of this.queues) {
      if (keep.has(id)) continue;
      q.purge();
      this.queues.delete(id);
    }
    for (const config of this.load.queues) {
      const existing = this.queues.get(config.logicalId);
      if (existing) existing.config = config;
      else this.queues.set(config.logicalId, new LocalQueue(config, { deadLetter: (id) => this.queues.get(id), onChange: () => this.queuesChanged() }));
    }
    const old = this.pollers;
    this.pollers = [];
    for (const p of old) void p.stop();
    for (const trigger of this.load.sqsTriggers) {
      if (!trigger.enabled) continue;
      this.pollers.push(new SqsPoller(trigger, { engine, queue: () => (this.closed ? undefined : this.queues.get(trigger.queue)), onActivity: this.opts.onActivity, log: this.opts.log }));
    }
    this.queuesChanged();
  }

  problems(): WorkspaceProblem[] {
    return this.load.problems;
  }

  model(): MessagingLoad {
    return this.load;
  }

  /** The function's retries, event age and destinations (EventInvokeConfig, DeadLetterQueue), if the template sets any. */
  asyncConfig(logicalId: string): AsyncConfig | undefined {
    return this.load.asyncConfigs.get(logicalId);
  }

  queue(ref: string): LocalQueue | undefined {
    const byId = this.queues.get(ref);
    if (byId) return byId;
    const last = ref.split(/[:/]/).pop();
    return [...this.queues.values()].find((q) => q.config.queueName === ref || q.config.arn === ref || q.config.url === ref || q.config.queueName === last);
  }

  topic(ref: string): TopicConfig | undefined {
    return this.load.topics.find((t) => t.logicalId === ref || t.topicName === ref || t.arn === ref);
  }

  listQueues(): QueueInfo[] {
    const deadLetterTargets = new Set(this.load.queues.map((q) => q.redrive?.deadLetterQueue).filter((x): x is string => !!x));
    return [...this.queues.values()].map((q) => {
      const c = q.config;
      return {
        logicalId: c.logicalId,
        queueName: c.queueName,
        arn: c.arn,
        url: c.url,
        fifo: c.fifo,
        visibilityTimeoutSeconds: c.visibilityTimeoutSeconds,
        ...q.counts(),
        ...(c.redrive ? { deadLetterTarget: c.redrive.deadLetterQueue, maxReceiveCount: c.redrive.maxReceiveCount } : {}),
        isDeadLetterQueue: deadLetterTargets.has(c.logicalId),
        consumers: this.load.sqsTriggers.filter((t) => t.queue === c.logicalId).map((t) => t.logicalId),
      };
    });
  }

  messages(queue: LocalQueue): QueueMessageInfo[] {
    return queue.peek().map((m) => ({
      messageId: m.messageId,
      body: m.body,
      md5OfBody: m.md5OfBody,
      state: m.state,
      receiveCount: m.receiveCount,
      sentTimestamp: m.sentTimestamp,
      ...(m.firstReceiveTimestamp !== undefined ? { firstReceiveTimestamp: m.firstReceiveTimestamp } : {}),
      visibleAt: m.visibleAt,
      messageAttributes: Object.fromEntries(Object.entries(m.messageAttributes).map(([k, a]) => [k, a.StringValue ?? a.BinaryValue ?? ''])),
      ...(m.deadLetterSourceArn ? { deadLetterSourceArn: m.deadLetterSourceArn } : {}),
    }));
  }

  listTopics(): TopicInfo[] {
    return this.load.topics.map((t) => ({
      logicalId: t.logicalId,
      topicName: t.topicName,
      arn: t.arn,
      subscriptions: t.subscriptions.map((s) => ({
        protocol: s.protocol,
        target: s.target,
        rawMessageDelivery: s.rawMessageDelivery,
        source: s.source,
        ...(s.filterPolicy ? { filterPolicy: JSON.stringify(s.filterPolicy) } : {}),
      })),
    }));
  }

  /** A topic's subscriptions as SNS lists them: ARN, protocol, and the endpoint's ARN (the function's or the queue's). */
  subscriptions(topic: TopicConfig): Array<{ subscriptionArn: string; protocol: 'lambda' | 'sqs'; endpoint: string }> {
    const { engine } = this.opts;
    return topic.subscriptions.map((s, i) => {
      const fn = s.protocol === 'lambda' ? engine.listFunctions().find((f) => f.logicalId === s.target) : undefined;
      const endpoint = fn ? engine.functionArn(fn) : s.protocol === 'sqs' ? (this.queues.get(s.target)?.config.arn ?? s.target) : s.target;
      return { subscriptionArn: `${topic.arn}:${subscriptionId(topic.logicalId, i)}`, protocol: s.protocol, endpoint };
    });
  }

  send(queue: LocalQueue, body: string, opts: { delaySeconds?: number; messageAttributes?: Record<string, MessageAttribute>; messageGroupId?: string } = {}): StoredMessage {
    return queue.send(body, opts);
  }

  /**
   * Fans a message out to every subscription whose filter policy matches; returns the message id
   * and how many got it. A FIFO topic passes its MessageGroupId and MessageDeduplicationId on to
   * FIFO queues; `perProtocol` is a MessageStructure=json message's text for lambda and sqs.
   */
  publish(
    topic: TopicConfig,
    message: string,
    subject?: string,
    attributes: PublishedAttributes = {},
    opts: { messageGroupId?: string; deduplicationId?: string; perProtocol?: Partial<Record<'lambda' | 'sqs', string>> } = {},
  ): { messageId: string; delivered: number } {
    const m = newSnsMessage(topic, message, subject, attributes);
    const { engine } = this.opts;
    let delivered = 0;
    topic.subscriptions.forEach((s, i) => {
      if (!matchesFilterPolicy(s.filterPolicy, attributes)) return;
      const subscriptionArn = `${topic.arn}:${subscriptionId(topic.logicalId, i)}`;
      const text = opts.perProtocol?.[s.protocol] ?? message;
      const sm = { ...m, message: text };
      if (s.protocol === 'lambda') {
        if (!engine.listFunctions().some((f) => f.logicalId === s.target)) return;
        this.opts.async.enqueue(s.target, { payload: JSON.stringify(snsEvent(sm, engine.region, subscriptionArn)) }, { trigger: 'sns', kind: 'sns', route: topic.topicName });
        delivered++;
      } else {
        const queue = this.queues.get(s.target);
        if (!queue) return;
        const body = s.rawMessageDelivery ? text : snsNotificationJson(sm, engine.region, subscriptionArn);
        const attrs = s.rawMessageDelivery
          ? Object.fromEntries(
              Object.entries(m.messageAttributes).map(([k, a]) => [k, a.Type === 'Binary' ? { DataType: 'Binary', BinaryValue: a.Value } : { DataType: a.Type, StringValue: a.Value }]),
            )
          : undefined;
        try {
          queue.send(body, {
            ...(attrs ? { messageAttributes: attrs } : {}),
            ...(queue.config.fifo ? { messageGroupId: opts.messageGroupId ?? topic.logicalId, ...(opts.deduplicationId ? { deduplicationId: opts.deduplicationId } : {}) } : {}),
          });
          delivered++;
        } catch (err) {
          this.opts.log(`SNS ${topic.topicName} -> ${queue.config.queueName}: ${(err as Error).message}`);
        }
      }
    });
    return { messageId: m.messageId, delivered };
  }

  close(): void {
    this.closed = true;
    for (const p of this.pollers) void p.stop();
    this.pollers = [];
    for (const q of this.queues.values()) q.wake();
    clearTimeout(this.pushTimer);
    clearTimeout(this.visibleTimer);
  }

  /** Destination records and dead-letter messages of the async queue. */
  deliver(d: Destination, body: string, attributes: Record<string, MessageAttribute> | undefined, origin: string): void {
    if (d.type === 'SQS' && d.target) {
      const q = this.queues.get(d.target);
      if (q) return void q.send(body, { ...(attributes ? { messageAttributes: attributes } : {}), ...(q.config.fifo ? { messageGroupId: 'faaslab' } : {}) });
    }
    if (d.type === 'SNS' && d.target) {
      const t = this.topic(d.target);
      const attrs = attributes ? Object.fromEntries(Object.entries(attributes).map(([k, a]) => [k, a.StringValue ?? ''])) : {};
      if (t) return void this.publish(t, body, undefined, attrs);
    }
    if (d.type === 'Lambda' && d.target) return void this.opts.async.enqueue(d.target, { payload: body }, 'destination');
    if (d.type === 'EventBridge' && d.target && this.opts.putEvent) return this.putDestinationEvent(d.target, body);
    this.opts.log(`${origin}: ${d.type} destination ${d.arn} is not local; the record was: ${body}`);
  }

  /** Lambda's event for a destination record: source "lambda", the outcome in its detail-type, the record as its detail. */
  private putDestinationEvent(bus: string, body: string): void {
    const record = JSON.parse(body) as { requestContext?: { condition?: string; functionArn?: string } };
    const outcome = record.requestContext?.condition === 'Success' ? 'Success' : 'Failure';
    this.opts.putEvent!(bus, {
      source: 'lambda',
      detailType: `Lambda Function Invocation Result - ${outcome}`,
      detail: record as Record<string, unknown>,
      resources: record.requestContext?.functionArn ? [record.requestContext.functionArn] : [],
    });
  }

  private queuesChanged(): void {
    if (this.closed || !this.opts.onQueues || this.pushTimer) return;
    this.pushTimer = setTimeout(() => {
      this.pushTimer = undefined;
      if (this.closed) return;
      this.opts.onQueues?.(this.listQueues());
      // Messages becoming visible again change the counts without an event: push then too.
      clearTimeout(this.visibleTimer);
      const next = Math.min(...[...this.queues.values()].map((q) => q.nextVisibleAt() ?? Infinity));
      if (Number.isFinite(next)) {
        this.visibleTimer = setTimeout(() => this.queuesChanged(), Math.max(0, next - Date.now()) + 5);
        this.visibleTimer.unref();
      }
    }, PUSH_DEBOUNCE_MS);
    this.pushTimer.unref();
  }
}

function subscriptionId(topicId: string, index: number): string {
  // Stable per topic and subscription, in the shape of an SNS subscription id.
  const hex = Buffer.from(`${topicId}:${index}`).toString('hex').padEnd(32, '0').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
