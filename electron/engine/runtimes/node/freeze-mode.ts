import childProcess, { ChildProcess } from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import type { FreezeMode } from '../../runtime-protocol.js';

/**
 * How the host should freeze this runtime between invocations. Blocking the one JavaScript thread
 * stops the function's timers, callbacks and promises, and is enough ('hold') unless something
 * runs outside that thread: worker threads, or processes the function started (a child, or a
 * background process a sync exec left behind). Then the host stops the whole process group with
 * SIGSTOP too ('stop').
 */
let startedProcesses = false;
let workersReachable = false;
let modulesSeen = 0;
/** Node's list of its own modules loaded so far; 'internal/worker' is there once Worker is reachable. */
const loadedModules = (process as unknown as { moduleLoadList: string[] }).moduleLoadList;

/** Notes every process start from now on; call before any function code loads. */
export function watchProcessStarts(): void {
  // spawn, exec, execFile and fork all go through this method; the sync ones do not.
  const proto = ChildProcess.prototype as unknown as { spawn(...args: unknown[]): unknown };
  proto.spawn = noting(proto.spawn);
  const cp = childProcess as unknown as Record<'spawnSync' | 'execSync' | 'execFileSync', (...args: unknown[]) => unknown>;
  for (const name of ['spawnSync', 'execSync', 'execFileSync'] as const) cp[name] = noting(cp[name]);
  // `import { execSync } from 'node:child_process'` must see the same functions.
  syncBuiltinESMExports();
}

function noting<F extends (...args: unknown[]) => unknown>(fn: F): F {
  return function (this: unknown, ...args: unknown[]) {
    startedProcesses = true;
    return fn.apply(this, args);
  } as F;
}

export function freezeMode(): FreezeMode {
  // The list only grows: look again only when a module was loaded since.
  if (!workersReachable && loadedModules.length !== modulesSeen) {
    modulesSeen = loadedModules.length;
    workersReachable = loadedModules.includes('NativeModule internal/worker');
  }
  return startedProcesses || workersReachable ? 'stop' : 'hold';
}
