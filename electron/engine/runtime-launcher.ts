/**
 * How each runtime family starts (ARCHITECTURE.md "One invocation", step 4: one launcher for
 * every runtime). faaslab's own runtimes (Node.js, Python, Ruby) run as spare processes of one program
 * per interpreter, assigned to a function later; custom runtimes run the function's bootstrap.
 */
import os from 'node:os';
import type { FunctionConfig } from '../../shared/domain/function-config.js';
import { runtimeInfo } from '../../shared/lambda/runtimes.js';
import { runtimeAsset } from './assets.js';
import type { AssignMessage } from './runtime-protocol.js';
import { layerPaths } from './lambda-environment.js';
import { nodeOnlyEnv } from './reaper.js';
import { resolvePython } from './runtimes/python/interpreter.js';
import { rubyLauncher } from './runtimes/ruby/launch.js';
import { BOTO3_INSTALL_HINT, pythonSdkPath } from './runtimes/python/sdk.js';

/** A runtime program and the environment it starts with, before any function is assigned. */
export interface ProcessLaunch {
  /** Spare processes are pooled per key: one interpreter, one program. */
  key: string;
  /** For messages: "Node.js", "Python 3.12.1". */
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  /** A sandboxed launch belongs to one function (its logical id): its spares go when the function does. */
  owner?: string;
  /** Called once a process of this launch is gone (a sandbox's cgroup is removed then). */
  release?: (pid: number | undefined) => void;
}

/** What a spare is told besides the function: the assignment's optional, per-runtime fields. */
export type RuntimeExtras = Omit<AssignMessage, 't' | 'env' | 'handler' | 'taskRoot' | 'freeze'>;

export type Launcher = { kind: 'spare'; launch: ProcessLaunch; runtimeVersion: string; note?: string; extras?: RuntimeExtras } | { kind: 'bootstrap'; runtimeVersion: string };

const BASE_ENV = { LANG: 'en_US.UTF-8', TZ: 'UTC' };

export function launcherFor(fn: FunctionConfig, nodeBinary: string): Launcher | { error: string } {
  const family = runtimeInfo(fn.runtime)?.family;
  if (family === 'nodejs') {
    return {
      kind: 'spare',
      launch: { key: `node\u0000${nodeBinary}`, name: 'Node.js', command: nodeBinary, args: [runtimeAsset('node-runtime.cjs')], env: { ...BASE_ENV, ...nodeOnlyEnv() } },
      runtimeVersion: `${fn.runtime.replace('.x', '')}.local-node-${process.versions.node}`,
    };
  }
  if (family === 'python') {
    const python = resolvePython(fn.runtime);
    if ('error' in python) return python;
    const sdk = pythonSdkPath();
    return {
      kind: 'spare',
      launch: {
        key: `python\u0000${python.path}`,
        name: `Python ${python.version}`,
        command: python.path,
        // -S: none of the host's site-packages, so a function imports only what Lambda would give
        // it (its code, layers, boto3); -B: no .pyc files written into the function's code.
        args: ['-S', '-B', runtimeAsset('python/faaslab_runtime.py')],
        env: { ...BASE_ENV, PYTHONUNBUFFERED: '1', PYTHONIOENCODING: 'utf-8', HOME: os.tmpdir() },
      },
      runtimeVersion: `${fn.runtime.replace('python', 'python:')}.local-python-${python.version}`,
      ...(python.note ? { note: python.note } : {}),
      extras: { ...(sdk ? { sdkPath: sdk } : { sdkHint: BOTO3_INSTALL_HINT }), pythonPaths: layerPaths(fn).python },
    };
  }
  if (family === 'ruby') return rubyLauncher(fn, BASE_ENV);
  return { kind: 'bootstrap', runtimeVersion: `${fn.runtime}.local` };
}
