/**
 * Lambda's internal queue for asynchronous (Event) invocations, one per workspace session
 * (ARCHITECTURE.md, Lambda behaviour 8): an event is run, and on a function error, timeout or crash run again
 * up to MaximumRetryAttempts times (default 2), about 1 and then 2 minutes later; an event older
 * than MaximumEventAgeInSeconds is dropped (EventAgeExceeded). The outcome goes to the function's
 * OnSuccess / OnFailure destination as a destination record, and a failed event to its
 * DeadLetterQueue (the raw event, attributes RequestID, ErrorCode, ErrorMessage).
 *
 * Retry delays are scaled for development by the workspace setting asyncRetryDelayScale
 * (.faaslab/settings.json), else createHost's asyncRetryDelayScale, else FAASLAB_ASYNC_RETRY_SCALE
 * (0.001: 60 ms and 120 ms instead of 1 and 2 minutes). Event ages are measured unscaled.
 *
 * Every Event invocation of a workspace session goes through here: the session owns the queue and
 * hands it (as an EventInvoker, ../event-invoker.ts) to the Invoke API (X-Amz-Invocation-Type:
 * Event), the UI's invoke.async, SNS deliveries to functions, Lambda destinations, and S3
 * notifications.
 */
import { randomUUID } from 'node:crypto';
import type { TriggerActivity } from '../../../shared/domain/triggers.js';
import type { Engine, InvokeResult } from '../../engine/engine.js';
import { attemptSource, type AsyncSource, type EventInvoker, type EventRequest } from '../event-invoker.js';
import { ASYNC_DEFAULTS, type AsyncConfig, type Destination } from '../../workspace/read/messaging-loader.js';
import type { MessageAttribute } from './local-queue.js';

/** Lambda's delays before the first and the second retry. */
export const RETRY_DELAYS_MS = [60_000, 120_000] as const;
/** A throttled event is tried again after this long (scaled), without counting as an attempt. */
const THROTTLE_DELAY_MS = 1_000;

export interface AsyncJob {
  logicalId: string;
  requestId: string;
  payload: Buffer;
  clientContext?: string;
  /** A trigger's attempts (SNS, S3) are reported as its activity. */
  source: AsyncSource;
  /** When Lambda queued it: its age counts from here. */
  queuedAt: number;
  attempts: number;
}

export type Condition = 'Success' | 'RetriesExhausted' | 'EventAgeExceeded';

export interface DestinationRecord {
  version: '1.0';
  timestamp: string;
  requestContext: { requestId: string; functionArn: string; condition: Condition; approximateInvokeCount: number };
  requestPayload: unknown;
  responseContext?: { statusCode: number; executedVersion: string; functionError?: string };
  responsePayload?: unknown;
}

export interface AsyncInvokerOptions {
  engine: Engine;
  config(logicalId: string): AsyncConfig | undefined;
  /** Sends a destination record or a dead-letter message to a queue, topic, function or the log. */
  deliver(destination: Destination, body: string, attributes: Record<string, MessageAttribute> | undefined, origin: string): void;
  onActivity?(activity: TriggerActivity): void;
  log(line: string): void;
  retryDelayScale?: number;
  now?: () => number;
}

/** The scale from FAASLAB_ASYNC_RETRY_SCALE, when it is a number from 0 to 1. */
export function retryScaleFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const text = env.FAASLAB_ASYNC_RETRY_SCALE;
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : undefined;
}

/** The retry delay scale: the workspace settings file, else createHost's option, else FAASLAB_ASYNC_RETRY_SCALE, else 1. */
export function resolveRetryScale(fromSettings: number | undefined, fromOption: number | undefined, env: NodeJS.ProcessEnv = process.env): number {
  return fromSettings ?? fromOption ?? retryScaleFromEnv(env) ?? 1;
}

export class AsyncInvoker implements EventInvoker {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  private scale: number;

  constructor(private readonly opts: AsyncInvokerOptions) {
    this.scale = resolveRetryScale(undefined, opts.retryDelayScale);
  }

  /** The scale the retry delays are multiplied by now. */
  get retryDelayScale(): number {
    return this.scale;
  }

  /** The workspace setting (.faaslab/settings.json), which wins over the option and the env var; undefined: back to those. */
  setRetryDelayScale(fromSettings: number | undefined): void {
    this.scale = resolveRetryScale(fromSettings, this.opts.retryDelayScale);
  }

