/**
 * Reads what a SAM template says about messaging: AWS::SQS::Queue and AWS::SNS::Topic resources
 * (with a topic's Subscription list and AWS::SNS::Subscription resources), functions' Events of
 * Type SQS and SNS, and each function's async invocation settings (EventInvokeConfig,
 * DeadLetterQueue, or an AWS::Lambda::EventInvokeConfig resource).
 *
 * It reads the template the trigger manager was handed, already parsed
 * (template/parsed-template.ts), with an intrinsic context of its own (the engine's region and
 * account), as trigger-loader.ts does for HTTP and schedules, so the two stay independent. Names
 * follow CloudFormation's habit for a resource without an explicit name (<stack>-<LogicalId>),
 * made stable so ARNs do not change between loads.
 */
import type { SnsTrigger, SqsTrigger } from '../../../shared/domain/triggers.js';
import type { TemplateLocator } from '../template/cfn-tags.js';
import { DEFAULT_STACK_NAME, resolveValue, type IntrinsicContext } from '../template/intrinsics.js';
import { messagingName } from '../template/resource-names.js';
import { templateContext, typedResources, type TemplateResource } from '../template/template-context.js';
import type { ParsedTemplate } from '../template/parsed-template.js';
import type { WorkspaceProblem } from './template-loader.js';

/** An AWS::SQS::Queue as the template declares it; triggers/messaging/local-queue.ts runs one. */
export interface QueueConfig {
  logicalId: string;
  queueName: string;
  arn: string;
  url: string;
  visibilityTimeoutSeconds: number;
  messageRetentionSeconds: number;
  delaySeconds: number;
  /** How long a ReceiveMessage that names no WaitTimeSeconds long-polls (0 to 20). */
  receiveMessageWaitTimeSeconds?: number;
  fifo: boolean;
  /** FIFO: a message without a MessageDeduplicationId is deduplicated by its body's SHA-256. */
  contentBasedDeduplication?: boolean;
  /** RedrivePolicy: the dead-letter queue's logical id and maxReceiveCount. */
  redrive?: { deadLetterQueue: string; maxReceiveCount: number };
}

export interface TopicSubscription {
  protocol: 'lambda' | 'sqs';
  /** Logical id of the function or queue. */
  target: string;
  rawMessageDelivery: boolean;
  filterPolicy?: Record<string, unknown>;
  /** Where it was declared: '<Topic>.Subscription', '<Function> Events.<Name>', or an AWS::SNS::Subscription's id. */
  source: string;
}

export interface TopicConfig {
  logicalId: string;
  topicName: string;
  arn: string;
  fifo: boolean;
  /** FIFO: a message without a MessageDeduplicationId is deduplicated by its body's SHA-256. */
  contentBasedDeduplication?: boolean;
  subscriptions: TopicSubscription[];
}

export type DestinationType = 'SQS' | 'SNS' | 'Lambda' | 'EventBridge';
export interface Destination {
  type: DestinationType;
  /** The ARN as the template gives it, or the logical id it names. */
  arn: string;
  /** The queue, topic or function of this template it names, when it names one. */
  target?: string;
}

export interface AsyncConfig {
  logicalId: string;
  maximumRetryAttempts: number;
  maximumEventAgeSeconds: number;
  onSuccess?: Destination;
  onFailure?: Destination;
  deadLetter?: Destination;
}

export interface MessagingLoad {
  queues: QueueConfig[];
  topics: TopicConfig[];
  sqsTriggers: SqsTrigger[];
  /** Function subscriptions also appear in their topic's subscriptions; this is the Events view. */
  snsTriggers: SnsTrigger[];
  asyncConfigs: Map<string, AsyncConfig>;
  problems: WorkspaceProblem[];
}

export interface MessagingLoadOptions {
  region: string;
  accountId: string;
  stackName?: string;
}

export const ASYNC_DEFAULTS = { maximumRetryAttempts: 2, maximumEventAgeSeconds: 21_600 } as const;

type Where = Array<string | number>;
type Resource = TemplateResource;

export function readMessaging(template: ParsedTemplate, opts: MessagingLoadOptions): MessagingLoad {
  return new MessagingReader(template.loc, template.sections(), opts).read();
}

