import type { EventData } from '../../shared/api/contract.js';
import type { FunctionConfig } from '../../shared/domain/function-config.js';
import type { InvocationRecord } from '../../shared/domain/invocation.js';
import { invocationCost } from '../../shared/lambda/billing.js';

type RecordOut = EventData<'invocation'>;

/**
 * Invocations started from the UI, so one can be cancelled by its request id, and the extras
 * the renderer shows on every record (cost, cancelled) added the same way for the push and for
 * invoke.run's answer.
 */
export class InvocationTracker {
  readonly running = new Set<string>();
  private readonly cancelled = new Set<string>();

  markCancelled(requestId: string): void {
    this.cancelled.add(requestId);
  }

  unmarkCancelled(requestId: string): void {
    this.cancelled.delete(requestId);
  }

  finished(requestId: string): void {
    this.running.delete(requestId);
    this.cancelled.delete(requestId);
  }

  decorate(record: InvocationRecord, fn: FunctionConfig | undefined): RecordOut {
    const out: RecordOut = { ...record };
    // A throttled request never ran: Lambda bills nothing for it.
    out.costUsd = record.status === 'throttled' ? 0 : invocationCost(record.memorySizeMb, record.billedDurationMs, fn?.architecture ?? 'x86_64');
    // A run that answered before the cancel reached it stays what it was. Otherwise its end (a
    // crash, or a failed init when cancelled early) is reported as the cancel it was.
    if (this.cancelled.has(record.requestId) && record.status !== 'success') {
      out.cancelled = true;
      out.status = 'crashed';
      out.error = { errorType: 'Cancelled', errorMessage: 'Cancelled by the user', trace: [] };
    }
    return out;
  }
}
