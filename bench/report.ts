/**
 * The peers report (bench/results/peers.json): every figure beside its baselines, ratios, and the
 * targets of issue 6 as pass/fail. A figure that could not be measured carries `error`; a target
 * that depends on it has `pass: null` and says why.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../electron/engine/assets.js';
import type { MemorySum } from './memory.js';
import type { Throughput } from './http-throughput.js';
import type { summarize } from './stats.js';

export type Failed = { error: string };
export type Maybe<T> = T | Failed;
export const failed = <T>(x: Maybe<T>): x is Failed => typeof x === 'object' && x !== null && 'error' in x;

type Summary = ReturnType<typeof summarize>;

export interface LatencyFigure {
  name: string;
  /** What keeps one function from another: 'process', 'worker thread', 'none' (same process). */
  isolation: 'process' | 'worker thread' | 'none';
  how: string;
  result: Maybe<Summary & { initDurationP50?: number }>;
}

export interface ThroughputFigure {
  name: string;
  result: Maybe<Throughput>;
}

export interface SlsMemory {
  before: MemorySum & { threads: number };
  after: MemorySum & { threads: number };
}

export interface Figures {
  runSeconds: number;
  peersDir: string;
  peers: Record<string, { version?: string; error?: string }>;
  settings: Record<string, unknown>;
  warm: { baseline: Maybe<Summary>; faaslabEngine: LatencyFigure; faaslabInvokeApi: LatencyFigure; peers: LatencyFigure[] };
  cold: { baseline: Maybe<Summary>; faaslab: LatencyFigure; peers: LatencyFigure[] };
  http: {
    faaslab: ThroughputFigure;
    serverlessOffline: ThroughputFigure;
    serverlessOfflineInProcess: ThroughputFigure;
    bare: ThroughputFigure;
    proxyChain: ThroughputFigure;
    proxyChainPerEnvironment: ThroughputFigure;
  };
  memory: { faaslab: Maybe<MemorySum & { environments: number }>; faaslabWholeTool: Maybe<MemorySum & { environments: number }>; serverlessOffline: Maybe<SlsMemory> };
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);
const r1 = (x: number) => Math.round(x * 10) / 10;

function latencyRow(f: LatencyFigure, baseline: Maybe<Summary>) {
  const base = { name: f.name, isolation: f.isolation, how: f.how };
  if (failed(f.result)) return { ...base, error: f.result.error };
  const { p50, p99, mean, n } = f.result;
  return {
    ...base,
    p50,
    p99,
    mean,
    n,
    ...(f.result.initDurationP50 !== undefined ? { initDurationP50: f.result.initDurationP50 } : {}),
    ratioP50ToBaseline: failed(baseline) ? null : ratio(p50, baseline.p50),
  };
}

function baselineRow(name: string, b: Maybe<Summary>) {
  return failed(b) ? { name, error: b.error } : { name, p50: b.p50, p99: b.p99, mean: b.mean, n: b.n };
}

function throughputRow(f: ThroughputFigure, http: Figures['http']) {
  if (failed(f.result)) return { name: f.name, error: f.result.error };
  const mine = f.result;
  const vs = (b: ThroughputFigure) => (failed(b.result) || b === f ? undefined : ratio(mine.reqPerSec, b.result.reqPerSec));
  return { name: f.name, ...mine, ratioToBareServer: vs(http.bare), ratioToProxyChain: vs(http.proxyChain), ratioToProxyChainPerEnvironment: vs(http.proxyChainPerEnvironment) };
}

interface Target {
  name: string;
  target: string;
  pass: boolean | null;
  [k: string]: unknown;
}

/** `faaslab <= limit * peer` style comparison, or why it cannot be made. */
function compare(what: string, a: Maybe<{ v: number }>, b: Maybe<{ v: number }>, test: (a: number, b: number) => boolean) {
  if (failed(a)) return { compares: what, pass: null, why: `faaslab figure missing: ${a.error}` };
  if (failed(b)) return { compares: what, pass: null, why: `peer figure missing: ${b.error}` };
  return { compares: what, faaslab: a.v, other: b.v, ratio: ratio(a.v, b.v), pass: test(a.v, b.v) };
}