class MessagingReader {
  private readonly resources: Record<string, Resource>;
  private readonly ctx: IntrinsicContext;
  private readonly stack: string;
  private readonly out: MessagingLoad = { queues: [], topics: [], sqsTriggers: [], snsTriggers: [], asyncConfigs: new Map(), problems: [] };

  constructor(
    private readonly loc: TemplateLocator,
    template: Record<string, unknown>,
    private readonly opts: MessagingLoadOptions,
  ) {
    this.resources = typedResources(template);
    this.stack = opts.stackName ?? DEFAULT_STACK_NAME;
    this.ctx = templateContext(template, { region: opts.region, accountId: opts.accountId, stackName: this.stack });
  }

  read(): MessagingLoad {
    const { region, accountId } = this.opts;
    for (const [id, r] of Object.entries(this.resources)) {
      if (r.Type !== 'AWS::SQS::Queue') continue;
      const where: Where = ['Resources', id, 'Properties'];
      const p = this.props(id);
      const fifo = p.FifoQueue === true || p.FifoQueue === 'true';
      const name = messagingName(p.QueueName, id, this.stack, fifo);
      if (fifo && typeof p.QueueName === 'string' && p.QueueName && !p.QueueName.endsWith('.fifo')) this.report('error', `${id}: a FIFO queue's QueueName must end in .fifo`, [...where, 'QueueName']);
      const queue: QueueConfig = {
        logicalId: id,
        queueName: name,
        arn: `arn:aws:sqs:${region}:${accountId}:${name}`,
        url: `https://sqs.${region}.amazonaws.com/${accountId}/${name}`,
        visibilityTimeoutSeconds: this.int(p.VisibilityTimeout, 30, 0, 43_200, `${id}.VisibilityTimeout`, [...where, 'VisibilityTimeout']),
        messageRetentionSeconds: this.int(p.MessageRetentionPeriod, 345_600, 60, 1_209_600, `${id}.MessageRetentionPeriod`, [...where, 'MessageRetentionPeriod']),
        delaySeconds: this.int(p.DelaySeconds, 0, 0, 900, `${id}.DelaySeconds`, [...where, 'DelaySeconds']),
        ...(p.ReceiveMessageWaitTimeSeconds !== undefined
          ? { receiveMessageWaitTimeSeconds: this.int(p.ReceiveMessageWaitTimeSeconds, 0, 0, 20, `${id}.ReceiveMessageWaitTimeSeconds`, [...where, 'ReceiveMessageWaitTimeSeconds']) }
          : {}),
        fifo,
        ...(fifo && (p.ContentBasedDeduplication === true || p.ContentBasedDeduplication === 'true') ? { contentBasedDeduplication: true } : {}),
      };
      const redrive = obj(typeof p.RedrivePolicy === 'string' ? safeJson(p.RedrivePolicy) : p.RedrivePolicy);
      if (p.RedrivePolicy !== undefined) {
        const dlq = this.targetOf(redrive?.deadLetterTargetArn, 'AWS::SQS::Queue');
        const max = Number(redrive?.maxReceiveCount);
        if (!dlq) this.report('error', `${id}.RedrivePolicy.deadLetterTargetArn must name a queue of this template (!GetAtt <Queue>.Arn); no redrive`, [...where, 'RedrivePolicy']);
        else if (!Number.isInteger(max) || max < 1 || max > 1000)
          this.report('error', `${id}.RedrivePolicy.maxReceiveCount must be an integer from 1 to 1000; no redrive`, [...where, 'RedrivePolicy']);
        else queue.redrive = { deadLetterQueue: dlq, maxReceiveCount: max };
      }
      this.out.queues.push(queue);
    }
    for (const [id, r] of Object.entries(this.resources)) {
      if (r.Type !== 'AWS::SNS::Topic') continue;
      const p = this.props(id);
      const fifo = p.FifoTopic === true || p.FifoTopic === 'true';
      const name = messagingName(p.TopicName, id, this.stack, fifo);
      const topic: TopicConfig = {
        logicalId: id,
        topicName: name,
        arn: `arn:aws:sns:${region}:${accountId}:${name}`,
        fifo,
        ...(fifo && (p.ContentBasedDeduplication === true || p.ContentBasedDeduplication === 'true') ? { contentBasedDeduplication: true } : {}),
        subscriptions: [],
      };
      this.out.topics.push(topic);
      const subs = Array.isArray(p.Subscription) ? p.Subscription : [];
      subs.forEach((s, i) => {
        const sub = obj(s) ?? {};
        this.subscribe(topic, sub.Protocol, sub.Endpoint, { RawMessageDelivery: false }, `${id}.Subscription`, ['Resources', id, 'Properties', 'Subscription', i]);
      });
    }
    for (const [id, r] of Object.entries(this.resources)) {
      if (r.Type !== 'AWS::SNS::Subscription') continue;
      const p = this.props(id);
      const topicId = this.targetOf(p.TopicArn, 'AWS::SNS::Topic');
      const topic = this.out.topics.find((t) => t.logicalId === topicId);
      if (!topic) {
        this.report('warning', `${id}: TopicArn does not name a topic of this template; not subscribed`, ['Resources', id, 'Properties', 'TopicArn']);
        continue;
      }
      this.subscribe(topic, p.Protocol, p.Endpoint, p, id, ['Resources', id]);
    }
    for (const [id, r] of Object.entries(this.resources)) {
      if (r.Type === 'AWS::Serverless::Function') this.readFunction(id);
    }
    for (const [id, r] of Object.entries(this.resources)) {
      if (r.Type !== 'AWS::Lambda::EventInvokeConfig') continue;
      const p = this.props(id);
      const fn = this.targetOf(p.FunctionName, 'AWS::Serverless::Function');
      if (!fn) {
        this.report('warning', `${id}: FunctionName does not name a function of this template; ignored`, ['Resources', id]);
        continue;
      }
      this.asyncConfig(fn, p, ['Resources', id, 'Properties']);
    }
    return this.out;
  }

