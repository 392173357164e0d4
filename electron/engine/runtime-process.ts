/**
 * How an environment's runtime process starts (ARCHITECTURE.md, "One invocation", step 4): a
 * spare of faaslab's own runtime, told which function it now is, or a custom runtime's bootstrap;
 * either inside the function's sandbox when the machine has one.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import type { FunctionConfig } from '../../shared/domain/function-config.js';
import type { PreparedCode } from './code/prepare-code.js';
import type { EnvironmentDeps } from './environment-types.js';
import { layerPaths } from './lambda-environment.js';
import { canFreeze } from './process-control.js';
import type { ProcessLaunch, RuntimeExtras } from './runtime-launcher.js';
import { EVENT_FD, type AssignMessage } from './runtime-protocol.js';
import { sandboxCommand } from './sandbox/bubblewrap.js';
import { releaseCgroup } from './sandbox/process-limit.js';
import { releaseCpu } from './sandbox/cpu-quota.js';
import { sandboxedLaunch, sandboxView } from './sandbox/sandbox-view.js';

export interface RuntimeStart {
  fn: FunctionConfig;
  deps: EnvironmentDeps;
  prepared: PreparedCode | undefined;
  /** The function's variables, exactly Lambda's. */
  env: Record<string, string>;
  taskRoot: string;
}

/** faaslab's own runtime (Node.js, Python, Ruby): a spare process, told which function it now is. */
export async function assignSpare(s: RuntimeStart, launch: ProcessLaunch, extras: RuntimeExtras | undefined, onTaken: () => void): Promise<ChildProcess> {
  const proc = await s.deps.spares.take(inSandbox(s.fn, s.deps, s.prepared, launch, extras));
  onTaken();
  proc.stdio[EVENT_FD]?.on('error', () => {}); // an event for a runtime that just died
  const assign: AssignMessage = { t: 'assign', env: s.env, handler: s.fn.handler, taskRoot: s.taskRoot, freeze: s.deps.freeze && canFreeze, ...withPrepared(extras, s.prepared) };
  proc.send(assign);
  return proc;
}

/**
 * The runtime program as this function's sandbox starts it (its spares are then the function's
 * own). The engine's prewarm asks the same, so its spare is the one the environment takes.
 */
export function inSandbox(fn: FunctionConfig, deps: EnvironmentDeps, prepared: PreparedCode | undefined, launch: ProcessLaunch, extras?: RuntimeExtras): ProcessLaunch {
  const support = deps.sandbox;
  if (support.kind !== 'bubblewrap') return launch;
  return sandboxedLaunch(launch, sandboxView({ fn, prepared, program: launch.command, optRoot: deps.tmpRoot, cpuScaling: deps.cpuScaling, ...(extras ? { extras } : {}) }), support, fn.logicalId);
}

/**
 * A custom runtime (provided.*): the function's own executable bootstrap is the runtime. Throws
 * when there is none; `release` ends its sandbox's cgroup with the environment.
 */
export function spawnBootstrap(s: RuntimeStart): { proc: ChildProcess; release?: () => void } {
  // The task root's bootstrap first, then the one a layer put in /opt.
  const candidates = [path.join(s.taskRoot, 'bootstrap'), ...layerPaths(s.fn).bootstrap];
  const bootstrap = candidates.find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!bootstrap) throw new Error(`Couldn't find valid bootstrap(s): [${candidates.join(' ')}] (it must exist and be executable)`);
  const support = s.deps.sandbox;
  const view = support.kind === 'bubblewrap' ? sandboxView({ fn: s.fn, prepared: s.prepared, optRoot: s.deps.tmpRoot, cpuScaling: s.deps.cpuScaling }) : undefined;
  const run = support.kind === 'bubblewrap' && view ? sandboxCommand(support, view, bootstrap, [], s.taskRoot) : { command: bootstrap, args: [] };
  const proc = spawn(run.command, run.args, { cwd: s.taskRoot, env: s.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true, windowsHide: true });
  s.deps.reaper.watch(proc.pid);
  if (support.kind !== 'bubblewrap') return { proc };
  const release = () => {
    releaseCgroup(support.processLimit, proc.pid);
    if (view?.cpuShare !== undefined) releaseCpu(support.cpu, proc.pid);
  };
  return { proc, release };
}

/** What a spare is told about prepared code: installed requirements first on sys.path, source maps. */
function withPrepared(extras: RuntimeExtras | undefined, prepared: PreparedCode | undefined): RuntimeExtras {
  if (!prepared) return extras ?? {};
  return {
    ...extras,
    ...(prepared.pythonPaths.length || extras?.pythonPaths ? { pythonPaths: [...prepared.pythonPaths, ...(extras?.pythonPaths ?? [])] } : {}),
    ...(prepared.sourceMaps ? { sourceMaps: true } : {}),
  };
}
