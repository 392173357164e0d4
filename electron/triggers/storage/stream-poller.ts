/**
 * An event source mapping on a DynamoDB stream: reads the table's stream in order and invokes
 * the function SYNCHRONOUSLY with up to BatchSize records at a time, as Lambda's pollers do.
 *
 * The stream has one shard locally, and a shard blocks on its oldest unprocessed record:
 * - the function fails (error, timeout, crash, throttle): the same batch is retried after a
 *   backoff (100 ms, doubling, at most 5 s). With MaximumRetryAttempts set, once that many
 *   retries failed the batch is skipped (logged; Lambda would send it to OnFailure). Without it
 *   the batch is retried until it succeeds (Lambda's -1: until the records expire, which local
 *   records never do).
 * - with ReportBatchItemFailures, {"batchItemFailures":[{"itemIdentifier": SequenceNumber}]}
 *   checkpoints before the lowest failed sequence number: the records before it are done, the
 *   next batch starts at it. An identifier that is not a record of the batch fails the batch.
 *   An empty list (or any other answer) is success.
 */
import type { DynamoDbTrigger } from '../../../shared/domain/triggers.js';
import type { InvocationRecord } from '../../../shared/domain/invocation.js';
import type { LocalTable, StreamRecord } from './local-table.js';

export type StreamInvoke = (trigger: DynamoDbTrigger, records: StreamRecord[]) => Promise<InvocationRecord | undefined>;

const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5000;

export class StreamPoller {
  private position: number;
  private running = false;
  private closed = false;
  private attempts = 0;
  private wake: (() => void) | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private trigger: DynamoDbTrigger,
    readonly table: LocalTable,
    private readonly invoke: StreamInvoke,
    private readonly log: (line: string) => void,
  ) {
    this.position = trigger.startingPosition === 'LATEST' ? table.streamEnd : table.streamStart;
    this.unsubscribe = table.onRecord(() => this.kick());
    this.kick();
  }

  get id(): string {
    return `${this.trigger.logicalId}:${this.trigger.eventName}`;
  }

  /** Same table and the rest may change (BatchSize, ...) without losing the position. */
  update(trigger: DynamoDbTrigger): void {
    this.trigger = trigger;
    this.kick();
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    this.wake?.();
  }

  private kick(): void {
    if (this.running || this.closed || this.trigger.enabled === false) return;
    this.running = true;
    void this.run().finally(() => {
      this.running = false;
      // A write that arrived while the last batch finished.
      if (!this.closed && this.position < this.table.streamEnd) this.kick();
    });
  }

  private async run(): Promise<void> {
    while (!this.closed && this.trigger.enabled !== false && this.position < this.table.streamEnd) {
      this.position = Math.max(this.position, this.table.streamStart);
      let batch = this.table.recordsFrom(this.position, this.trigger.batchSize);
      // MaximumBatchingWindowInSeconds: gather records until the batch is full or the window ends.
      const windowMs = (this.trigger.batchingWindowSeconds ?? 0) * 1000;
      const until = Date.now() + windowMs;
      while (windowMs > 0 && !this.closed && batch.length < this.trigger.batchSize && Date.now() < until) {
        await this.sleep(Math.min(50, until - Date.now()));
        batch = this.table.recordsFrom(this.position, this.trigger.batchSize);
      }
      if (this.closed) return;
      let record: InvocationRecord | undefined;
      try {
        record = await this.invoke(this.trigger, batch);
      } catch (err) {
        this.log(`stream ${this.id}: cannot invoke ${this.trigger.logicalId}: ${(err as Error).message}`);
      }
      if (this.closed) return;
      const done = this.processed(record, batch);
      if (done === batch.length) {
        this.position += done;
        this.attempts = 0;
        continue;
      }
      if (done > 0) {
        // Progress: the records before the lowest failure are checkpointed; retry from it at once.
        this.position += done;
        this.attempts = 1;
        continue;
      }
      this.attempts++;
      const max = this.trigger.maximumRetryAttempts;
      if (max !== undefined && this.attempts > max) {
        this.log(`stream ${this.id}: ${batch.length} record(s) from sequence number ${batch[0]!.dynamodb.SequenceNumber} skipped after ${max} retr${max === 1 ? 'y' : 'ies'} (MaximumRetryAttempts)`);
        this.position += batch.length;
        this.attempts = 0;
        continue;
      }
      await this.sleep(Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (this.attempts - 1)));
    }
  }

  /** How many records of the batch are done: all, the ones before the lowest failure, or none. */
  private processed(record: InvocationRecord | undefined, batch: StreamRecord[]): number {
    if (!record || record.status !== 'success') return 0;
    if (!this.trigger.reportBatchItemFailures) return batch.length;
    const failures = (record.response as { batchItemFailures?: unknown } | null | undefined)?.batchItemFailures;
    if (!Array.isArray(failures) || failures.length === 0) return batch.length;
    let lowest = batch.length;
    for (const f of failures) {
      const id = (f as { itemIdentifier?: unknown } | null)?.itemIdentifier;
      const index = batch.findIndex((r) => r.dynamodb.SequenceNumber === id);
      if (index < 0) {
        this.log(`stream ${this.id}: batchItemFailures names ${JSON.stringify(id)}, not a sequence number of the batch; the whole batch is retried`);
        return 0;
      }
      lowest = Math.min(lowest, index);
    }
    return lowest;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).then(() => {
      this.wake = undefined;
    });
  }
}