const p50Of = (f: LatencyFigure | { result: Maybe<Summary> }): Maybe<{ v: number }> => (failed(f.result) ? f.result : { v: f.result.p50 });
const allPass = (parts: Array<{ pass: boolean | null }>) => (parts.some((p) => p.pass === false) ? false : parts.some((p) => p.pass === null) ? null : true);

function targets(f: Figures): Target[] {
  const out: Target[] = [];
  const warm = compare('faaslab engine API p50 vs 3x loopback p50', p50Of(f.warm.faaslabEngine), p50Of({ result: f.warm.baseline }), (a, b) => a <= 3 * b);
  out.push({ name: 'warm invoke p50 <= 3x loopback keep-alive round trip', target: 'ratio <= 3', ...warm });

  // Like for like: the same door into each system (engine API beside engine API, HTTP from
  // another process beside HTTP from another process).
  const isolating = f.warm.peers
    .filter((p) => p.isolation !== 'none')
    .map((p) => {
      const mine = p.how.startsWith('engine API') ? f.warm.faaslabEngine : f.warm.faaslabInvokeApi;
      return compare(`${mine.name} p50 vs ${p.name} p50`, p50Of(mine), p50Of(p), (a, b) => a < b);
    });
  out.push({ name: 'warm invoke p50 below every peer that isolates functions in a process or thread', target: 'each ratio < 1', pass: allPass(isolating), comparisons: isolating });

  const rps = (t: ThroughputFigure): Maybe<{ v: number }> =>
    failed(t.result) ? t.result : t.result.flagged ? { error: `${t.name} answered with errors (see httpThroughput)` } : { v: t.result.reqPerSec };
  const http3 = compare('faaslab serve req/s vs serverless-offline (worker threads) req/s', rps(f.http.faaslab), rps(f.http.serverlessOffline), (a, b) => a >= 3 * b);
  out.push({ name: 'HTTP trigger throughput >= 3x serverless-offline default mode', target: 'ratio >= 3', ...http3 });
  const httpChain = compare('faaslab serve req/s vs two-process proxy chain req/s', rps(f.http.faaslab), rps(f.http.proxyChain), (a, b) => a >= 0.5 * b);
  out.push({ name: 'HTTP trigger throughput >= half of the two-process proxy chain', target: 'ratio >= 0.5', ...httpChain });
  // Not an issue target: the same chain with one function process per request in flight, the
  // shape Lambda's concurrency model (and so faaslab) must have. It shows what isolation costs.
  const perEnv = compare('faaslab serve req/s vs proxy chain with a process per request in flight', rps(f.http.faaslab), rps(f.http.proxyChainPerEnvironment), (a, b) => a >= 0.5 * b);
  out.push({ name: '(context, not a target) HTTP trigger throughput beside the proxy chain with a process per request in flight', target: 'ratio >= 0.5', ...perEnv });

  const cold = compare('faaslab new environment (whole invoke) p50 vs node -e 0 p50', p50Of(f.cold.faaslab), p50Of({ result: f.cold.baseline }), (a, b) => a < b);
  out.push({ name: 'cold start < node -e 0', target: 'ratio < 1', ...cold });

  const fm = f.memory.faaslab;
  const sm = f.memory.serverlessOffline;
  const share = (k: 'rssMb' | 'pssMb'): Maybe<{ v: number }> => {
    if (failed(sm)) return sm;
    const a = sm.after[k];
    const b = sm.before[k];
    return a === null || b === null ? { error: 'PSS not readable' } : { v: r1(a - b) };
  };
  const mine = (k: 'rssMb' | 'pssMb'): Maybe<{ v: number }> => (failed(fm) ? fm : fm[k] === null ? { error: 'PSS not readable' } : { v: fm[k] });
  const ft = f.memory.faaslabWholeTool;
  const tool = (k: 'rssMb' | 'pssMb'): Maybe<{ v: number }> => (failed(ft) ? ft : ft[k] === null ? { error: 'PSS not readable' } : { v: ft[k] });
  const slsTool = (k: 'rssMb' | 'pssMb'): Maybe<{ v: number }> => (failed(sm) ? sm : sm.after[k] === null ? { error: 'PSS not readable' } : { v: sm.after[k] });
  const deciding = compare(
    'PSS: faaslab serve with 10 warm environments (host, environments, spare) vs the serverless process with its 10 workers',
    tool('pssMb'),
    slsTool('pssMb'),
    (a, b) => a < 0.5 * b,
  );
  const alsoShown = [
    compare('RSS: the same two', tool('rssMb'), slsTool('rssMb'), (a, b) => a < 0.5 * b),
    compare('PSS, marginal: the 10 environment processes vs the growth of the serverless process for 10 workers', mine('pssMb'), share('pssMb'), (a, b) => a < 0.5 * b),
    compare('RSS, marginal: the same two', mine('rssMb'), share('rssMb'), (a, b) => a < 0.5 * b),
  ];
  out.push({
    name: "10 warm environments in < half the memory of serverless-offline's 10 workers",
    target: 'ratio < 0.5, whole tool against whole tool, by PSS',
    uses: 'PSS, because a sum of RSS over 13 Node processes counts the node binary they share 13 times; whole tool, because neither 10 environments nor 10 workers exist without their host. The marginal and RSS views are shown beside it and do not decide.',
    ...deciding,
    alsoShown,
  });
  return out;
}