  private readFunction(fnId: string): void {
    const props = obj(this.resources[fnId]!.Properties) ?? {};
    const base: Where = ['Resources', fnId, 'Properties'];
    if (props.EventInvokeConfig !== undefined || props.DeadLetterQueue !== undefined) {
      const resolved = obj(this.resolve(props.EventInvokeConfig ?? {})) ?? {};
      this.asyncConfig(fnId, resolved, [...base, 'EventInvokeConfig']);
      if (props.DeadLetterQueue !== undefined) {
        const dlq = obj(this.resolve(props.DeadLetterQueue)) ?? {};
        const type = dlq.Type;
        if (type !== 'SQS' && type !== 'SNS') this.report('error', `${fnId}.DeadLetterQueue.Type must be SQS or SNS; no dead-letter queue`, [...base, 'DeadLetterQueue'], fnId);
        else this.config(fnId).deadLetter = this.destination(type, dlq.TargetArn, `${fnId}.DeadLetterQueue`, [...base, 'DeadLetterQueue'], fnId);
      }
    }
    for (const [eventName, raw] of Object.entries(obj(props.Events) ?? {})) {
      const event = obj(raw);
      if (!event || (event.Type !== 'SQS' && event.Type !== 'SNS')) continue;
      const where: Where = [...base, 'Events', eventName];
      const p = obj(this.resolve(event.Properties ?? {})) ?? {};
      const line = this.loc.line(where);
      if (event.Type === 'SQS') {
        const queue = this.targetOf(p.Queue, 'AWS::SQS::Queue');
        if (!queue) {
          this.report('error', `Events.${eventName}: Queue must name a queue of this template (!GetAtt <Queue>.Arn or its ARN); not polled`, where, fnId);
          continue;
        }
        const types = Array.isArray(p.FunctionResponseTypes) ? p.FunctionResponseTypes : [];
        const trigger: SqsTrigger = {
          kind: 'sqs',
          logicalId: fnId,
          eventName,
          queue,
          batchSize: this.int(p.BatchSize, 10, 1, 10_000, `Events.${eventName}.BatchSize`, where, fnId),
          maximumBatchingWindowSeconds: this.int(p.MaximumBatchingWindowInSeconds, 0, 0, 300, `Events.${eventName}.MaximumBatchingWindowInSeconds`, where, fnId),
          reportBatchItemFailures: types.includes('ReportBatchItemFailures'),
          enabled: p.Enabled === undefined ? true : String(p.Enabled).toLowerCase() !== 'false',
          ...(line ? { line } : {}),
        };
        if (trigger.batchSize > 10 && trigger.maximumBatchingWindowSeconds === 0) {
          this.report('warning', `Events.${eventName}: a BatchSize over 10 needs MaximumBatchingWindowInSeconds of at least 1 (SAM refuses it)`, where, fnId);
        }
        if (p.FilterCriteria !== undefined) this.report('warning', `Events.${eventName}: FilterCriteria is not applied by faaslab; every message reaches the function`, where, fnId);
        this.out.sqsTriggers.push(trigger);
      } else {
        const topicId = this.targetOf(p.Topic, 'AWS::SNS::Topic');
        const topic = this.out.topics.find((t) => t.logicalId === topicId);
        if (!topic) {
          this.report('error', `Events.${eventName}: Topic must name a topic of this template (!Ref <Topic>); not subscribed`, where, fnId);
          continue;
        }
        const filterPolicy = obj(typeof p.FilterPolicy === 'string' ? safeJson(p.FilterPolicy) : p.FilterPolicy);
        const trigger: SnsTrigger = { kind: 'sns', logicalId: fnId, eventName, topic: topic.logicalId, ...(filterPolicy ? { filterPolicy } : {}), ...(line ? { line } : {}) };
        if (p.SqsSubscription !== undefined && p.SqsSubscription !== false) {
          this.report('warning', `Events.${eventName}: SqsSubscription is not simulated; faaslab delivers to the function directly`, where, fnId);
        }
        if (p.FilterPolicyScope === 'MessageBody')
          this.report('warning', `Events.${eventName}: FilterPolicyScope MessageBody is not supported; the policy is applied to message attributes`, where, fnId);
        this.out.snsTriggers.push(trigger);
        topic.subscriptions.push({ protocol: 'lambda', target: fnId, rawMessageDelivery: false, ...(filterPolicy ? { filterPolicy } : {}), source: `${fnId} Events.${eventName}` });
      }
    }
  }

