/**
 * Which host folders one function's sandbox shows (read-only, at their own paths): its code or
 * build output, the dependencies faaslab installed for it, its layers, and its runtime (the
 * interpreter's installation, faaslab's runtime program, the AWS SDK Lambda provides).
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { FunctionConfig } from '../../../shared/domain/function-config.js';
import { runtimeInfo } from '../../../shared/lambda/runtimes.js';
import { packageRoot } from '../assets.js';
import type { PreparedCode } from '../code/prepare-code.js';
import type { ProcessLaunch, RuntimeExtras } from '../runtime-launcher.js';
import { outermost, sandboxCommand, type SandboxView } from './bubblewrap.js';
import { optFolder } from './opt-folder.js';
import { cpuShare, releaseCpu } from './cpu-quota.js';
import { releaseCgroup } from './process-limit.js';
import type { SandboxSupport } from './sandbox-support.js';

export interface ViewInput {
  fn: FunctionConfig;
  prepared?: PreparedCode;
  /** The interpreter the sandbox starts (none for a custom runtime: its bootstrap is in the code or a layer). */
  program?: string;
  extras?: RuntimeExtras;
  /** Where a merged /opt of several layers is made. */
  optRoot: string;
  /** CPU in proportion to Memory Size, as on Lambda (cpu-quota.ts). */
  cpuScaling?: boolean;
}

export function sandboxView({ fn, prepared, program, extras, optRoot, cpuScaling }: ViewInput): SandboxView {
  const root = packageRoot();
  const readOnly = [fn.codeDir, ...(fn.layers ?? []), ...(program ? installation(program) : []), path.join(root, 'dist', 'runtimes')];
  if (prepared) readOnly.push(prepared.codeDir, ...prepared.nodePaths, ...prepared.pythonPaths);
  if (runtimeInfo(fn.runtime)?.family === 'nodejs') {
    // The SDK folder links into faaslab's own node_modules.
    readOnly.push(path.join(root, 'dist', 'runtime-sdk'), path.join(root, 'node_modules'));
  }
  if (extras?.sdkPath) readOnly.push(extras.sdkPath);
  // Sorted and without nested folders: the same view is the same key for the function's spares.
  const opt = optFolder(fn.layers ?? [], optRoot);
  return { readOnly: outermost(readOnly), tmpBytes: fn.ephemeralStorageMb * 1024 * 1024, ...(opt ? { opt } : {}), ...(cpuScaling ? { cpuShare: cpuShare(fn.memorySizeMb) } : {}) };
}

/** A runtime program started inside the function's sandbox: its spares are the function's own. */
export function sandboxedLaunch(launch: ProcessLaunch, view: SandboxView, support: Extract<SandboxSupport, { kind: 'bubblewrap' }>, owner: string): ProcessLaunch {
  const cmd = sandboxCommand(support, view, launch.command, launch.args);
  return {
    ...launch,
    key: `${launch.key}\u0000sandbox\u0000${owner}\u0000${JSON.stringify(view)}`,
    command: cmd.command,
    args: cmd.args,
    env: { ...launch.env, ...(launch.env.HOME ? { HOME: '/tmp' } : {}) },
    owner,
    release: (pid) => {
      releaseCgroup(support.processLimit, pid);
      if (view.cpuShare !== undefined) releaseCpu(support.cpu, pid);
    },
  };
}

/**
 * An interpreter outside /usr (nvm's node, pyenv's python, Electron) brings its installation:
 * the folder above its bin/. A program in the function's code is in the view already.
 */
function installation(program: string): string[] {
  let real = program;
  try {
    real = realpathSync(program);
  } catch {
    // missing: the start fails and says so
  }
  const dirs = new Set([path.dirname(program), path.dirname(real)]);
  for (const dir of [...dirs]) if (path.basename(dir) === 'bin') dirs.add(path.dirname(dir));
  return [...dirs].filter((d) => d !== '/' && !d.startsWith('/usr/') && d !== '/usr' && d !== '/bin' && d !== '/sbin');
}
