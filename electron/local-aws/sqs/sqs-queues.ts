/**
 * Finding a queue from a request, its URL as this endpoint hands it out, and the operations on
 * queues rather than messages: GetQueueUrl, ListQueues, GetQueueAttributes, PurgeQueue.
 *
 * A queue URL names its queue by its last path segment, so the real-looking URL a template's
 * queue has (https://sqs.us-east-1.amazonaws.com/123456789012/name), the endpoint's own
 * (http://127.0.0.1:4566/123456789012/name), and a bare name or logical id all reach it.
 * GetQueueUrl and ListQueues answer with the endpoint's own URL, on the host the caller reached:
 * SDK for JavaScript v3 sends a call to the QueueUrl's host whenever the client was not built with
 * an explicit `endpoint` (AWS_ENDPOINT_URL alone does not count), so a real-looking URL would take
 * a function's next call to real AWS.
 */
import type { LocalQueue } from '../../triggers/messaging/local-queue.js';
import type { AwsRequest } from '../aws-request.js';
import type { LocalResources } from '../service.js';
import { invalidAttributeName, missingParameter, queueDoesNotExist } from './sqs-errors.js';
import { optionalInt, optionalString, requiredString, stringList, type Input } from './sqs-input.js';

export interface SqsContext {
  req: AwsRequest;
  resources: LocalResources;
}

/** The queue a request's QueueUrl names (or, in the query protocol's older form, the request path). */
export function queueOf(input: Input, ctx: SqsContext): LocalQueue {
  const url = optionalString(input, 'QueueUrl') || (ctx.req.rawPath.length > 1 ? ctx.req.rawPath : undefined);
  if (!url) throw missingParameter('QueueUrl');
  const name = decodeURIComponent(url.replace(/\/+$/, '').split('/').pop() ?? '');
  ctx.req.resource = name;
  const queue = name ? ctx.resources.triggers.messaging.queue(name) : undefined;
  if (!queue) throw queueDoesNotExist();
  ctx.req.resource = queue.config.queueName;
  return queue;
}

export function queueUrl(queue: LocalQueue, ctx: SqsContext): string {
  const base = ctx.req.host ? `http://${ctx.req.host}` : ctx.resources.endpointUrl;
  return `${base}/${ctx.resources.accountId}/${encodeURIComponent(queue.config.queueName)}`;
}

export function getQueueUrl(input: Input, ctx: SqsContext): Input {
  const name = requiredString(input, 'QueueName');
  ctx.req.resource = name;
  const queue = ctx.resources.triggers.messaging.queue(name);
  // By name (or logical id, which is what !Ref gives a function locally); not by a URL or ARN.
  if (!queue || name.includes('/') || name.includes(':')) throw queueDoesNotExist();
  return { QueueUrl: queueUrl(queue, ctx) };
}

export function listQueues(input: Input, ctx: SqsContext): Input {
  const prefix = optionalString(input, 'QueueNamePrefix') ?? '';
  const max = optionalInt(input, 'MaxResults', 1, 1000, 'Value must be between 1 and 1000.');
  const token = optionalString(input, 'NextToken');
  const start = token ? Number(Buffer.from(token, 'base64').toString('utf8')) || 0 : 0;
  const names = ctx.resources.triggers.messaging
    .listQueues()
    .map((q) => q.queueName)
    .filter((n) => n.startsWith(prefix))
    .sort();
  const page = max === undefined ? names : names.slice(start, start + max);
  const urls = page.map((n) => queueUrl(ctx.resources.triggers.messaging.queue(n)!, ctx));
  const more = max !== undefined && start + max < names.length;
  return { ...(urls.length ? { QueueUrls: urls } : {}), ...(more ? { NextToken: Buffer.from(String(start + max)).toString('base64') } : {}) };
}

/** SQS's limit on a message's size (body and attributes), raised from 256 KiB to 1 MiB in 2025. */
export const MAXIMUM_MESSAGE_SIZE = 1_048_576;

const QUEUE_ATTRIBUTES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'QueueArn',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'RedrivePolicy',
  'SqsManagedSseEnabled',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
];
// Real attributes faaslab's queues have no value for: asked for by name, they are left out.
const OTHER_KNOWN = ['CreatedTimestamp', 'LastModifiedTimestamp', 'Policy', 'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'RedriveAllowPolicy'];

export function getQueueAttributes(input: Input, ctx: SqsContext): Input {
  const queue = queueOf(input, ctx);
  const asked = stringList(input, 'AttributeNames');
  for (const n of asked) if (n !== 'All' && !QUEUE_ATTRIBUTES.includes(n) && !OTHER_KNOWN.includes(n)) throw invalidAttributeName(n);
  const values = queueAttributeValues(queue, ctx);
  const wanted = asked.includes('All') ? Object.keys(values) : asked;
  const attributes = Object.fromEntries(wanted.filter((n) => values[n] !== undefined).map((n) => [n, values[n]!]));
  return Object.keys(attributes).length ? { Attributes: attributes } : {};
}

function queueAttributeValues(queue: LocalQueue, ctx: SqsContext): Record<string, string | undefined> {
  const c = queue.config;
  const counts = queue.counts();
  const dlq = c.redrive ? ctx.resources.triggers.messaging.queue(c.redrive.deadLetterQueue) : undefined;
  return {
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    DelaySeconds: String(c.delaySeconds),
    MaximumMessageSize: String(MAXIMUM_MESSAGE_SIZE),
    MessageRetentionPeriod: String(c.messageRetentionSeconds),
    QueueArn: c.arn,
    ReceiveMessageWaitTimeSeconds: String(c.receiveMessageWaitTimeSeconds ?? 0),
    VisibilityTimeout: String(c.visibilityTimeoutSeconds),
    RedrivePolicy: c.redrive && dlq ? JSON.stringify({ deadLetterTargetArn: dlq.config.arn, maxReceiveCount: c.redrive.maxReceiveCount }) : undefined,
    SqsManagedSseEnabled: 'true',
    // SQS answers the FIFO attributes only for a FIFO queue.
    FifoQueue: c.fifo ? 'true' : undefined,
    ContentBasedDeduplication: c.fifo ? String(!!c.contentBasedDeduplication) : undefined,
    DeduplicationScope: c.fifo ? 'queue' : undefined,
    FifoThroughputLimit: c.fifo ? 'perQueue' : undefined,
  };
}

export function purgeQueue(input: Input, ctx: SqsContext): Input {
  queueOf(input, ctx).purge();
  return {};
}
