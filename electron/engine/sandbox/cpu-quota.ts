/**
 * CPU in proportion to memory, as Lambda gives it: one vCPU at 1,769 MB, less below (a 128 MB
 * function gets about 7% of one), up to six at 10,240 MB. Emulated with a cgroup of the cpu
 * controller per sandbox (cfs quota on cgroup v1, cpu.max on v2) where the host can make one;
 * otherwise durations are the host's, and faaslab says they are not scaled.
 */
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cgroupCandidates } from './process-limit.js';

export interface CpuQuota {
  /** The folder under which each sandbox gets its own cgroup, named by its outer process id. */
  base: string;
  v2: boolean;
}

/** Lambda's memory size for one full vCPU. */
export const MB_PER_VCPU = 1769;
const PERIOD_US = 100_000;

let found: CpuQuota | null | undefined;

/** Looked for once; the folder is made when a sandbox first needs it, and removed at close. */
export function cpuQuotaSupport(): CpuQuota | undefined {
  if (found === undefined) found = findCpuCgroup() ?? null;
  return found ?? undefined;
}

/** The share of one CPU a function of this memory gets (capped at this machine's cores). */
export function cpuShare(memoryMb: number): number {
  return Math.min(os.availableParallelism(), memoryMb / MB_PER_VCPU);
}

/** Shell that puts the shell itself ($$, the sandbox's outer pid) into a cpu cgroup of its own. */
export function cpuEntryScript(quota: CpuQuota, share: number): string {
  const us = Math.max(1000, Math.round(share * PERIOD_US));
  mkdirSync(quota.base, { recursive: true });
  const dir = `${quota.base}/$$`;
  const limit = quota.v2 ? `echo "${us} ${PERIOD_US}" > "${dir}/cpu.max"` : `echo ${PERIOD_US} > "${dir}/cpu.cfs_period_us" && echo ${us} > "${dir}/cpu.cfs_quota_us"`;
  return `mkdir "${dir}" && ${limit} && echo $$ > "${dir}/cgroup.procs"`;
}

export function releaseCpu(quota: CpuQuota | undefined, pid: number | undefined, attempt = 0): void {
  if (!quota || !pid) return;
  try {
    rmdirSync(path.join(quota.base, String(pid)));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EBUSY' && attempt < 50) setTimeout(() => releaseCpu(quota, pid, attempt + 1), 20).unref();
  }
}

function findCpuCgroup(): CpuQuota | undefined {
  if (process.platform !== 'linux') return undefined;
  let own: string;
  let mounts: string;
  try {
    own = readFileSync('/proc/self/cgroup', 'utf8');
    mounts = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return undefined;
  }
  for (const candidate of cgroupCandidates(own, mounts, 'cpu')) {
    const base = path.join(candidate, `faaslab-cpu-${process.pid}`);
    try {
      mkdirSync(base, { recursive: true });
      try {
        writeFileSync(path.join(base, 'cgroup.subtree_control'), '+cpu');
      } catch {
        // cgroup v1: the controller is there already
      }
      const v2 = isFile(path.join(base, 'cgroup.subtree_control'));
      readFileSync(path.join(base, v2 ? 'cpu.max' : 'cpu.cfs_quota_us'), 'utf8');
      rmdirSync(base);
      return { base, v2 };
    } catch {
      try {
        rmdirSync(base);
      } catch {
        // not made
      }
    }
  }
  return undefined;
}

function isFile(p: string): boolean {
  try {
    readFileSync(p);
    return true;
  } catch {
    return false;
  }
}
