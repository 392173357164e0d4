/**
 * How many processes and threads one environment may have (Lambda: 1,024). A fork bomb must stop
 * at the limit, not at the host's. The best tool is a cgroup of the pids controller per
 * environment: it counts only that sandbox. Where the host cannot make one (no delegated cgroup),
 * RLIMIT_NPROC is the fallback; it counts every process of the user, so it is set to what the
 * user runs already plus the limit, and the kernel does not apply it to root.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LIMITS } from '../../../shared/lambda/limits.js';

export type ProcessLimit =
  | {
      kind: 'cgroup';
      /** The folder under which each sandbox gets its own cgroup, named by its outer process id. */
      base: string;
      describe: string;
    }
  | { kind: 'rlimit'; nproc: number; describe: string }
  | { kind: 'none'; describe: string };

let made: ProcessLimit | undefined;

export function processLimitFor(): ProcessLimit {
  made ??= cgroupLimit() ?? rlimitLimit();
  return made;
}

/** Makes the host's cgroup folder again if an engine closed before removed it. */
export function ensureCgroupBase(limit: ProcessLimit): void {
  if (limit.kind === 'cgroup') mkdirSync(limit.base, { recursive: true });
}

/**
 * The shell line that moves a sandbox into its own cgroup before it starts: the shell's pid is the
 * one the host spawned, which then execs prlimit and bwrap, so the host knows the cgroup by it.
 */
export function pidsEntryScript(limit: Extract<ProcessLimit, { kind: 'cgroup' }>): string {
  const dir = `${limit.base}/$$`;
  return `mkdir "${dir}" && echo ${LIMITS.processes} > "${dir}/pids.max" && echo $$ > "${dir}/cgroup.procs"`;
}

/** Removes the cgroup of a sandbox whose processes are gone (a cgroup with processes cannot be removed). */
export function releaseCgroup(limit: ProcessLimit, pid: number | undefined): void {
  if (limit.kind === 'cgroup') removeSandboxCgroup(limit.base, pid);
}

/** The cgroup named by a sandbox's outer pid under `base`, removed once its processes have left it. */
export function removeSandboxCgroup(base: string, pid: number | undefined, attempt = 0): void {
  if (!pid) return;
  try {
    rmdirSync(path.join(base, String(pid)));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // The kill was just sent: the processes leave the cgroup a moment later.
    if (code === 'EBUSY' && attempt < 50) setTimeout(() => removeSandboxCgroup(base, pid, attempt + 1), 20).unref();
  }
}

/**
 * Removes this host's cgroup folder when the engine closes, once the killed sandboxes have left
 * their cgroups (within a second; an empty cgroup left behind costs the kernel next to nothing).
 */
export async function releaseAllCgroups(base: string | undefined): Promise<void> {
  if (!base) return;
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      for (const entry of readdirSync(base, { withFileTypes: true })) {
        if (!entry.isDirectory()) continue;
        try {
          rmdirSync(path.join(base, entry.name));
        } catch {
          // still has processes: the next attempt
        }
      }
      rmdirSync(base);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

function cgroupLimit(): ProcessLimit | undefined {
  const made = makeCgroupFolder('pids', `faaslab-${process.pid}`, () => 'pids.max');
  return made && { kind: 'cgroup', base: made.base, describe: `at most ${LIMITS.processes} processes and threads (a cgroup of its own)` };
}

/**
 * A folder of ours in this process's cgroup of the controller, made and tried (its control file
 * readable), or undefined when the host lets us make none. On cgroup v2 a child gets the
 * controller's files only when its parent enables it, which we try.
 */
export function makeCgroupFolder(controller: 'pids' | 'cpu', name: string, controlFile: (v2: boolean) => string): { base: string; v2: boolean } | undefined {
  if (process.platform !== 'linux') return undefined;
  let own: string;
  let mounts: string;
  try {
    own = readFileSync('/proc/self/cgroup', 'utf8');
    mounts = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return undefined;
  }
  for (const candidate of cgroupCandidates(own, mounts, controller)) {
    const base = path.join(candidate, name);
    try {
      mkdirSync(base, { recursive: true });
      try {
        writeFileSync(path.join(base, 'cgroup.subtree_control'), `+${controller}`);
      } catch {
        // cgroup v1: no subtree_control; the controller is there already
      }
      const v2 = existsSync(path.join(base, 'cgroup.subtree_control'));
      readFileSync(path.join(base, controlFile(v2)), 'utf8');
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

/** The pids hierarchy this process is in, for cgroup v1 and for v2. */
export function cgroupCandidates(own: string, mountinfo: string, controller = 'pids'): string[] {
  const out: string[] = [];
  const mounts = mountinfo.split('\n').map((line) => {
    const [left, right] = line.split(' - ');
    const fields = left?.split(' ') ?? [];
    const [fstype, , superOpts] = right?.split(' ') ?? [];
    return { root: fields[3] ?? '', mountPoint: fields[4] ?? '', fstype, superOpts: superOpts ?? '' };
  });
  for (const line of own.split('\n')) {
    const m = /^(\d+):([^:]*):(.*)$/.exec(line);
    if (!m) continue;
    const [, id, controllers, cgroupPath] = m as unknown as [string, string, string, string];
    const v2 = id === '0' && controllers === '';
    const mount = mounts.find((mt) => (v2 ? mt.fstype === 'cgroup2' : mt.fstype === 'cgroup' && controllers.split(',').includes(controller) && mt.superOpts.split(',').includes(controller)));
    if (!mount) continue;
    if (!v2 && !controllers.split(',').includes(controller)) continue;
    // A cgroup namespace shows our path relative to the mount's root.
    const relative = path.posix.relative(mount.root, cgroupPath);
    if (relative.startsWith('..')) continue;
    out.push(path.join(mount.mountPoint, relative));
  }
  return out;
}

function rlimitLimit(): ProcessLimit {
  if (process.getuid?.() === 0) return { kind: 'none', describe: 'processes not limited (root, and no cgroup of the pids controller to use)' };
  const running = tasksOfUser(process.getuid?.() ?? -1);
  const nproc = running + LIMITS.processes;
  return { kind: 'rlimit', nproc, describe: `at most ${LIMITS.processes} processes and threads beyond the ${running} you run (RLIMIT_NPROC; no cgroup to use)` };
}

/** Threads count against RLIMIT_NPROC as processes do. */
function tasksOfUser(uid: number): number {
  let n = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'latin1');
      if (Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]) === uid) n += Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 1);
    } catch {
      // gone
    }
  }
  return n;
}
