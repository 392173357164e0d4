/**
 * CPU in proportion to memory, as Lambda gives it: one vCPU at 1,769 MB, less below (a 128 MB
 * function gets about 7% of one), up to six at 10,240 MB. Emulated with a cgroup of the cpu
 * controller per sandbox (cfs quota on cgroup v1, cpu.max on v2) where the host can make one;
 * otherwise durations are the host's, and faaslab says they are not scaled.
 */
import { mkdirSync, rmdirSync } from 'node:fs';
import os from 'node:os';
import { makeCgroupFolder, removeSandboxCgroup } from './process-limit.js';

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

export function releaseCpu(quota: CpuQuota | undefined, pid: number | undefined): void {
  if (quota) removeSandboxCgroup(quota.base, pid);
}

function findCpuCgroup(): CpuQuota | undefined {
  const made = makeCgroupFolder('cpu', `faaslab-cpu-${process.pid}`, (v2) => (v2 ? 'cpu.max' : 'cpu.cfs_quota_us'));
  // Made again by the first sandbox that needs it: a host that never scales CPU leaves nothing.
  if (made) rmdirSync(made.base);
  return made;
}
