/**
 * Publish and PublishBatch onto the workspace's topics through MessagingManager.publish, the path
 * every publisher takes: filter policies, function subscriptions (through the async invocation
 * queue) and queue subscriptions as the template declares them. FIFO topics need a
 * MessageGroupId, deduplicate for 5 minutes (a duplicate is answered with the original's
 * MessageId and delivered to no one) and number their messages.
 */
import { createHash } from 'node:crypto';
import type { MessagingManager } from '../../triggers/messaging/messaging.js';
import type { SnsAttribute } from '../../triggers/messaging/sns.js';
import type { TopicConfig } from '../../workspace/read/messaging-loader.js';
import type { AwsRequest } from '../aws-request.js';
import type { LocalResources } from '../service.js';
import { AwsError } from '../wire.js';
import { emptyBatch, idsNotDistinct, invalidAttributeValue, invalidBatchEntryId, invalidParameter, tooManyEntries, topicNotFound } from './sns-errors.js';

export type Input = Record<string, unknown>;

export interface SnsContext {
  req: AwsRequest;
  resources: LocalResources;
}

/** SNS's limit on a message with its attributes. */
const MAXIMUM_MESSAGE_SIZE = 262_144;
const DEDUPLICATION_WINDOW_MS = 5 * 60 * 1000;

interface FifoState {
  sequence: bigint;
  seen: Map<string, { messageId: string; sequenceNumber: string; at: number }>;
}
/** Per session (one MessagingManager each) and topic ARN. */
const fifoStates = new WeakMap<MessagingManager, Map<string, FifoState>>();

export function topicOf(input: Input, ctx: SnsContext, name = 'TopicArn'): TopicConfig {
  const ref = text(input, name) ?? (name === 'TopicArn' ? text(input, 'TargetArn') : undefined);
  if (!ref) throw invalidParameter(`${name} Reason: no value for required parameter`);
  ctx.req.resource = ref.split(':').pop();
  const messaging = ctx.resources.triggers.messaging;
  // An ARN of another account or region still names the workspace topic of that name; !Ref gives a function the logical id.
  const topic = messaging.topic(ref) ?? (ref.startsWith('arn:') ? messaging.topic(ref.split(':').pop()!) : undefined);
  if (!topic) throw topicNotFound();
  ctx.req.resource = topic.topicName;
  return topic;
}

export function publish(input: Input, ctx: SnsContext): Input {
  return publishOne(topicOf(input, ctx), input, ctx);
}

export function publishBatch(input: Input, ctx: SnsContext): Input {
  const topic = topicOf(input, ctx);
  const entries = Array.isArray(input.PublishBatchRequestEntries) ? (input.PublishBatchRequestEntries as Input[]) : [];
  if (entries.length === 0) throw emptyBatch();
  if (entries.length > 10) throw tooManyEntries();
  const ids = new Set<string>();
  for (const e of entries) {
    const id = typeof e.Id === 'string' ? e.Id : '';
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(id)) throw invalidBatchEntryId();
    if (ids.has(id)) throw idsNotDistinct();
    ids.add(id);
  }
  const Successful: Input[] = [];
  const Failed: Input[] = [];
  for (const e of entries) {
    try {
      Successful.push({ Id: e.Id, ...publishOne(topic, e, ctx) });
    } catch (err) {
      if (!(err instanceof AwsError)) throw err;
      Failed.push({ Id: e.Id, Code: err.code, Message: err.message, SenderFault: true });
    }
  }
  return { Successful, Failed };
}

