/**
 * Whether this machine can put a function in a sandbox, and with what. Linux uses bubblewrap
 * (Debian's `bubblewrap`, the sandbox Flatpak uses); elsewhere, and where bwrap is missing or the
 * kernel refuses it namespaces, functions run unsandboxed, and every place that runs one says so.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { processLimitFor, type ProcessLimit } from './process-limit.js';
import { cpuQuotaSupport, type CpuQuota } from './cpu-quota.js';

export type SandboxSupport =
  | {
      kind: 'bubblewrap';
      bwrap: string;
      version: string;
      prlimit?: string;
      processLimit: ProcessLimit;
      /** Where CPU can be given in proportion to memory (see cpu-quota.ts). */
      cpu?: CpuQuota;
    }
  | {
      kind: 'none';
      /** Said to the user beside the "not sandboxed" badge. */
      reason: string;
    };

export interface SandboxChoice {
  /** 'off' runs unsandboxed on purpose (FAASLAB_SANDBOX=off); 'auto' sandboxes when it can. */
  mode?: 'auto' | 'off';
  /** Where to look for bwrap and prlimit (default: PATH). */
  searchPath?: string;
}

const cache = new Map<string, SandboxSupport>();

/** Probed once per process and choice: the probe starts a sandbox (about 15 ms). */
export function sandboxSupport(choice: SandboxChoice = {}, env: NodeJS.ProcessEnv = process.env): SandboxSupport {
  const mode = choice.mode ?? (env.FAASLAB_SANDBOX === 'off' ? 'off' : 'auto');
  const searchPath = choice.searchPath ?? env.PATH ?? '';
  const key = `${mode}\u0000${searchPath}`;
  let found = cache.get(key);
  if (!found) cache.set(key, (found = probe(mode, searchPath)));
  return found;
}

function probe(mode: 'auto' | 'off', searchPath: string): SandboxSupport {
  if (mode === 'off') return { kind: 'none', reason: 'the sandbox is turned off (FAASLAB_SANDBOX=off)' };
  if (process.platform === 'darwin') return { kind: 'none', reason: 'faaslab has no macOS sandbox yet (a sandbox-exec profile is planned); functions can read and write what you can' };
  if (process.platform === 'win32') return { kind: 'none', reason: 'faaslab has no Windows sandbox yet (a Job object is planned); functions can read and write what you can' };
  if (process.platform !== 'linux') return { kind: 'none', reason: `faaslab has no sandbox for ${process.platform}` };
  const bwrap = findProgram('bwrap', searchPath);
  if (!bwrap) return { kind: 'none', reason: 'bubblewrap is not installed: install it with `sudo apt-get install -y bubblewrap` (Fedora: `sudo dnf install bubblewrap`)' };
  const version = /([\d.]+)/.exec(spawnSync(bwrap, ['--version'], { encoding: 'utf8' }).stdout ?? '')?.[1] ?? 'unknown';
  // The same namespaces every environment gets: a kernel that refuses one refuses them all.
  const tried = spawnSync(bwrap, ['--ro-bind', '/', '/', '--proc', '/proc', '--dev', '/dev', '--unshare-user', '--unshare-pid', '--unshare-ipc', '--die-with-parent', '--cap-drop', 'ALL', 'true'], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  if (tried.status !== 0) {
    const said = (tried.stderr || tried.error?.message || `exit status ${tried.status}`).trim();
    return {
      kind: 'none',
      reason: `bubblewrap cannot make a sandbox here (${said}); on Ubuntu 24.04 and later, allow unprivileged user namespaces for bwrap (an AppArmor profile) or run faaslab where they are allowed`,
    };
  }
  const prlimit = findProgram('prlimit', searchPath);
  const cpu = cpuQuotaSupport();
  return { kind: 'bubblewrap', bwrap, version, ...(prlimit ? { prlimit } : {}), processLimit: processLimitFor(), ...(cpu ? { cpu } : {}) };
}

export function findProgram(name: string, searchPath: string): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** One line for `serve`, `invoke` and the status bar. */
export function describeSandbox(s: SandboxSupport): string {
  if (s.kind === 'none') return `NOT sandboxed: ${s.reason}`;
  return `bubblewrap ${s.version} (own PID and mount namespaces; only the function's code, layers and dependencies, read-only; its own /tmp; ${s.processLimit.describe})`;
}
