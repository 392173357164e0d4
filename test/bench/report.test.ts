/**
 * The peers report's targets: computed from the figures, and undecided (pass: null, with the
 * reason) where a figure is missing, rather than passed or failed by default.
 */
import { describe, expect, it } from 'vitest';
import { buildReport, type Figures, type LatencyFigure } from '../../bench/report.js';
import { summarize } from '../../bench/stats.js';

const ms = (p50: number) => summarize([p50]);
const latency = (name: string, isolation: LatencyFigure['isolation'], how: string, result: LatencyFigure['result']): LatencyFigure => ({ name, isolation, how, result });
const rps = (reqPerSec: number, flagged = false) => ({ reqPerSec, latencyP50: 1, latencyP99: 2, requests: reqPerSec, non2xx: flagged ? 5 : 0, errors: 0, timeouts: 0, mismatches: 0, flagged });
const mem = (rssMb: number, pssMb: number, threads = 11) => ({ processes: 1, rssMb, pssMb, threads });

function figures(over: Partial<Figures> = {}): Figures {
  return {
    runSeconds: 60,
    peersDir: '/tmp/peers',
    peers: { 'serverless-offline': { version: '13.10.1' } },
    settings: {},
    warm: {
      baseline: ms(0.1),
      faaslabEngine: latency('faaslab, engine API', 'process', 'engine API', ms(0.2)),
      faaslabInvokeApi: latency('faaslab, Invoke API', 'process', 'HTTP POST from another process', ms(0.5)),
      peers: [
        latency('ric', 'process', 'engine API, in the bench process', ms(0.3)),
        latency('lambda-local', 'none', 'JS API', ms(0.05)),
        latency('serverless-offline', 'worker thread', 'HTTP POST from another process', ms(0.6)),
      ],
    },
    cold: { baseline: ms(50), faaslab: latency('faaslab', 'process', 'engine API', ms(8)), peers: [] },
    http: {
      faaslab: { name: 'faaslab', result: rps(9000) },
      serverlessOffline: { name: 'sls', result: rps(2500) },
      serverlessOfflineInProcess: { name: 'sls in process', result: rps(6000) },
      bare: { name: 'bare', result: rps(40000) },
      proxyChain: { name: 'chain', result: rps(15000) },
      proxyChainPerEnvironment: { name: 'chain, a process per request', result: rps(4000) },
    },
    memory: {
      faaslab: { environments: 10, processes: 10, rssMb: 400, pssMb: 30 },
      faaslabWholeTool: { environments: 10, processes: 13, rssMb: 530, pssMb: 100 },
      serverlessOffline: { before: mem(180, 140), after: mem(270, 220, 21) },
    },
    ...over,
  };
}

describe('peers report targets', () => {
  it('compares like with like and passes or fails each target', () => {
    const r = buildReport(figures());
    // In order: warm <= 3x loopback, warm below isolating peers, HTTP >= 3x serverless-offline,
    // HTTP >= half the proxy chain, (context) HTTP beside the chain with a process per request,
    // cold < node -e 0, memory < half of serverless-offline's workers.
    expect(r.targets.map((x) => x.pass)).toEqual([true, true, true, true, true, true, true]);
    const isolating = r.targets[1]!.comparisons as Array<{ compares: string; ratio: number }>;
    // lambda-local runs handlers in its own process: not an isolating peer.
    expect(isolating.map((c) => c.compares)).toEqual(['faaslab, engine API p50 vs ric p50', 'faaslab, Invoke API p50 vs serverless-offline p50']);
    // Memory: whole tool against whole tool by PSS decides (100 < 220 / 2); RSS and the marginal
    // views are shown beside it and do not.
    const memory = r.targets[6]!;
    expect([memory.faaslab, memory.other, memory.pass]).toEqual([100, 220, true]);
    const shown = memory.alsoShown as Array<{ faaslab: number; other: number; pass: boolean }>;
    expect(shown.map((c) => [c.faaslab, c.other, c.pass])).toEqual([
      [530, 270, false],
      [30, 80, true],
      [400, 90, false],
    ]);
    const f = figures();
    f.memory.faaslabWholeTool = { environments: 10, processes: 13, rssMb: 530, pssMb: 120 };
    expect(buildReport(f).targets[6]!.pass).toBe(false);
    expect(r.memory.serverlessOffline).toMatchObject({ workersShare: { rssMb: 90, pssMb: 80 } });
  });

  it('leaves a target undecided when a figure is missing, and fails throughput that came with errors', () => {
    const f = figures();
    f.warm.peers[0]!.result = { error: 'aws-lambda-ric is not installed: no cmake' };
    f.http.serverlessOffline = { name: 'sls', result: { error: 'serverless offline: not ready after 90000 ms' } };
    f.http.faaslab = { name: 'faaslab', result: rps(9000, true) };
    const r = buildReport(f);
    expect(r.targets[1]).toMatchObject({ pass: null });
    expect(JSON.stringify(r.targets[1])).toContain('peer figure missing: aws-lambda-ric is not installed: no cmake');
    expect(r.targets[2]).toMatchObject({ pass: null });
    expect(r.targets[3]).toMatchObject({ pass: null, why: expect.stringContaining('faaslab answered with errors') });
    expect(r.warmInvoke.results.find((x) => x.name === 'ric')).toMatchObject({ error: 'aws-lambda-ric is not installed: no cmake' });
  });
});