/** Which faaslab was measured: its version, and the commit when run from a git checkout. */
function faaslabBuild() {
  const root = packageRoot();
  const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const git = (...a: string[]) => {
    const r = spawnSync('git', a, { cwd: root, encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : undefined;
  };
  const commit = git('rev-parse', '--short', 'HEAD');
  if (!commit) return { version };
  // Figures of a tree with uncommitted engine changes belong to no commit: say so.
  const changed = git('status', '--porcelain', '--', 'electron', 'shared');
  return { version, commit, uncommittedEngineChanges: Boolean(changed) };
}

export function buildReport(f: Figures) {
  const slsMem = f.memory.serverlessOffline;
  const fm = f.memory.faaslab;
  return {
    bench: 'peers',
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), platform: `${process.platform} ${os.release()}`, node: process.version },
    runSeconds: f.runSeconds,
    faaslab: faaslabBuild(),
    peersDir: f.peersDir,
    peers: f.peers,
    settings: f.settings,
    targets: targets(f),
    warmInvoke: {
      unit: 'ms',
      baseline: baselineRow('loopback keep-alive round trip between two Node processes', f.warm.baseline),
      results: [f.warm.faaslabEngine, f.warm.faaslabInvokeApi, ...f.warm.peers].map((x) => latencyRow(x, f.warm.baseline)),
    },
    coldStart: {
      unit: 'ms',
      baseline: baselineRow('node -e 0', f.cold.baseline),
      results: [f.cold.faaslab, ...f.cold.peers].map((x) => latencyRow(x, f.cold.baseline)),
    },
    httpThroughput: {
      unit: { reqPerSec: 'requests/s (autocannon: mean of the per-second counts)', latency: "ms (each answer's time, as autocannon reports it per response)" },
      baselines: [f.http.bare, f.http.proxyChain, f.http.proxyChainPerEnvironment].map((x) => throughputRow(x, f.http)),
      results: [f.http.faaslab, f.http.serverlessOffline, f.http.serverlessOfflineInProcess].map((x) => throughputRow(x, f.http)),
    },
    memory: {
      unit: 'MB',
      measures: 'RSS and PSS (from /proc/<pid>/smaps_rollup) of each process, summed; the memory target decides by PSS, whole tool against whole tool (see targets)',
      faaslab: failed(fm)
        ? fm
        : {
            ...fm,
            what: 'the 10 environment processes (the engine host not included)',
            perEnvironment: { rssMb: r1(fm.rssMb / fm.processes), pssMb: fm.pssMb === null ? null : r1(fm.pssMb / fm.processes) },
          },
      faaslabWholeTool: failed(f.memory.faaslabWholeTool)
        ? f.memory.faaslabWholeTool
        : { ...f.memory.faaslabWholeTool, what: 'faaslab serve and every process under it (10 environments, the spare runtime process, the reaper)' },
      serverlessOffline: failed(slsMem)
        ? slsMem
        : {
            what: 'the serverless process (and any child), before any worker and after 10 concurrent invocations; workersShare is the growth',
            before: slsMem.before,
            after: slsMem.after,
            workersShare: {
              rssMb: r1(slsMem.after.rssMb - slsMem.before.rssMb),
              pssMb: slsMem.after.pssMb === null || slsMem.before.pssMb === null ? null : r1(slsMem.after.pssMb - slsMem.before.pssMb),
            },
          },
    },
  };
}
