/**
 * One in-memory SQS queue (AWS::SQS::Queue), for one workspace session: send with DelaySeconds,
 * receive with a visibility timeout, ApproximateReceiveCount, delete by receipt handle, redrive to
 * a dead-letter queue once a message was received maxReceiveCount times, retention. FIFO queues
 * keep their order per MessageGroupId, hand out no message of a group that has one in flight, and
 * drop a message whose deduplication id (given, or the body's SHA-256 with
 * ContentBasedDeduplication) was seen in the last 5 minutes. Nothing is persisted: a new session
 * starts empty.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { QueueConfig } from '../../workspace/read/messaging-loader.js';

export interface MessageAttribute {
  /** String, Number or Binary, optionally with a custom suffix (Number.float, String.json) that SQS keeps. */
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  sentTimestamp: number;
  firstReceiveTimestamp?: number;
  receiveCount: number;
  /** When it can be received (again): after its delay, or when its visibility timeout ends. */
  visibleAt: number;
  receiptHandle?: string;
  messageAttributes: Record<string, MessageAttribute>;
  messageGroupId?: string;
  /** Where it was before a redrive: SQS keeps SentTimestamp and adds DeadLetterQueueSourceArn. */
  deadLetterSourceArn?: string;
  sequenceNumber?: string;
  /** FIFO: the MessageDeduplicationId given, or the body's SHA-256 with ContentBasedDeduplication. */
  deduplicationId?: string;
  /** The AWSTraceHeader system attribute, when the sender set one. */
  awsTraceHeader?: string;
}

export interface SendOptions {
  delaySeconds?: number;
  messageAttributes?: Record<string, MessageAttribute>;
  messageGroupId?: string;
  deduplicationId?: string;
  awsTraceHeader?: string;
}

/** SQS's deduplication interval for FIFO queues. */
export const DEDUPLICATION_WINDOW_MS = 5 * 60 * 1000;

export interface QueueCounts {
  visible: number;
  inFlight: number;
  delayed: number;
}

export type Clock = () => number;

export class LocalQueue {
  private messages: StoredMessage[] = [];
  private waiters = new Set<() => void>();
  private sequence = 0n;
  /** FIFO: deduplication id -> the message first sent with it, kept for the 5-minute window even after it is deleted. */
  private dedup = new Map<string, StoredMessage>();

  constructor(
    public config: QueueConfig,
    private readonly hooks: {
      now?: Clock;
      /** The queue its RedrivePolicy names, looked up at redrive time (it may be declared later). */
      deadLetter?: (logicalId: string) => LocalQueue | undefined;
      onChange?: () => void;
    } = {},
  ) {}

  private now(): number {
    return (this.hooks.now ?? Date.now)();
  }

  send(body: string, opts: SendOptions = {}): StoredMessage {
    const now = this.now();
    const delay = opts.delaySeconds ?? this.config.delaySeconds;
    if (!Number.isInteger(delay) || delay < 0 || delay > 900) throw new RangeError(`DelaySeconds must be an integer from 0 to 900, got ${delay}`);
    if (this.config.fifo && !opts.messageGroupId) throw new RangeError(`${this.config.queueName} is a FIFO queue: a message needs a MessageGroupId`);
    const deduplicationId = this.config.fifo ? (opts.deduplicationId ?? (this.config.contentBasedDeduplication ? sha256(body) : undefined)) : undefined;
    if (deduplicationId !== undefined) {
      for (const [id, m] of this.dedup) if (m.sentTimestamp <= now - DEDUPLICATION_WINDOW_MS) this.dedup.delete(id);
      // A duplicate is accepted and answered with the original's id, but not enqueued again.
      const original = this.dedup.get(deduplicationId);
      if (original) return original;
    }
    const message: StoredMessage = {
      messageId: randomUUID(),
      body,
      md5OfBody: md5(body),
      sentTimestamp: now,
      receiveCount: 0,
      visibleAt: now + delay * 1000,
      messageAttributes: opts.messageAttributes ?? {},
      ...(opts.messageGroupId ? { messageGroupId: opts.messageGroupId } : {}),
      ...(this.config.fifo ? { sequenceNumber: String(++this.sequence).padStart(20, '0') } : {}),
      ...(deduplicationId !== undefined ? { deduplicationId } : {}),
      ...(opts.awsTraceHeader ? { awsTraceHeader: opts.awsTraceHeader } : {}),
    };
    if (deduplicationId !== undefined) this.dedup.set(deduplicationId, message);
    this.messages.push(message);
    this.changed();
    return message;
  }

  /** A message moved here by a redrive keeps its id, body and SentTimestamp, with a fresh receive count. */
  private adopt(message: StoredMessage, sourceArn: string): void {
    this.messages.push({ ...message, receiveCount: 0, firstReceiveTimestamp: undefined, receiptHandle: undefined, visibleAt: this.now(), deadLetterSourceArn: sourceArn });
    this.changed();
  }

