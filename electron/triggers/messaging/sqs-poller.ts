/**
 * An SQS event source mapping (a function's Events of Type SQS): one poller receives up to
 * BatchSize messages, waiting up to MaximumBatchingWindowInSeconds to fill the batch, invokes the
 * function synchronously with the SQS event (ARCHITECTURE.md, Lambda behaviour 9) and deletes the batch when it
 * succeeds. A thrown error, timeout or crash leaves the whole batch in flight, to reappear after
 * the visibility timeout (and reach the dead-letter queue after maxReceiveCount receives). With
 * ReportBatchItemFailures, {"batchItemFailures":[{"itemIdentifier": messageId}]} keeps only those;
 * a response that is not of that shape (or names a message not in the batch) fails the batch, as
 * Lambda does. One batch at a time per mapping (Lambda scales pollers out; faaslab does not).
 */
import type { SqsTrigger, TriggerActivity } from '../../../shared/domain/triggers.js';
import type { Engine, InvokeResult } from '../../engine/engine.js';
import { triggerActivity, triggerRef, type TriggerSource } from '../trigger-source.js';
import type { LocalQueue, StoredMessage } from './local-queue.js';

/** How long an idle poller sleeps before it looks again (it is also woken by every send). */
const IDLE_WAIT_MS = 1_000;

export interface PollerOptions {
  engine: Engine;
  queue: () => LocalQueue | undefined;
  onActivity(activity: TriggerActivity): void;
  log(line: string): void;
}

export class SqsPoller {
  private stopped = false;
  private readonly done: Promise<void>;

  constructor(
    readonly trigger: SqsTrigger,
    private readonly opts: PollerOptions,
  ) {
    this.done = this.loop();
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.opts.queue()?.wake();
    return this.done;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const queue = this.opts.queue();
      if (!queue) return;
      const batch = queue.receive(this.trigger.batchSize);
      if (batch.length === 0) {
        await queue.wait(IDLE_WAIT_MS);
        continue;
      }
      const windowEnd = Date.now() + this.trigger.maximumBatchingWindowSeconds * 1000;
      while (!this.stopped && batch.length < this.trigger.batchSize && Date.now() < windowEnd) {
        await queue.wait(windowEnd - Date.now());
        batch.push(...queue.receive(this.trigger.batchSize - batch.length));
      }
      if (this.stopped) return;
      try {
        await this.run(queue, batch);
      } catch (err) {
        this.opts.log(`SQS ${queue.config.queueName} -> ${this.trigger.logicalId}: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, IDLE_WAIT_MS));
      }
    }
  }

  private async run(queue: LocalQueue, batch: StoredMessage[]): Promise<void> {
    const { engine } = this.opts;
    const event = sqsEvent(batch, queue.config.arn, engine.region);
    const at = new Date();
    const source: TriggerSource = { trigger: 'sqs', kind: 'sqs', route: queue.config.queueName };
    let result: InvokeResult;
    try {
      result = await engine.invoke(this.trigger.logicalId, { payload: JSON.stringify(event), source: triggerRef(source) });
    } catch (err) {
      this.opts.onActivity(triggerActivity(source, this.trigger.logicalId, at));
      throw err;
    }
    this.opts.onActivity(triggerActivity(source, this.trigger.logicalId, at, { requestId: result.record.requestId, status: result.record.status }));
    if (result.record.status !== 'success') return; // the whole batch reappears after its visibility timeout
    const failed = this.trigger.reportBatchItemFailures ? batchItemFailures(result.record.response, batch) : new Set<string>();
    if (failed === undefined) {
      this.opts.log(`SQS ${queue.config.queueName} -> ${this.trigger.logicalId}: the response is not a valid batchItemFailures list; the whole batch failed`);
      return;
    }
    for (const m of batch) if (!failed.has(m.messageId)) queue.delete(m.receiptHandle!);
  }
}

/**
 * The message ids a partial batch response reports, or undefined when the response means the
 * whole batch failed. null, {}, and an empty or null batchItemFailures are a complete success.
 */
export function batchItemFailures(response: unknown, batch: StoredMessage[]): Set<string> | undefined {
  if (response === null || response === undefined || response === '') return new Set();
  if (typeof response !== 'object' || Array.isArray(response)) return undefined;
  const list = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (list === undefined || list === null) return new Set();
  if (!Array.isArray(list)) return undefined;
  const ids = new Set(batch.map((m) => m.messageId));
  const failed = new Set<string>();
  for (const item of list) {
    const id = typeof item === 'object' && item !== null ? (item as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (typeof id !== 'string' || !ids.has(id)) return undefined;
    failed.add(id);
  }
  return failed;
}

export function sqsEvent(batch: StoredMessage[], queueArn: string, region: string): { Records: unknown[] } {
  return {
    Records: batch.map((m) => ({
      messageId: m.messageId,
      receiptHandle: m.receiptHandle,
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(m.sentTimestamp),
        SenderId: 'AIDAFAASLABLOCALSENDER',
        ApproximateFirstReceiveTimestamp: String(m.firstReceiveTimestamp ?? m.sentTimestamp),
        ...(m.messageGroupId ? { MessageGroupId: m.messageGroupId, MessageDeduplicationId: m.deduplicationId ?? m.messageId, SequenceNumber: m.sequenceNumber } : {}),
        ...(m.deadLetterSourceArn ? { DeadLetterQueueSourceArn: m.deadLetterSourceArn } : {}),
        ...(m.awsTraceHeader ? { AWSTraceHeader: m.awsTraceHeader } : {}),
      },
      messageAttributes: Object.fromEntries(
        Object.entries(m.messageAttributes).map(([k, a]) => [k, { stringValue: a.StringValue, binaryValue: a.BinaryValue, stringListValues: [], binaryListValues: [], dataType: a.DataType }]),
      ),
      md5OfBody: m.md5OfBody,
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: region,
    })),
  };
}
