/**
 * `npm run bench:history`: the invocation store (electron/store/) measured against its baselines.
 * Prints JSON like bench/run.ts; `--out FILE` also writes it; `--quick` stores 100,000 instead
 * of 1,000,000. Target (issue 5): a metrics query over 1,000,000 stored invocations < 200 ms,
 * beside the same query over a plain in-memory array of objects.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InvocationStore, STATUSES, type StoredInvocation } from '../electron/store/invocation-store.js';
import { PRICES } from '../shared/lambda/billing.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outIndex = args.indexOf('--out');
const N = quick ? 100_000 : 1_000_000;
const FILES_N = 10_000;
const FSYNC_N = 2_000;
const progress = (msg: string) => process.stderr.write(`bench:history: ${msg}\n`);
const T0 = Date.now() - 86_400_000; // one record every 86.4 ms over the last day (1M)
const STEP = 86_400_000 / N;

function record(i: number): StoredInvocation {
  const status = STATUSES[i % 50 === 7 ? 1 : i % 500 === 9 ? 3 : 0]!;
  const d = 1 + ((i * 7919) % 997) / 10;
  return {
    requestId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    functionName: `fn-${i % 8}`,
    logicalId: `Fn${i % 8}`,
    status,
    coldStart: i % 100 === 0,
    durationMs: d,
    billedDurationMs: Math.ceil(d),
    initDurationMs: i % 100 === 0 ? 150 + (i % 37) : undefined,
    memorySizeMb: 128 << (i % 3),
    maxMemoryUsedMb: 40 + (i % 60),
    startedAt: new Date(T0 + i * STEP).toISOString(),
    logStream: '2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef',
    logs: [`START RequestId: ${i} Version: $LATEST`, `INFO handled ${i}`, `END RequestId: ${i}`, `REPORT RequestId: ${i} Duration: ${d} ms`],
    response: { ok: true, i },
    event: JSON.stringify({ orderId: i, items: [1, 2, 3] }),
    architecture: i % 4 === 0 ? 'arm64' : 'x86_64',
    codeVersion: 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  };
}

function time<T>(f: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = f();
  return { ms: Math.round((performance.now() - t) * 100) / 100, value };
}

function median(f: () => unknown, n = 7): number {
  const xs: number[] = [];
  f();
  for (let i = 0; i < n; i++) xs.push(time(f).ms);
  return xs.sort((a, b) => a - b)[n >> 1]!;
}

/** The baseline: the same metrics query over a plain array of objects, as a naive in-memory store keeps them. */
function arrayMetrics(rows: StoredInvocation[], from: number, to: number, bucketMs: number) {
  const nb = Math.ceil((to - from) / bucketMs);
  const buckets = Array.from({ length: nb }, () => ({ invocations: 0, errors: 0, throttles: 0, colds: 0, durs: [] as number[], mem: 0, initSum: 0, initN: 0, cost: 0 }));
  for (const r of rows) {
    const t = Date.parse(r.startedAt);
    if (t < from || t >= to) continue;
    const b = buckets[Math.floor((t - from) / bucketMs)]!;
    b.invocations++;
    if (r.status === 'throttled') b.throttles++;
    else {
      if (r.status !== 'success') b.errors++;
      if (r.coldStart) b.colds++;
      b.durs.push(r.durationMs);
      if (r.maxMemoryUsedMb > b.mem) b.mem = r.maxMemoryUsedMb;
      if (r.initDurationMs !== undefined) {
        b.initSum += r.initDurationMs;
        b.initN++;
      }
      b.cost += PRICES.perRequest + (r.memorySizeMb / 1024) * (r.billedDurationMs / 1000) * PRICES.perGbSecond[r.architecture ?? 'x86_64'];
    }
  }
  return buckets.map((b) => {
    b.durs.sort((x, y) => x - y);
    const p = (q: number) => b.durs[Math.min(b.durs.length - 1, Math.ceil((q / 100) * b.durs.length) - 1)] ?? 0;
    return { invocations: b.invocations, p50: p(50), p90: p(90), p99: p(99) };
  });
}

