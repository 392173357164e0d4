/** faaslab's side of the figures: its engine in the bench process, and `faaslab serve` as a child. */
import path from 'node:path';
import type { Engine } from '../electron/engine/engine.js';
import { packageRoot } from '../electron/engine/assets.js';
import { spawnChild, stopChild, waitForOutput } from './children.js';
import { processTree, sumMemory, type MemorySum } from './memory.js';
import { sample } from './stats.js';

/** Warm invocations through the engine API, after `warmup` untimed ones (JIT, a warm environment). */
export async function engineWarmMs(engine: Engine, logicalId: string, payload: string, n: number, warmup = 300): Promise<number[]> {
  const invoke = async () => {
    const r = await engine.invoke(logicalId, { payload });
    if (r.record.status !== 'success') throw new Error(`${logicalId} ${r.record.status}: ${r.payload.toString('utf8').slice(0, 500)}`);
  };
  await sample(warmup, invoke);
  return sample(n, invoke);
}

/**
 * Cold starts: each invocation in a new environment, with a spare runtime process ready as in an
 * idle workbench. Whole invoke time, and the Init Duration the engine reported.
 */
export async function engineColdMs(engine: Engine, logicalId: string, payload: string, n: number): Promise<{ totals: number[]; initDurations: number[] }> {
  const totals: number[] = [];
  const initDurations: number[] = [];
  for (let i = 0; i < n; i++) {
    engine.resetEnvironments(logicalId);
    await engine.sparesReady();
    const t = performance.now();
    const r = await engine.invoke(logicalId, { payload });
    totals.push(performance.now() - t);
    if (r.record.initDurationMs !== undefined) initDurations.push(r.record.initDurationMs);
  }
  return { totals, initDurations };
}

/**
 * Memory of `count` warm environments: `count` concurrent invocations of a function that waits,
 * so the engine must create one environment per invocation. Sums over the environments' processes
 * only (not the engine's own process, as serverless-offline's figure is its workers' share).
 */
export async function engineEnvironmentsMemory(engine: Engine, logicalId: string, count: number): Promise<MemorySum & { environments: number }> {
  const results = await Promise.all(Array.from({ length: count }, () => engine.invoke(logicalId, { payload: '{}' })));
  const failed = results.find((r) => r.record.status !== 'success');
  if (failed) throw new Error(`${logicalId} ${failed.record.status}: ${failed.payload.toString('utf8').slice(0, 500)}`);
  await new Promise((r) => setTimeout(r, 1000)); // settled, as the other memory figures are
  const pids = engine
    .environments(logicalId)
    .map((e) => e.runtimePid ?? e.pid)
    .filter((p): p is number => p !== undefined);
  return { environments: pids.length, ...sumMemory(pids) };
}

export interface ServeChild {
  invokeUrl: string;
  httpUrl: string;
  pid: number;
  stop(): Promise<void>;
}

/** `faaslab serve` on free ports, as a user runs it; its output is drained, not shown. */
export async function startFaaslabServe(workspaceDir: string, stateDir: string): Promise<ServeChild> {
  const cli = path.join(packageRoot(), 'bin', 'faaslab.mjs');
  const child = spawnChild(process.execPath, [cli, 'serve', '-w', workspaceDir, '-l', '0', '-a', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // The state folder (recent workspaces) goes to a temporary one, not the user's ~/.faaslab.
    env: { ...process.env, FAASLAB_STATE_DIR: stateDir },
  });
  try {
    // The Invoke API line comes before the HTTP triggers line; both are needed.
    const m = await waitForOutput(child, /Lambda Invoke API ready at (\S+)[\s\S]*HTTP triggers ready at (\S+)/, 60_000);
    return { invokeUrl: m[1]!, httpUrl: m[2]!, pid: child.pid!, stop: () => stopChild(child) };
  } catch (err) {
    await stopChild(child);
    throw new Error(`faaslab serve: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * The whole of `faaslab serve` with `count` warm environments, as a user's machine carries it:
 * the host process and every process under it (environments, the spare runtime, the reaper),
 * after `count` concurrent invocations of a function that waits, through the Invoke API.
 */
export async function serveWithEnvironmentsMemory(workspaceDir: string, stateDir: string, logicalId: string, count: number): Promise<MemorySum & { environments: number }> {
  const serve = await startFaaslabServe(workspaceDir, stateDir);
  try {
    const url = `${serve.invokeUrl}/2015-03-31/functions/${logicalId}/invocations`;
    const answers = await Promise.all(Array.from({ length: count }, () => fetch(url, { method: 'POST', body: '{}' })));
    const bad = answers.find((a) => a.status !== 200 || a.headers.get('x-amz-function-error'));
    if (bad) throw new Error(`${logicalId} answered ${bad.status}: ${(await bad.text()).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 1000)); // the spare pool refills; then the figure settles
    const pids = processTree(serve.pid);
    return { environments: count, ...sumMemory(pids) };
  } finally {
    await serve.stop();
  }
}
