/**
 * SendMessage and SendMessageBatch onto the workspace's LocalQueue, so that the queue's event
 * source mapping and the workbench see the message as they see any other. Checked as SQS checks
 * a message: its characters, its size, its attributes, and on a FIFO queue its MessageGroupId and
 * deduplication (a duplicate within 5 minutes is answered with the original's MessageId).
 */
import { createHash } from 'node:crypto';
import type { LocalQueue, MessageAttribute } from '../../triggers/messaging/local-queue.js';
import { batchRequestTooLong, invalidMessageContents, invalidParameterValue, invalidValue, missingParameter, notForThisQueueType, SqsError } from './sqs-errors.js';
import { batchEntries, messageAttributes, optionalInt, optionalString, type Input } from './sqs-input.js';
import { md5OfAttributes } from './sqs-md5.js';
import { MAXIMUM_MESSAGE_SIZE, queueOf, type SqsContext } from './sqs-queues.js';

const ALLOWED_CHARACTERS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function sendMessage(input: Input, ctx: SqsContext): Input {
  return sendOne(queueOf(input, ctx), input);
}

export function sendMessageBatch(input: Input, ctx: SqsContext): Input {
  const queue = queueOf(input, ctx);
  const entries = batchEntries(input, 'SendMessageBatchRequestEntry');
  const total = entries.reduce((n, e) => n + (typeof e.MessageBody === 'string' ? Buffer.byteLength(e.MessageBody) : 0) + attributesSize(e.MessageAttributes), 0);
  if (total > MAXIMUM_MESSAGE_SIZE) throw batchRequestTooLong(total, MAXIMUM_MESSAGE_SIZE);
  const Successful: Input[] = [];
  const Failed: Input[] = [];
  for (const entry of entries) {
    try {
      Successful.push({ Id: entry.Id, ...sendOne(queue, entry) });
    } catch (err) {
      if (!(err instanceof SqsError)) throw err;
      Failed.push({ Id: entry.Id, SenderFault: true, Code: err.queryCode, Message: err.message });
    }
  }
  return { Successful, Failed };
}

function sendOne(queue: LocalQueue, input: Input): Input {
  const body = optionalString(input, 'MessageBody');
  if (body === undefined || body === '') throw missingParameter('MessageBody');
  const bad = ALLOWED_CHARACTERS.exec(body);
  if (bad)
    throw invalidMessageContents(
      `Invalid binary character '#x${bad[0].codePointAt(0)!.toString(16).toUpperCase()}' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF`,
    );
  const attributes = messageAttributes(input);
  const system = systemAttributes(input);
  if (size(body, attributes) > MAXIMUM_MESSAGE_SIZE) throw invalidParameterValue(`One or more parameters are invalid. Reason: Message must be shorter than ${MAXIMUM_MESSAGE_SIZE} bytes.`);
  const delaySeconds = optionalInt(input, 'DelaySeconds', 0, 900, 'DelaySeconds must be >= 0 and <= 900.');
  const groupId = optionalString(input, 'MessageGroupId');
  const dedupId = optionalString(input, 'MessageDeduplicationId');
  const c = queue.config;
  if (c.fifo) {
    if (delaySeconds !== undefined && delaySeconds !== 0) throw notForThisQueueType('DelaySeconds', delaySeconds);
    if (!groupId) throw missingParameter('MessageGroupId');
    if (!dedupId && !c.contentBasedDeduplication) throw invalidParameterValue('The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
  } else if (dedupId !== undefined) throw notForThisQueueType('MessageDeduplicationId', dedupId);
  for (const [name, value] of [
    ['MessageGroupId', groupId],
    ['MessageDeduplicationId', dedupId],
  ] as const) {
    if (value !== undefined && !/^[\x21-\x7E]{1,128}$/.test(value)) throw invalidValue(name, value, `${name} can only include alphanumeric and punctuation characters. 1 to 128 in length.`);
  }
  const m = queue.send(body, {
    ...(delaySeconds !== undefined ? { delaySeconds } : {}),
    messageAttributes: attributes,
    ...(groupId ? { messageGroupId: groupId } : {}),
    ...(c.fifo && dedupId ? { deduplicationId: dedupId } : {}),
    ...(system.AWSTraceHeader?.StringValue ? { awsTraceHeader: system.AWSTraceHeader.StringValue } : {}),
  });
  // The checksums are of what was sent: a duplicate may carry another body than the original.
  const attributesMd5 = md5OfAttributes(attributes);
  const systemMd5 = md5OfAttributes(system);
  return {
    MD5OfMessageBody: createHash('md5').update(body, 'utf8').digest('hex'),
    ...(attributesMd5 ? { MD5OfMessageAttributes: attributesMd5 } : {}),
    ...(systemMd5 ? { MD5OfMessageSystemAttributes: systemMd5 } : {}),
    MessageId: m.messageId,
    ...(m.sequenceNumber ? { SequenceNumber: m.sequenceNumber } : {}),
  };
}

function systemAttributes(input: Input): Record<string, MessageAttribute> {
  const system = messageAttributes(input, 'MessageSystemAttributes');
  for (const [name, a] of Object.entries(system)) {
    if (name !== 'AWSTraceHeader') throw invalidParameterValue(`Message system attribute name '${name}' is invalid.`);
    if (a.DataType !== 'String') throw invalidParameterValue(`Message system attribute '${name}' must be of type 'String'.`);
  }
  return system;
}

function size(body: string, attributes: Record<string, MessageAttribute>): number {
  return Buffer.byteLength(body, 'utf8') + attributesSize(attributes);
}

/** The bytes attributes count toward a message's size: each name, type and value. */
function attributesSize(attributes: unknown): number {
  if (typeof attributes !== 'object' || attributes === null) return 0;
  let n = 0;
  for (const [name, raw] of Object.entries(attributes as Record<string, Partial<MessageAttribute>>)) {
    const a = raw ?? {};
    n += Buffer.byteLength(name) + Buffer.byteLength(a.DataType ?? '') + (a.BinaryValue ? Buffer.from(a.BinaryValue, 'base64').length : Buffer.byteLength(a.StringValue ?? ''));
  }
  return n;
}