async function main() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'faaslab-bench-history-'));
  try {
    progress(`append ${N} records (JSONL segments, one write() each)`);
    const dir = path.join(root, 'jsonl');
    const store = InvocationStore.open(dir, { segmentMaxRecords: 50_000 });
    const append = time(() => {
      for (let i = 0; i < N; i++) store.append(record(i));
    });
    store.close();

    progress(`append ${FSYNC_N} records with fsync after each (power-loss durability)`);
    const fsStore = InvocationStore.open(path.join(root, 'fsync'), { fsync: true });
    const fsyncAppend = time(() => {
      for (let i = 0; i < FSYNC_N; i++) fsStore.append(record(i));
    });
    fsStore.close();

    progress('load (open + index) of the segments');
    const load = time(() => InvocationStore.open(dir, { segmentMaxRecords: 50_000 }));
    const loaded = load.value;
    const stats = loaded.stats();

    const from = T0;
    const to = T0 + 86_400_000;
    progress('metrics.query over all records: 1 day in 1-minute buckets (1440), and one function in 1-hour buckets');
    const qMinute = median(() => loaded.metrics({ from, to, bucketSeconds: 60 }));
    const qHourFn = median(() => loaded.metrics({ logicalId: 'Fn3', from, to, bucketSeconds: 3600 }));
    const qLastHour = median(() => loaded.metrics({ from: to - 3_600_000, to, bucketSeconds: 60 }));
    const listFirst = median(() => loaded.list({ limit: 200 }));
    const listErrorsFn = median(() => loaded.list({ logicalId: 'Fn7', status: 'error', limit: 200 }));
    const get = median(() => loaded.get(record(N >> 1).requestId));

    progress(`baseline: a plain in-memory array of ${N} objects`);
    let rows: StoredInvocation[] | undefined = Array.from({ length: N }, (_, i) => record(i));
    const arrMinute = median(() => arrayMetrics(rows!, from, to, 60_000), 3);
    const arrLastHour = median(() => arrayMetrics(rows!, to - 3_600_000, to, 60_000), 3);
    // Check both compute the same thing.
    const a = arrayMetrics(rows, from, to, 3_600_000);
    const b = loaded.metrics({ from, to, bucketSeconds: 3600 }).buckets;
    const same = a.every((x, i) => x.invocations === b[i]!.invocations && x.p50 === b[i]!.duration.p50 && x.p99 === b[i]!.duration.p99);
    rows = undefined;
    loaded.close();

    progress(`alternative: one JSON file per invocation (${FILES_N} files)`);
    const filesDir = path.join(root, 'files');
    mkdirSync(filesDir);
    const filesWrite = time(() => {
      for (let i = 0; i < FILES_N; i++) writeFileSync(path.join(filesDir, `${i}.json`), JSON.stringify(record(i)));
    });
    const filesScan = time(() => {
      const out: StoredInvocation[] = [];
      for (const f of readdirSync(filesDir)) out.push(JSON.parse(readFileSync(path.join(filesDir, f), 'utf8')) as StoredInvocation);
      return arrayMetrics(out, from, to, 60_000);
    });

    const perRecordUs = (ms: number, n: number) => Math.round((ms / n) * 1000 * 100) / 100;
    const report = {
      bench: 'history',
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), platform: `${process.platform} ${os.release()}`, node: process.version },
      unit: 'ms',
      records: N,
      sameResultAsBaseline: same,
      results: [
        { name: `metrics.query, ${N} stored, 1440 one-minute buckets`, ms: qMinute, baseline: 'same query over a plain in-memory array of objects', baselineMs: arrMinute, target: '< 200' },
        {
          name: `metrics.query, ${N} stored, the last hour in one-minute buckets`,
          ms: qLastHour,
          baseline: 'same query over a plain in-memory array of objects',
          baselineMs: arrLastHour,
          target: '< 200',
        },
        { name: `metrics.query, one function of 8, 24 one-hour buckets`, ms: qHourFn },
        { name: 'history.list, newest 200', ms: listFirst },
        { name: 'history.list, one function, errors only, 200', ms: listErrorsFn },
        { name: 'history.get (read the line from its segment)', ms: get },
        { name: `append (write() per record, no fsync), ${N}`, ms: append.ms, perRecordUs: perRecordUs(append.ms, N) },
        { name: `append with fsync per record, ${FSYNC_N}`, ms: fsyncAppend.ms, perRecordUs: perRecordUs(fsyncAppend.ms, FSYNC_N) },
        { name: `load at start (read + index ${N})`, ms: load.ms },
        { name: 'size on disk (MB)', value: Math.round(stats.sizeBytes / 2 ** 20), bytesPerRecord: Math.round(stats.sizeBytes / N) },
        { name: `alternative: a JSON file per invocation, write ${FILES_N}`, ms: filesWrite.ms, perRecordUs: perRecordUs(filesWrite.ms, FILES_N) },
        { name: `alternative: a JSON file per invocation, metrics by reading all ${FILES_N}`, ms: filesScan.ms, extrapolatedTo1MMs: Math.round((filesScan.ms * 1_000_000) / FILES_N) },
      ],
    };
    const json = JSON.stringify(report, null, 2);
    process.stdout.write(`${json}\n`);
    if (outIndex >= 0 && args[outIndex + 1]) writeFileSync(args[outIndex + 1]!, `${json}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack}\n`);
  process.exitCode = 1;
});