  private subscribe(topic: TopicConfig, protocol: unknown, endpoint: unknown, p: Record<string, unknown>, source: string, where: Where): void {
    if (protocol !== 'lambda' && protocol !== 'sqs') {
      this.report('warning', `${source}: Protocol ${JSON.stringify(protocol)} is not simulated (faaslab delivers to lambda and sqs subscriptions)`, where);
      return;
    }
    const target = this.targetOf(endpoint, protocol === 'lambda' ? 'AWS::Serverless::Function' : 'AWS::SQS::Queue');
    if (!target) {
      this.report('warning', `${source}: Endpoint does not name a ${protocol === 'lambda' ? 'function' : 'queue'} of this template; not delivered`, where);
      return;
    }
    const filterPolicy = obj(typeof p.FilterPolicy === 'string' ? safeJson(p.FilterPolicy) : p.FilterPolicy);
    topic.subscriptions.push({
      protocol,
      target,
      source,
      rawMessageDelivery: p.RawMessageDelivery === true || p.RawMessageDelivery === 'true',
      ...(filterPolicy ? { filterPolicy } : {}),
    });
  }

  private asyncConfig(fnId: string, p: Record<string, unknown>, where: Where): void {
    const config = this.config(fnId);
    if (p.MaximumRetryAttempts !== undefined) config.maximumRetryAttempts = this.int(p.MaximumRetryAttempts, 2, 0, 2, 'MaximumRetryAttempts', [...where, 'MaximumRetryAttempts'], fnId);
    if (p.MaximumEventAgeInSeconds !== undefined)
      config.maximumEventAgeSeconds = this.int(p.MaximumEventAgeInSeconds, 21_600, 60, 21_600, 'MaximumEventAgeInSeconds', [...where, 'MaximumEventAgeInSeconds'], fnId);
    const dest = obj(p.DestinationConfig);
    for (const key of ['OnSuccess', 'OnFailure'] as const) {
      const d = obj(dest?.[key]);
      if (!d) continue;
      const type = d.Type ?? guessType(d.Destination);
      if (type !== 'SQS' && type !== 'SNS' && type !== 'Lambda' && type !== 'EventBridge') {
        this.report('error', `DestinationConfig.${key}.Type must be SQS, SNS, Lambda or EventBridge; no destination`, [...where, 'DestinationConfig', key], fnId);
        continue;
      }
      const found = this.destination(type, d.Destination, `DestinationConfig.${key}`, [...where, 'DestinationConfig', key], fnId);
      if (found) config[key === 'OnSuccess' ? 'onSuccess' : 'onFailure'] = found;
    }
  }

