import type { EventData } from '../../shared/api/contract.js';
import type { FunctionConfig } from '../../shared/domain/function-config.js';
import type { InvocationRecord } from '../../shared/domain/invocation.js';
import { invocationCost } from '../../shared/lambda/billing.js';

type RecordOut = EventData<'invocation'>;

/**
 * Invocations started from the UI, so one can be cancelled by its request id, and the extras
 * the renderer shows on every record (cost, cancelled), added once, when the engine reports the
 * record: the history, the 'invocation' push and a UI run's answer all get that one object.
 */
export class InvocationTracker {
  readonly running = new Set<string>();
  private readonly cancelled = new Set<string>();
  /** Records of running UI invocations, as decorated when the engine reported them. */
  private readonly answers = new Map<string, RecordOut>();

  markCancelled(requestId: string): void {
    this.cancelled.add(requestId);
  }

  unmarkCancelled(requestId: string): void {
    this.cancelled.delete(requestId);
  }

  finished(requestId: string): void {
    this.running.delete(requestId);
    this.cancelled.delete(requestId);
    this.answers.delete(requestId);
  }

  /**
   * The record a UI run answers with: the one decorated when the engine reported it (the engine
   * emits 'invocation' before engine.invoke resolves).
   */
  answer(requestId: string): RecordOut {
    const out = this.answers.get(requestId);
    if (!out) throw new Error(`invocation ${requestId} ended without being reported`);
    return out;
  }

  /** The engine reported an invocation: the record with the renderer's extras, kept as the answer of a UI run. */
  reported(record: InvocationRecord, fn: FunctionConfig | undefined): RecordOut {
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
    if (this.running.has(record.requestId)) this.answers.set(record.requestId, out);
    return out;
  }
}
