/**
 * The load lab's engine-free part (issue 14): N invocations at concurrency C, each answered by
 * an invocation record, summed up as a learner wants to see them: how many ran, were throttled
 * (429) or failed, how many were cold starts, the highest concurrency reached, and p50/p99.
 */
import type { InvocationRecord } from '../../shared/domain/invocation.js';

export interface LoadProgress {
  done: number;
  total: number;
  inFlight: number;
  throttles: number;
  errors: number;
  coldStarts: number;
}

export interface LoadSummary {
  invocations: number;
  concurrency: number;
  byStatus: Record<string, number>;
  throttles: number;
  /** Every status but success and throttled. */
  errors: number;
  coldStarts: number;
  /** The most invocations in flight at once, as the client saw them. */
  maxInFlight: number;
  /** The function's own Duration (REPORT), throttled ones left out. */
  durationMs: { p50: number; p99: number };
  /** Each call as the client waited for it, throttled ones included. */
  latencyMs: { p50: number; p99: number };
  wallMs: number;
  perSecond: number;
}

export async function runLoad(opts: { n: number; concurrency: number; invoke: (i: number) => Promise<InvocationRecord>; onProgress?: (p: LoadProgress) => void }): Promise<LoadSummary> {
  const { n, concurrency } = opts;
  const records: InvocationRecord[] = [];
  const latencies: number[] = [];
  let next = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const progress: LoadProgress = { done: 0, total: n, inFlight: 0, throttles: 0, errors: 0, coldStarts: 0 };
  const start = performance.now();
  const worker = async () => {
    while (next < n) {
      const i = next++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const t = performance.now();
      const record = await opts.invoke(i);
      latencies.push(performance.now() - t);
      inFlight--;
      records.push(record);
      progress.done++;
      progress.inFlight = inFlight;
      if (record.status === 'throttled') progress.throttles++;
      else if (record.status !== 'success') progress.errors++;
      if (record.coldStart) progress.coldStarts++;
      opts.onProgress?.({ ...progress });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  const wallMs = performance.now() - start;
  const byStatus: Record<string, number> = {};
  for (const r of records) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  const ran = records.filter((r) => r.status !== 'throttled').map((r) => r.durationMs);
  return {
    invocations: records.length,
    concurrency,
    byStatus,
    throttles: progress.throttles,
    errors: progress.errors,
    coldStarts: progress.coldStarts,
    maxInFlight,
    durationMs: percentiles(ran),
    latencyMs: percentiles(latencies),
    wallMs: round(wallMs),
    perSecond: round((records.length / wallMs) * 1000),
  };
}

function percentiles(values: number[]): { p50: number; p99: number } {
  if (!values.length) return { p50: 0, p99: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: round(at(0.5)), p99: round(at(0.99)) };
}

const round = (x: number) => Math.round(x * 100) / 100;

/** One line for a terminal (redrawn in place) or a log (every tenth). */
export function progressLine(p: LoadProgress, width = 30): string {
  const filled = Math.round((p.done / p.total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.done}/${p.total} · ${p.inFlight} in flight · ${p.coldStarts} cold · ${p.throttles} throttled · ${p.errors} errors`;
}
