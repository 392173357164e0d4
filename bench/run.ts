/**
 * `npm run bench`: the engine's speed beside its physical baselines, measured in one run on one
 * machine. Prints JSON; `--out FILE` also writes it. Targets (issue 2):
 *   warm invoke p50 <= 3x a loopback keep-alive round trip; cold start p50 < `node -e 0`;
 *   an idle warm Node.js environment <= 60 MB RSS.
 */
import os from 'node:os';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { Engine } from '../electron/engine/engine.js';
import { packageRoot } from '../electron/engine/assets.js';
import { sampleMemory } from '../electron/engine/process-control.js';
import { startInvokeApiServer } from '../electron/servers/invoke-api.js';
import { loadWorkspace } from '../electron/workspace/template-loader.js';
import { loopbackRoundTripMs, nodeStartMs, timedPostsFromAnotherProcess } from './baselines.js';
import { sample, summarize } from './stats.js';

const FUNCTION = 'HelloFunction';
const EVENT = JSON.stringify({ name: 'bench' });
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outIndex = args.indexOf('--out');
const N_WARM = quick ? 300 : 3000;
const N_COLD = quick ? 10 : 40;

async function main() {
  const ws = await loadWorkspace(path.join(packageRoot(), 'examples'));
  const fn = ws.functions.find((f) => f.logicalId === FUNCTION)!;
  const engine = new Engine({ functions: [fn] });
  const progress = (msg: string) => process.stderr.write(`bench: ${msg}\n`);

  progress(`warm invoke through the engine API (${N_WARM} calls)`);
  const invoke = () => engine.invoke(FUNCTION, { payload: EVENT });
  await sample(300, invoke);
  const warmEngine = await sample(N_WARM, invoke);

  progress(`warm invoke through the Invoke API (${N_WARM} calls)`);
  const server = await startInvokeApiServer(engine, { port: 0 });
  // The client runs in its own process, as an SDK would, like the loopback baseline's client.
  const warmApi = await timedPostsFromAnotherProcess(`${server.url}/2015-03-31/functions/${FUNCTION}/invocations`, EVENT, N_WARM);

  const envPid = engine.environments(FUNCTION)[0]?.pid;
  const idleRssMb = sampleMemory(envPid)?.rssMb;

  progress(`cold starts (${N_COLD}, each with a spare runtime process ready, as in an idle workbench)`);
  const coldTotals: number[] = [];
  const initDurations: number[] = [];
  for (let i = 0; i < N_COLD; i++) {
    engine.resetEnvironments(FUNCTION);
    await engine.sparesReady();
    const t = performance.now();
    const r = await invoke();
    coldTotals.push(performance.now() - t);
    if (r.record.initDurationMs !== undefined) initDurations.push(r.record.initDurationMs);
  }
  await server.close();
  await engine.close();

  progress('baselines: loopback keep-alive round trip, node -e 0');
  const loopback = await loopbackRoundTripMs(N_WARM, EVENT);
  const nodeStart = await nodeStartMs(N_COLD);

  const s = {
    warmEngine: summarize(warmEngine),
    warmInvokeApi: summarize(warmApi),
    coldStart: summarize(coldTotals),
    initDuration: summarize(initDurations),
    loopback: summarize(loopback),
    nodeStart: summarize(nodeStart),
  };
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const report = {
    bench: 'engine',
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), platform: `${process.platform} ${os.release()}`, node: process.version },
    unit: 'ms',
    results: [
      { name: 'warm invoke, engine API', p50: s.warmEngine.p50, p99: s.warmEngine.p99, baseline: 'loopback keep-alive round trip', baselineP50: s.loopback.p50, baselineP99: s.loopback.p99, ratioP50: ratio(s.warmEngine.p50, s.loopback.p50), target: 'ratioP50 <= 3' },
      { name: 'warm invoke, Invoke API (HTTP)', p50: s.warmInvokeApi.p50, p99: s.warmInvokeApi.p99, baseline: 'loopback keep-alive round trip', baselineP50: s.loopback.p50, baselineP99: s.loopback.p99, ratioP50: ratio(s.warmInvokeApi.p50, s.loopback.p50) },
      { name: 'cold start of hello (whole invoke)', p50: s.coldStart.p50, p99: s.coldStart.p99, initDurationP50: s.initDuration.p50, baseline: 'node -e 0', baselineP50: s.nodeStart.p50, baselineP99: s.nodeStart.p99, ratioP50: ratio(s.coldStart.p50, s.nodeStart.p50), target: 'ratioP50 < 1' },
      { name: 'idle warm Node.js environment RSS (MB)', value: idleRssMb === undefined ? null : Math.round(idleRssMb * 10) / 10, target: '<= 60' },
    ],
    samples: { warm: N_WARM, cold: N_COLD },
  };
  const json = JSON.stringify(report, null, 2);
  process.stdout.write(`${json}\n`);
  if (outIndex >= 0 && args[outIndex + 1]) writeFileSync(args[outIndex + 1]!, `${json}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack}\n`);
  process.exitCode = 1;
});
