import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_CAP_BYTES, InvocationStore, type StoredInvocation } from '../../../electron/store/invocation-store.js';
import { invocationCost } from '../../../shared/lambda/billing.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'faaslab-store-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const T0 = Date.parse('2026-01-01T00:00:00Z');
const now = () => T0 + 86_400_000;
function rec(i: number, over: Partial<StoredInvocation> = {}): StoredInvocation {
  return {
    requestId: `req-${i}`,
    functionName: i % 2 ? 'odd-fn' : 'even-fn',
    logicalId: i % 2 ? 'Odd' : 'Even',
    status: 'success',
    coldStart: i === 0,
    durationMs: i + 1,
    billedDurationMs: i + 1,
    initDurationMs: i === 0 ? 100 : undefined,
    memorySizeMb: 128,
    maxMemoryUsedMb: 40 + (i % 10),
    startedAt: new Date(T0 + i * 1000).toISOString(),
    logs: [`START RequestId: req-${i}`, `line ${i}`],
    response: { i },
    event: JSON.stringify({ n: i }),
    ...over,
  };
}

describe('InvocationStore', () => {
  it('appends, survives reopening, and reads details by request id', () => {
    const dir = tmp();
    const s = InvocationStore.open(dir, { now });
    for (let i = 0; i < 25; i++) s.append(rec(i));
    s.close();
    const t = InvocationStore.open(dir, { now });
    expect(t.count).toBe(25);
    expect(t.get('req-7')).toMatchObject({ requestId: 'req-7', response: { i: 7 }, logs: ['START RequestId: req-7', 'line 7'], event: '{"n":7}' });
    const page = t.list({ limit: 10 });
    expect(page.map((r) => r.requestId)).toEqual(Array.from({ length: 10 }, (_, k) => `req-${24 - k}`));
    expect(t.list({ limit: 5, before: 'req-20' }).map((r) => r.requestId)).toEqual(['req-19', 'req-18', 'req-17', 'req-16', 'req-15']);
    expect(t.list({ logicalId: 'Odd' }).every((r) => r.logicalId === 'Odd')).toBe(true);
    expect(t.list({ cold: true }).map((r) => r.requestId)).toEqual(['req-0']);
    expect(t.list({ text: 'line 13"' }).map((r) => r.requestId)).toEqual(['req-13']);
    expect(t.list({ from: T0 + 3000, to: T0 + 5000 }).map((r) => r.requestId)).toEqual(['req-4', 'req-3']);
    expect(t.get('req-0')!.initDurationMs).toBe(100);
    expect(t.list({ cold: true })[0]!.costUsd).toBeCloseTo(invocationCost(128, 1), 15);
    t.close();
  });

  it('skips a torn last line (a kill in the middle of a write) and appends after it', () => {
    const dir = tmp();
    const s = InvocationStore.open(dir, { now });
    for (let i = 0; i < 3; i++) s.append(rec(i));
    s.close();
    const seg = path.join(
      dir,
      readdirSync(dir).find((f) => f.endsWith('.jsonl'))!,
    );
    appendFileSync(seg, JSON.stringify(rec(3)).slice(0, 40));
    expect(InvocationStore.open(dir, { readOnly: true, now }).count).toBe(3);
    const t = InvocationStore.open(dir, { now });
    expect(t.count).toBe(3);
    t.append(rec(4));
    t.close();
    const u = InvocationStore.open(dir, { now });
    expect(u.list().map((r) => r.requestId)).toEqual(['req-4', 'req-2', 'req-1', 'req-0']);
    expect(
      readFileSync(seg, 'utf8')
        .split('\n')
        .filter(Boolean)
        .every((l) => JSON.parse(l)),
    ).toBe(true);
  });

  it('trigger annotations written after the record are applied at load', () => {
    const dir = tmp();
    const s = InvocationStore.open(dir, { now });
    s.append(rec(0));
    s.setTrigger('req-0', { kind: 'http', route: 'http-api GET /hello' });
    s.close();
    const t = InvocationStore.open(dir, { now });
    expect(t.get('req-0')!.trigger).toEqual({ kind: 'http', route: 'http-api GET /hello' });
    expect(t.list({ trigger: 'http' })).toHaveLength(1);
    expect(t.list({ trigger: 'sqs' })).toHaveLength(0);
  });

  it('caps the event at 256 KB with a truncated flag', () => {
    const s = InvocationStore.open(tmp(), { now });
    s.append(rec(0, { event: 'x'.repeat(EVENT_CAP_BYTES + 10) }));
    const r = s.get('req-0')!;
    expect(r.event!.length).toBe(EVENT_CAP_BYTES);
    expect(r.eventTruncated).toBe(true);
  });

  it('retention drops whole old segments by count and by age, and reports the size on disk', () => {
    const dir = tmp();
    const s = InvocationStore.open(dir, { segmentMaxRecords: 10, now: () => T0 + 60_000 });
    for (let i = 0; i < 55; i++) s.append(rec(i));
    expect(s.stats()).toMatchObject({ count: 55, segments: 6 });
    expect(s.stats().sizeBytes).toBeGreaterThan(55 * 100);
    s.setRetention({ maxCount: 20 });
    // Whole segments: at least 20 are kept; 25 = two full segments and the one being written.
    expect(s.count).toBe(25);
    expect(s.get('req-29')).toBeUndefined();
    expect(s.get('req-30')).toMatchObject({ requestId: 'req-30' });
    expect(s.stats().retention).toEqual({ maxCount: 20, maxAgeDays: 30 });
    s.close();
    const later = InvocationStore.open(dir, { segmentMaxRecords: 10, now: () => T0 + 45_000 + 86_400_000 / 2 });
    later.setRetention({ maxAgeDays: 0.5 }); // cutoff at T0 + 45 s: segments whose newest record is older go
    expect(
      later
        .list({ limit: 100 })
        .map((r) => r.requestId)
        .at(-1),
    ).toBe('req-40');
    expect(InvocationStore.open(dir, { readOnly: true }).stats().retention.maxAgeDays).toBe(0.5);
  });

  it('metrics: buckets with counts, exact percentiles, cold starts, memory and cost; free tier apart', () => {
    const s = InvocationStore.open(tmp(), { now });
    for (let i = 0; i < 100; i++) s.append(rec(i, { status: i % 10 === 9 ? 'error' : 'success' }));
    s.append(rec(100, { status: 'throttled', durationMs: 0, billedDurationMs: 0 }));
    const m = s.metrics({ from: T0, to: T0 + 200_000, bucketSeconds: 50 });
    expect(m.buckets).toHaveLength(4);
    const b0 = m.buckets[0]!;
    expect(b0).toMatchObject({ invocations: 50, errors: 5, throttles: 0, coldStarts: 1, maxMemoryMb: 49, avgInitMs: 100 });
    expect(b0.duration).toMatchObject({ p50: 25, p90: 45, p99: 50, max: 50, avg: 25.5 });
    expect(m.buckets[2]).toMatchObject({ invocations: 1, throttles: 1, costUsd: 0 });
    expect(m.totals).toMatchObject({ invocations: 101, errors: 10, throttles: 1, requests: 100 });
    let cost = 0;
    for (let i = 0; i < 100; i++) cost += invocationCost(128, i + 1);
    expect(m.totals.costUsd).toBeCloseTo(cost, 12);
    expect(m.totals.freeTier.requests).toBe(100);
    expect(m.totals.costAfterFreeTierUsd).toBeCloseTo(0, 12);
    expect(s.metrics({ logicalId: 'Odd', from: T0, to: T0 + 200_000, bucketSeconds: 200 }).totals.invocations).toBe(50);
  });
});
