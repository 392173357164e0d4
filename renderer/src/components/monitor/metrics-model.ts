/** Pure helpers of the Monitor view: time ranges, bucket sizes and chart columns. */
import type { Output } from '../../../../shared/api/contract.js';
import { PRICES } from '../../../../shared/lambda/billing.js';

export type MetricsResult = Output<'metrics.query'>;

export const RANGES = [
  { id: '15m', label: 'Last 15 min', seconds: 15 * 60, bucket: 15 },
  { id: '1h', label: 'Last 1 h', seconds: 3600, bucket: 60 },
  { id: '3h', label: 'Last 3 h', seconds: 3 * 3600, bucket: 120 },
  { id: '24h', label: 'Last 24 h', seconds: 86_400, bucket: 900 },
  { id: '7d', label: 'Last 7 d', seconds: 7 * 86_400, bucket: 7200 },
] as const;
export type RangeId = (typeof RANGES)[number]['id'];

/** The window ending at the end of the current bucket, so buckets stay aligned as it slides (60-120 buckets). */
export function windowFor(range: RangeId, now = Date.now()): { from: number; to: number; bucketSeconds: number } {
  const r = RANGES.find((x) => x.id === range) ?? RANGES[1];
  const bucketMs = r.bucket * 1000;
  const to = Math.ceil((now + 1) / bucketMs) * bucketMs;
  return { from: to - r.seconds * 1000, to, bucketSeconds: r.bucket };
}

/** Requests plus GB-seconds at both architectures' prices, before the free tier. */
export function costAt(requests: number, gbSeconds: number): { x86_64: number; arm64: number } {
  const req = requests * PRICES.perRequest;
  return { x86_64: req + gbSeconds * PRICES.perGbSecond.x86_64, arm64: req + gbSeconds * PRICES.perGbSecond.arm64 };
}

export function successRate(t: MetricsResult['totals']): number | undefined {
  const ran = t.invocations - t.throttles;
  return ran > 0 ? (ran - t.errors) / ran : undefined;
}

type Col = Array<number | null>;

/** Columns per chart, x in seconds (uPlot's time scale); metrics of empty buckets are gaps. */
export function columns(m: MetricsResult) {
  const x: number[] = [];
  const inv: Col = [],
    err: Col = [],
    thr: Col = [],
    cold: Col = [],
    init: Col = [],
    mem: Col = [],
    cost: Col = [];
  const avg: Col = [],
    p50: Col = [],
    p90: Col = [],
    p99: Col = [],
    max: Col = [];
  for (const b of m.buckets) {
    x.push(Date.parse(b.start) / 1000);
    inv.push(b.invocations);
    err.push(b.errors);
    thr.push(b.throttles);
    cold.push(b.coldStarts);
    init.push(b.avgInitMs);
    const ran = b.invocations - b.throttles > 0;
    mem.push(ran ? b.maxMemoryMb : null);
    cost.push(b.costUsd);
    avg.push(ran ? b.duration.avg : null);
    p50.push(ran ? b.duration.p50 : null);
    p90.push(ran ? b.duration.p90 : null);
    p99.push(ran ? b.duration.p99 : null);
    max.push(ran ? b.duration.max : null);
  }
  return { x, inv, err, thr, cold, init, mem, cost, avg, p50, p90, p99, max };
}