  /** Queues an event and returns its request id at once (the Invoke API's 202 carries it). */
  enqueue(logicalId: string, req: EventRequest, source: AsyncSource): string {
    const payload = typeof req.payload === 'string' ? Buffer.from(req.payload) : (req.payload ?? Buffer.from('{}'));
    const job: AsyncJob = {
      logicalId,
      requestId: req.requestId ?? randomUUID(),
      payload,
      ...(req.clientContext ? { clientContext: req.clientContext } : {}),
      source,
      queuedAt: this.now(),
      attempts: 0,
    };
    this.later(0, () => this.attempt(job));
    return job.requestId;
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  private later(ms: number, run: () => Promise<void>): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) run().catch((err: unknown) => this.opts.log(`async invocation: ${(err as Error).message}`));
    }, ms);
    this.timers.add(timer);
  }

  private settings(logicalId: string): AsyncConfig {
    return this.opts.config(logicalId) ?? { logicalId, ...ASYNC_DEFAULTS };
  }

  private async attempt(job: AsyncJob, last?: InvokeResult): Promise<void> {
    const config = this.settings(job.logicalId);
    if (this.now() - job.queuedAt > config.maximumEventAgeSeconds * 1000) return this.failed(job, config, 'EventAgeExceeded', last);
    const started = this.now();
    let result: InvokeResult;
    try {
      result = await this.opts.engine.invoke(job.logicalId, { payload: job.payload, requestId: job.requestId, clientContext: job.clientContext, source: attemptSource(job.source) });
    } catch (err) {
      // No such function any more, a configuration it cannot run with, the engine closed: Lambda
      // would not have accepted the event; nothing to retry.
      if (!this.closed) this.opts.log(`async invocation ${job.requestId} of ${job.logicalId} dropped: ${(err as Error).message}`);
      return;
    }
    if (this.closed) return;
    if (typeof job.source !== 'string') {
      // Timed with this queue's clock (tests move it), not triggerActivity's.
      this.opts.onActivity?.({
        ...job.source,
        logicalId: job.logicalId,
        requestId: job.requestId,
        status: result.record.status,
        durationMs: this.now() - started,
        at: new Date(started).toISOString(),
      });
    }
    if (result.throttleReason) {
      this.later(Math.max(THROTTLE_DELAY_MS * this.scale, 10), () => this.attempt(job, last));
      return;
    }
    job.attempts++;
    if (result.record.status === 'success') {
      if (config.onSuccess) this.send(config.onSuccess, JSON.stringify(this.record(job, 'Success', result)), undefined, job);
      return;
    }
    if (job.attempts > config.maximumRetryAttempts) return this.failed(job, config, 'RetriesExhausted', result);
    const delay = RETRY_DELAYS_MS[Math.min(job.attempts - 1, RETRY_DELAYS_MS.length - 1)]! * this.scale;
    this.opts.log(`async invocation ${job.requestId} of ${job.logicalId} failed (${result.record.status}); retry ${job.attempts} of ${config.maximumRetryAttempts} in ${Math.round(delay)} ms`);
    this.later(delay, () => this.attempt(job, result));
  }

  private failed(job: AsyncJob, config: AsyncConfig, condition: Condition, last: InvokeResult | undefined): void {
    this.opts.log(`async invocation ${job.requestId} of ${job.logicalId} discarded: ${condition} after ${job.attempts} attempt${job.attempts === 1 ? '' : 's'}`);
    if (config.onFailure) this.send(config.onFailure, JSON.stringify(this.record(job, condition, last)), undefined, job);
    if (config.deadLetter) {
      const error = last?.record.error;
      const attributes: Record<string, MessageAttribute> = {
        RequestID: { DataType: 'String', StringValue: job.requestId },
        ErrorCode: { DataType: 'Number', StringValue: '200' },
        ErrorMessage: { DataType: 'String', StringValue: (error?.errorMessage ?? condition).slice(0, 1024) },
      };
      this.send(config.deadLetter, job.payload.toString('utf8'), attributes, job);
    }
  }

  private send(destination: Destination, body: string, attributes: Record<string, MessageAttribute> | undefined, job: AsyncJob): void {
    try {
      this.opts.deliver(destination, body, attributes, `${job.logicalId} ${job.requestId}`);
    } catch (err) {
      this.opts.log(`cannot deliver the outcome of ${job.requestId} of ${job.logicalId} to ${destination.arn}: ${(err as Error).message}`);
    }
  }

  private record(job: AsyncJob, condition: Condition, result: InvokeResult | undefined): DestinationRecord {
    const fn = this.opts.engine.listFunctions().find((f) => f.logicalId === job.logicalId);
    const functionArn = fn ? `${this.opts.engine.functionArn(fn)}:$LATEST` : job.logicalId;
    return {
      version: '1.0',
      timestamp: new Date(this.now()).toISOString(),
      requestContext: { requestId: job.requestId, functionArn, condition, approximateInvokeCount: job.attempts },
      requestPayload: parse(job.payload),
      ...(result
        ? {
            responseContext: { statusCode: 200, executedVersion: '$LATEST', ...(result.functionError || result.record.status !== 'success' ? { functionError: 'Unhandled' } : {}) },
            responsePayload: parse(result.payload),
          }
        : {}),
    };
  }
}

function parse(payload: Buffer): unknown {
  const text = payload.toString('utf8');
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