  /**
   * Up to `max` visible messages, each now in flight for the visibility timeout with a new
   * receipt handle. A message that was already received maxReceiveCount times goes to the
   * dead-letter queue instead, as SQS moves it on the receive that would exceed the count.
   */
  receive(max: number, visibilityTimeoutSeconds = this.config.visibilityTimeoutSeconds): StoredMessage[] {
    const now = this.now();
    this.expire(now);
    const out: StoredMessage[] = [];
    const busyGroups = new Set(this.messages.filter((m) => m.messageGroupId && m.receiveCount > 0 && m.visibleAt > now).map((m) => m.messageGroupId));
    let moved = false;
    for (const message of [...this.messages]) {
      if (out.length >= max) break;
      if (message.visibleAt > now) continue;
      if (this.config.fifo && message.messageGroupId && busyGroups.has(message.messageGroupId)) continue;
      const redrive = this.config.redrive;
      const dlq = redrive && this.hooks.deadLetter?.(redrive.deadLetterQueue);
      if (redrive && dlq && dlq !== this && message.receiveCount >= redrive.maxReceiveCount) {
        this.remove(message);
        dlq.adopt(message, this.config.arn);
        moved = true;
        continue;
      }
      message.receiveCount++;
      message.firstReceiveTimestamp ??= now;
      message.receiptHandle = receiptHandle(message.messageId);
      message.visibleAt = now + visibilityTimeoutSeconds * 1000;
      if (message.messageGroupId) busyGroups.add(message.messageGroupId);
      out.push({ ...message, messageAttributes: { ...message.messageAttributes } });
    }
    if (out.length || moved) this.changed();
    return out;
  }

  /** False when the handle is not the message's latest one (it was received again since, or deleted). */
  delete(receiptHandle: string): boolean {
    const message = this.messages.find((m) => m.receiptHandle === receiptHandle);
    if (!message) return false;
    this.remove(message);
    this.changed();
    return true;
  }

  /** ChangeMessageVisibility: 0 makes a message in flight visible again at once. */
  changeVisibility(receiptHandle: string, seconds: number): boolean {
    const message = this.messages.find((m) => m.receiptHandle === receiptHandle);
    if (!message) return false;
    message.visibleAt = this.now() + seconds * 1000;
    this.changed();
    return true;
  }

  purge(): number {
    const n = this.messages.length;
    this.messages = [];
    if (n) this.changed();
    return n;
  }

  counts(): QueueCounts {
    const now = this.now();
    this.expire(now);
    const counts: QueueCounts = { visible: 0, inFlight: 0, delayed: 0 };
    for (const m of this.messages) {
      if (m.visibleAt <= now) counts.visible++;
      else if (m.receiveCount > 0) counts.inFlight++;
      else counts.delayed++;
    }
    return counts;
  }

  /** Every message with its state, without receiving any (the UI's and queues.messages' view). */
  peek(): Array<StoredMessage & { state: 'visible' | 'inFlight' | 'delayed' }> {
    const now = this.now();
    this.expire(now);
    return this.messages.map((m) => ({ ...m, state: m.visibleAt <= now ? 'visible' : m.receiveCount > 0 ? 'inFlight' : 'delayed' }));
  }

  /** The earliest time a message that is not visible now becomes visible. */
  nextVisibleAt(): number | undefined {
    const now = this.now();
    let next: number | undefined;
    for (const m of this.messages) if (m.visibleAt > now && (next === undefined || m.visibleAt < next)) next = m.visibleAt;
    return next;
  }

  /**
   * Resolves when a message may be receivable: one was sent or made visible, one's delay or
   * visibility timeout ended, or `limitMs` passed.
   */
  wait(limitMs: number): Promise<void> {
    const next = this.nextVisibleAt();
    const ms = Math.max(0, Math.min(limitMs, next === undefined ? limitMs : next - this.now()));
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  /** Wakes every waiter (the queue is being closed or replaced). */
  wake(): void {
    for (const w of [...this.waiters]) w();
  }

  private remove(message: StoredMessage): void {
    const i = this.messages.indexOf(message);
    if (i >= 0) this.messages.splice(i, 1);
  }

  private expire(now: number): void {
    const limit = now - this.config.messageRetentionSeconds * 1000;
    const before = this.messages.length;
    this.messages = this.messages.filter((m) => m.sentTimestamp > limit);
    if (this.messages.length !== before) this.hooks.onChange?.();
  }

  private changed(): void {
    this.wake();
    this.hooks.onChange?.();
  }
}

export function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function receiptHandle(messageId: string): string {
  return Buffer.from(`${messageId} ${randomBytes(24).toString('hex')}`).toString('base64');
}

/** True for a handle in the shape this queue hands out (it may still be stale); SQS tells a malformed handle from a stale one. */
export function isReceiptHandle(handle: string): boolean {
  return /^[0-9a-f-]{36} [0-9a-f]{48}$/.test(Buffer.from(handle, 'base64').toString('latin1'));
}
