/**
 * What the sandbox costs: the same warm invocations and cold starts in an engine whose functions
 * run unsandboxed (FAASLAB_SANDBOX=off), to set beside the sandboxed figures of the engine bench.
 */
import type { FunctionConfig } from '../shared/domain/function-config.js';
import { Engine } from '../electron/engine/engine.js';
import { engineColdMs, engineWarmMs } from './faaslab.js';
import { summarize } from './stats.js';

type Summary = ReturnType<typeof summarize>;

export interface SandboxCost {
  warm: Summary;
  cold: Summary;
}

export async function unsandboxedFigures(fn: FunctionConfig, payload: string, nWarm: number, nCold: number): Promise<SandboxCost> {
  const engine = new Engine({ functions: [fn], sandbox: 'off' });
  try {
    const warm = await engineWarmMs(engine, fn.logicalId, payload, nWarm);
    const cold = await engineColdMs(engine, fn.logicalId, payload, nCold);
    return { warm: summarize(warm), cold: summarize(cold.totals) };
  } finally {
    await engine.close();
  }
}

/**
 * A function's first invocation in a new engine, as after opening the workbench: sandboxed, its
 * runtime process starts then (spares are per function) unless the workbench showed the function
 * first (prewarm); unsandboxed, the spare the engine starts for every runtime at open is ready.
 */
export async function firstInvokeMs(fn: FunctionConfig, payload: string, n: number, sandbox: 'auto' | 'off', prewarm = false): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const engine = new Engine({ functions: [fn], sandbox });
    try {
      // What the workbench does when it shows a function.
      if (prewarm) engine.prewarm(fn.logicalId);
      await engine.sparesReady();
      const start = performance.now();
      const r = await engine.invoke(fn.logicalId, { payload });
      if (r.record.status !== 'success') throw new Error(`${fn.logicalId} ${r.record.status}`);
      times.push(performance.now() - start);
    } finally {
      await engine.close();
    }
  }
  return times;
}

/** Rows comparing a sandboxed figure with the unsandboxed one. */
export function sandboxRows(label: string, sandboxed: { warm: Summary; cold: Summary }, off: SandboxCost, ratio: (a: number, b: number) => number) {
  return [
    {
      name: `sandbox cost: warm invoke, ${label}, engine API`,
      p50: sandboxed.warm.p50,
      p99: sandboxed.warm.p99,
      baseline: 'the same, unsandboxed',
      baselineP50: off.warm.p50,
      baselineP99: off.warm.p99,
      ratioP50: ratio(sandboxed.warm.p50, off.warm.p50),
    },
    {
      name: `sandbox cost: cold start, ${label} (whole invoke, spare ready)`,
      p50: sandboxed.cold.p50,
      p99: sandboxed.cold.p99,
      baseline: 'the same, unsandboxed',
      baselineP50: off.cold.p50,
      baselineP99: off.cold.p99,
      ratioP50: ratio(sandboxed.cold.p50, off.cold.p50),
    },
  ];
}