  private destination(type: DestinationType, value: unknown, label: string, where: Where, fnId: string): Destination | undefined {
    const kind = { SQS: 'AWS::SQS::Queue', SNS: 'AWS::SNS::Topic', Lambda: 'AWS::Serverless::Function', EventBridge: 'AWS::Events::EventBus' }[type];
    // A bus is named by its ARN's last part (event-bus/default), or is an AWS::Events::EventBus of the template (its logical id).
    const busArn = type === 'EventBridge' && typeof value === 'string' ? /:event-bus\/(.+)$/.exec(value)?.[1] : undefined;
    const target = busArn ?? this.targetOf(value, kind);
    const arn = typeof value === 'string' ? value : (target ?? JSON.stringify(value));
    if (type === 'EventBridge') {
      if (!target) this.report('warning', `${label}: ${arn} is not an event bus ARN nor an AWS::Events::EventBus of this template; records sent there are only logged`, where, fnId);
    } else if (!target)
      this.report('warning', `${label}: ${arn} is not a ${type === 'Lambda' ? 'function' : type === 'SQS' ? 'queue' : 'topic'} of this template; records sent there are only logged`, where, fnId);
    return { type, arn, ...(target ? { target } : {}) };
  }

  private config(fnId: string): AsyncConfig {
    let c = this.out.asyncConfigs.get(fnId);
    if (!c) this.out.asyncConfigs.set(fnId, (c = { logicalId: fnId, ...ASYNC_DEFAULTS }));
    return c;
  }

  /** The logical id a reference names: Ref (resolved to the id), GetAtt X.Arn, or an ARN / URL / name of a resource of that type. */
  private targetOf(value: unknown, type: string): string | undefined {
    const is = (id: unknown): id is string => typeof id === 'string' && this.resources[id]?.Type === type;
    if (is(value)) return value;
    const getAtt = obj(value)?.['Fn::GetAtt'];
    const attId = Array.isArray(getAtt) ? getAtt[0] : typeof getAtt === 'string' ? getAtt.split('.')[0] : undefined;
    if (is(attId)) return attId;
    const ref = obj(value)?.Ref;
    if (is(ref)) return ref;
    if (typeof value !== 'string') return undefined;
    const last = value.split(/[:/]/).pop();
    if (type === 'AWS::SQS::Queue') return this.out.queues.find((q) => q.arn === value || q.url === value || q.queueName === last)?.logicalId;
    if (type === 'AWS::SNS::Topic') return this.out.topics.find((t) => t.arn === value || t.topicName === last)?.logicalId;
    return undefined;
  }

  private props(id: string): Record<string, unknown> {
    return obj(this.resolve(this.resources[id]!.Properties ?? {})) ?? {};
  }

  private resolve(value: unknown): unknown {
    // GetAtt stays as it is (the resolver cannot know a deployed value): targetOf reads it.
    return resolveValue(value, this.ctx, () => {});
  }

  private int(value: unknown, fallback: number, min: number, max: number, label: string, where: Where, fnId?: string): number {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.report('error', `${label} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}; faaslab uses ${fallback}`, where, fnId);
      return fallback;
    }
    return n;
  }

  private report(severity: WorkspaceProblem['severity'], message: string, where: Where, logicalId?: string): void {
    let line: number | undefined;
    for (let n = where.length; n > 0 && line === undefined; n--) line = this.loc.line(where.slice(0, n));
    this.out.problems.push({ ...(logicalId ? { logicalId } : {}), severity, message, line });
  }
}

function guessType(value: unknown): DestinationType | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.startsWith('arn:aws:sqs:')) return 'SQS';
  if (value.startsWith('arn:aws:sns:')) return 'SNS';
  if (value.startsWith('arn:aws:lambda:')) return 'Lambda';
  if (value.startsWith('arn:aws:events:')) return 'EventBridge';
  return undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function obj(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
