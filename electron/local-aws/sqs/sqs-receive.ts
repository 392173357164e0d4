/**
 * ReceiveMessage (with long polling: WaitTimeSeconds up to 20, answered as soon as a message can
 * be received, woken by the queue itself), DeleteMessage and ChangeMessageVisibility, single and
 * batched, on the workspace's LocalQueue. A receipt handle that is well formed but no longer the
 * message's latest is accepted by DeleteMessage without deleting anything, as SQS does.
 */
import { isReceiptHandle, type LocalQueue, type StoredMessage } from '../../triggers/messaging/local-queue.js';
import { messageNotInflight, receiptHandleIsInvalid, SqsError } from './sqs-errors.js';
import { batchEntries, optionalInt, requiredString, stringList, type Input } from './sqs-input.js';
import { md5OfAttributes } from './sqs-md5.js';
import { queueOf, type SqsContext } from './sqs-queues.js';

const MAX_VISIBILITY = 43_200;
const VISIBILITY_REASON = `Must be between 0 and ${MAX_VISIBILITY}, if provided.`;
/** Who SQS says sent a message; the same as the SQS events faaslab's pollers build. */
const SENDER_ID = 'AIDAFAASLABLOCALSENDER';

export async function receiveMessage(input: Input, ctx: SqsContext): Promise<Input> {
  const queue = queueOf(input, ctx);
  const max = optionalInt(input, 'MaxNumberOfMessages', 1, 10, 'Must be between 1 and 10, if provided.') ?? 1;
  const visibility = optionalInt(input, 'VisibilityTimeout', 0, MAX_VISIBILITY, VISIBILITY_REASON);
  const wait = optionalInt(input, 'WaitTimeSeconds', 0, 20, 'Must be >= 0 and <= 20, if provided.') ?? queue.config.receiveMessageWaitTimeSeconds ?? 0;
  const systemNames = [...stringList(input, 'AttributeNames'), ...stringList(input, 'MessageSystemAttributeNames')];
  const attributeNames = stringList(input, 'MessageAttributeNames');
  const deadline = Date.now() + wait * 1000;
  let messages = queue.receive(max, visibility);
  while (messages.length === 0 && Date.now() < deadline) {
    await queue.wait(deadline - Date.now());
    messages = queue.receive(max, visibility);
  }
  return messages.length ? { Messages: messages.map((m) => messageOut(m, systemNames, attributeNames)) } : {};
}

function messageOut(m: StoredMessage, systemNames: string[], attributeNames: string[]): Input {
  const system: Record<string, string | undefined> = {
    SenderId: SENDER_ID,
    SentTimestamp: String(m.sentTimestamp),
    ApproximateReceiveCount: String(m.receiveCount),
    ApproximateFirstReceiveTimestamp: String(m.firstReceiveTimestamp ?? m.sentTimestamp),
    SequenceNumber: m.sequenceNumber,
    MessageDeduplicationId: m.deduplicationId,
    MessageGroupId: m.messageGroupId,
    AWSTraceHeader: m.awsTraceHeader,
    DeadLetterQueueSourceArn: m.deadLetterSourceArn,
  };
  const all = systemNames.includes('All');
  const attributes = Object.fromEntries(Object.entries(system).filter(([k, v]) => v !== undefined && (all || systemNames.includes(k))));
  const chosen = Object.fromEntries(Object.entries(m.messageAttributes).filter(([name]) => attributeNames.some((pattern) => selects(pattern, name))));
  const attributesMd5 = md5OfAttributes(chosen);
  return {
    MessageId: m.messageId,
    ReceiptHandle: m.receiptHandle,
    MD5OfBody: m.md5OfBody,
    Body: m.body,
    ...(Object.keys(attributes).length ? { Attributes: attributes } : {}),
    ...(attributesMd5 ? { MD5OfMessageAttributes: attributesMd5, MessageAttributes: chosen } : {}),
  };
}

/** MessageAttributeNames: All, .*, an exact name, or a prefix ending in .* */
function selects(pattern: string, name: string): boolean {
  if (pattern === 'All' || pattern === '.*') return true;
  if (pattern.endsWith('.*')) return name.startsWith(pattern.slice(0, -1));
  return pattern === name;
}

export function deleteMessage(input: Input, ctx: SqsContext): Input {
  deleteOne(queueOf(input, ctx), input);
  return {};
}

export function deleteMessageBatch(input: Input, ctx: SqsContext): Input {
  const queue = queueOf(input, ctx);
  return batch(batchEntries(input, 'DeleteMessageBatchRequestEntry'), (e) => deleteOne(queue, e));
}

export function changeMessageVisibility(input: Input, ctx: SqsContext): Input {
  changeOne(queueOf(input, ctx), input);
  return {};
}

export function changeMessageVisibilityBatch(input: Input, ctx: SqsContext): Input {
  const queue = queueOf(input, ctx);
  return batch(batchEntries(input, 'ChangeMessageVisibilityBatchRequestEntry'), (e) => changeOne(queue, e));
}

function deleteOne(queue: LocalQueue, input: Input): void {
  const handle = requiredString(input, 'ReceiptHandle');
  if (!isReceiptHandle(handle)) throw receiptHandleIsInvalid(handle);
  queue.delete(handle);
}

function changeOne(queue: LocalQueue, input: Input): void {
  const handle = requiredString(input, 'ReceiptHandle');
  const seconds = optionalInt(input, 'VisibilityTimeout', 0, MAX_VISIBILITY, VISIBILITY_REASON);
  if (seconds === undefined) requiredString(input, 'VisibilityTimeout');
  if (!isReceiptHandle(handle)) throw receiptHandleIsInvalid(handle);
  const message = queue.peek().find((m) => m.receiptHandle === handle);
  if (!message) throw receiptHandleIsInvalid(handle, 'The receipt handle has expired.');
  if (message.state !== 'inFlight') throw messageNotInflight();
  queue.changeVisibility(handle, seconds!);
}

function batch(entries: Input[], each: (entry: Input) => void): Input {
  const Successful: Input[] = [];
  const Failed: Input[] = [];
  for (const entry of entries) {
    try {
      each(entry);
      Successful.push({ Id: entry.Id });
    } catch (err) {
      if (!(err instanceof SqsError)) throw err;
      Failed.push({ Id: entry.Id, SenderFault: true, Code: err.queryCode, Message: err.message });
    }
  }
  return { Successful, Failed };
}
