import { readFileSync } from 'node:fs';

const POSIX = process.platform !== 'win32';

/**
 * Environments run in their own process group (spawned detached), so one signal reaches the
 * runtime and everything the function started. Windows has no groups: the runtime alone.
 */
export function signalGroup(pid: number | undefined, signal: NodeJS.Signals): boolean {
  if (!pid) return false;
  try {
    process.kill(POSIX ? -pid : pid, signal);
    return true;
  } catch {
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}

export const killGroup = (pid: number | undefined) => signalGroup(pid, 'SIGKILL');

/** Freezing between invocations needs SIGSTOP/SIGCONT, which only POSIX systems have. */
export const canFreeze = POSIX;

export interface MemorySample {
  rssMb: number;
  peakMb: number;
}

const HAS_PROC = process.platform === 'linux';

/** Resident and peak memory of a process, from /proc on Linux; undefined where not readable. */
export function sampleMemory(pid: number | undefined): MemorySample | undefined {
  if (!HAS_PROC || !pid) return undefined;
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'latin1');
  } catch {
    return undefined;
  }
  const rss = /VmRSS:\s+(\d+) kB/.exec(status);
  const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
  if (!rss || !hwm) return undefined;
  return { rssMb: Number(rss[1]) / 1024, peakMb: Number(hwm[1]) / 1024 };
}