function publishOne(topic: TopicConfig, input: Input, ctx: SnsContext): Input {
  const message = text(input, 'Message');
  if (!message) throw invalidParameter('Empty message');
  const subject = text(input, 'Subject');
  if (subject !== undefined && (subject === '' || subject.length > 100 || /[^\x20-\x7e]/.test(subject))) throw invalidParameter('Subject');
  const attributes = messageAttributes(input.MessageAttributes);
  const size = Buffer.byteLength(message) + Object.entries(attributes).reduce((n, [k, a]) => n + Buffer.byteLength(k) + Buffer.byteLength(a.Type) + Buffer.byteLength(a.Value), 0);
  if (size > MAXIMUM_MESSAGE_SIZE) throw invalidParameter('Message too long');
  const perProtocol = text(input, 'MessageStructure') === 'json' ? structured(message) : undefined;
  if (text(input, 'MessageStructure') !== undefined && !perProtocol) throw invalidParameter('MessageStructure');
  const groupId = text(input, 'MessageGroupId');
  const dedupId = text(input, 'MessageDeduplicationId');
  const messaging = ctx.resources.triggers.messaging;
  const deliver = (fifo: { messageGroupId?: string; deduplicationId?: string } = {}) =>
    messaging.publish(topic, perProtocol?.default ?? message, subject, attributes, { ...fifo, ...(perProtocol ? { perProtocol } : {}) });

  if (!topic.fifo) {
    if (dedupId !== undefined) throw invalidParameter('MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type');
    return { MessageId: deliver().messageId };
  }
  if (!groupId) throw invalidParameter('The MessageGroupId parameter is required for FIFO topics');
  const deduplicationId = dedupId ?? (topic.contentBasedDeduplication ? createHash('sha256').update(message).digest('hex') : undefined);
  if (!deduplicationId) throw invalidParameter('The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
  const state = fifoState(messaging, topic.arn);
  const now = Date.now();
  for (const [id, seen] of state.seen) if (seen.at <= now - DEDUPLICATION_WINDOW_MS) state.seen.delete(id);
  const original = state.seen.get(deduplicationId);
  if (original) return { MessageId: original.messageId, SequenceNumber: original.sequenceNumber };
  const { messageId } = deliver({ messageGroupId: groupId, deduplicationId });
  const sequenceNumber = String(++state.sequence).padStart(20, '0');
  state.seen.set(deduplicationId, { messageId, sequenceNumber, at: now });
  return { MessageId: messageId, SequenceNumber: sequenceNumber };
}

function fifoState(messaging: MessagingManager, arn: string): FifoState {
  let byTopic = fifoStates.get(messaging);
  if (!byTopic) fifoStates.set(messaging, (byTopic = new Map()));
  let state = byTopic.get(arn);
  if (!state) byTopic.set(arn, (state = { sequence: 0n, seen: new Map() }));
  return state;
}

/** MessageStructure=json: a JSON object with a "default" text, and optionally one per protocol. */
function structured(message: string): { default: string; lambda?: string; sqs?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  const o = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  if (typeof o.default !== 'string') throw invalidParameter('Message Structure - No default entry in JSON message body');
  return { default: o.default, ...(typeof o.lambda === 'string' ? { lambda: o.lambda } : {}), ...(typeof o.sqs === 'string' ? { sqs: o.sqs } : {}) };
}

function messageAttributes(value: unknown): Record<string, SnsAttribute> {
  if (value === undefined || value === null) return {};
  const out: Record<string, SnsAttribute> = {};
  for (const [name, raw] of Object.entries(value as Record<string, unknown>)) {
    const a = (typeof raw === 'object' && raw !== null ? raw : {}) as { DataType?: unknown; StringValue?: unknown; BinaryValue?: unknown };
    const type = typeof a.DataType === 'string' ? a.DataType : '';
    const base = type.split('.')[0];
    if (base !== 'String' && base !== 'Number' && base !== 'Binary')
      throw invalidAttributeValue(`The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
    const v = base === 'Binary' ? a.BinaryValue : a.StringValue;
    if (typeof v !== 'string' || v === '') throw invalidAttributeValue(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`);
    if (base === 'Number' && !Number.isFinite(Number(v))) throw invalidAttributeValue(`Could not cast message attribute '${name}' value to number.`);
    if (type === 'String.Array' && !isJsonArray(v)) throw invalidAttributeValue(`The message attribute '${name}' with type 'String.Array' has an invalid value: it must be a JSON array.`);
    out[name] = { Type: type, Value: v };
  }
  return out;
}

function isJsonArray(v: string): boolean {
  try {
    return Array.isArray(JSON.parse(v));
  } catch {
    return false;
  }
}

export function text(input: Input, name: string): string | undefined {
  const v = input[name];
  return typeof v === 'string' ? v : undefined;
}
