/**
 * Event (asynchronous) invocations as their callers see them: the Invoke API's Event type, the
 * UI's invoke.async, SNS deliveries, S3 notifications and Lambda destinations. A workspace session
 * owns one, its async queue (messaging/async-invoke.ts: retries, event age, destinations, DLQ),
 * and hands it to whatever queues events; runOnce stands in where there is no session.
 */
import { randomUUID } from 'node:crypto';
import type { TriggerActivity } from '../../shared/domain/triggers.js';
import type { Engine, InvokeRequest } from '../engine/engine.js';
import { triggerActivity, triggerRef, type TriggerSource } from './trigger-source.js';

/** Who queued an event: the Invoke API or the UI ('lambda'), a Lambda destination, or a trigger with its route. */
export type AsyncSource = 'lambda' | 'destination' | TriggerSource;

/** An event to run: who asked is the separate AsyncSource. */
export type EventRequest = Omit<InvokeRequest, 'source'>;

export interface EventInvoker {
  /** Accepts an Event invocation and returns its request id at once (the Invoke API's 202 carries it). */
  enqueue(logicalId: string, request: EventRequest, source: AsyncSource): string;
}

/** The source the engine reports an attempt with (the history's trigger): the trigger that queued it, else async:<who>. */
export function attemptSource(source: AsyncSource): InvokeRequest['source'] {
  return typeof source === 'string' ? `async:${source}` : triggerRef(source);
}

export interface RunOnceOptions {
  /** Throttles and failures: nobody waits for an Event invocation's outcome. */
  log(line: string): void;
  /** A trigger's event is reported as its activity. */
  onActivity?(activity: TriggerActivity): void;
}

/** Without a session's queue, an event runs once, at once: no retries, destinations or DLQ. */
export function runOnce(engine: Pick<Engine, 'invoke'>, opts: RunOnceOptions): EventInvoker {
  return {
    enqueue(logicalId, request, source) {
      const requestId = request.requestId ?? randomUUID();
      const at = new Date();
      const report = (extra: Partial<TriggerActivity>) => {
        if (typeof source !== 'string') opts.onActivity?.(triggerActivity(source, logicalId, at, extra));
      };
      engine.invoke(logicalId, { ...request, requestId, source: attemptSource(source) }).then(
        (result) => {
          report({ requestId, status: result.record.status });
          if (result.throttleReason) opts.log(`Event invocation of ${logicalId} throttled: ${result.throttleReason}`);
        },
        (err: unknown) => {
          report({});
          opts.log(`Event invocation of ${logicalId} failed: ${err instanceof Error ? err.message : String(err)}`);
        },
      );
      return requestId;
    },
  };
}
