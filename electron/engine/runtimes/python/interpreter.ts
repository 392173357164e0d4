/**
 * Which Python runs a pythonX.Y function. The real interpreter, never a pyenv shim (a shim is a
 * shell script that costs about 80 ms a start, and resolves by the caller's folder): the exact
 * minor version when the host has it (on PATH, or installed by pyenv), else the host's python3,
 * with a note saying so. FAASLAB_PYTHON names an interpreter to use for every Python function.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PythonInterpreter {
  /** The interpreter's real path (links resolved). */
  path: string;
  /** Its version, e.g. 3.11.2. */
  version: string;
  /** Said once per environment when the version differs from the runtime's. */
  note?: string;
}

const versions = new Map<string, string | undefined>();
const resolved = new Map<string, PythonInterpreter | { error: string }>();

/** Forget what was found (tests that change PATH or FAASLAB_PYTHON). */
export function forgetPythonInterpreters(): void {
  versions.clear();
  resolved.clear();
}

export function resolvePython(runtime: string, env: NodeJS.ProcessEnv = process.env): PythonInterpreter | { error: string } {
  const key = `${runtime}\u0000${env.FAASLAB_PYTHON ?? ''}\u0000${env.PATH ?? ''}`;
  let found = resolved.get(key);
  if (!found) {
    found = find(runtime, env);
    resolved.set(key, found);
  }
  return found;
}

function find(runtime: string, env: NodeJS.ProcessEnv): PythonInterpreter | { error: string } {
  const wanted = /^python(\d+\.\d+)$/.exec(runtime)?.[1];
  if (!wanted) return { error: `${runtime} is not a Python runtime` };
  const explicit = env.FAASLAB_PYTHON;
  if (explicit) {
    const version = versionOf(explicit);
    if (!version) return { error: `FAASLAB_PYTHON=${explicit} is not a Python interpreter that runs` };
    return withNote({ path: realpathSync(explicit), version }, wanted);
  }
  const dirs = (env.PATH ?? '').split(path.delimiter).filter((d) => d && !isShimDir(d));
  const exact = [...dirs.map((d) => path.join(d, `python${wanted}`)), ...pyenvBinaries(wanted, env)];
  for (const candidate of exact) {
    if (!isExecutable(candidate)) continue;
    const version = versionOf(candidate);
    if (version?.startsWith(`${wanted}.`)) return { path: realpathSync(candidate), version };
  }
  const fallbacks = [...dirs.map((d) => path.join(d, 'python3')), '/usr/bin/python3', '/usr/local/bin/python3'];
  for (const candidate of fallbacks) {
    if (!isExecutable(candidate) || isShim(candidate)) continue;
    const version = versionOf(candidate);
    if (version) return withNote({ path: realpathSync(candidate), version }, wanted);
  }
  return {
    error: `${runtime} needs Python ${wanted} (or any python3) on this machine, and none was found: install it (Debian: sudo apt-get install -y python3) or set FAASLAB_PYTHON to an interpreter`,
  };
}

function withNote(found: PythonInterpreter, wanted: string): PythonInterpreter {
  if (found.version.startsWith(`${wanted}.`)) return found;
  const [major, minor] = found.version.split('.').map(Number) as [number, number];
  const [wantMajor, wantMinor] = wanted.split('.').map(Number) as [number, number];
  const relation = major * 100 + minor < wantMajor * 100 + wantMinor ? 'older' : 'newer';
  return {
    ...found,
    note: `python${wanted} runs on Python ${found.version} (${found.path}), which is ${relation} than Lambda's: this machine has no Python ${wanted} (install it, or set FAASLAB_PYTHON)`,
  };
}

/** pyenv's own installs: the interpreters its shims would pick, without the shim. */
function pyenvBinaries(wanted: string, env: NodeJS.ProcessEnv): string[] {
  const root = env.PYENV_ROOT ?? path.join(env.HOME ?? os.homedir(), '.pyenv');
  const dir = path.join(root, 'versions');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n === wanted || n.startsWith(`${wanted}.`))
    .sort((a, b) => b.localeCompare(a, undefined, { numeric: true }))
    .map((n) => path.join(dir, n, 'bin', `python${wanted}`));
}

function isShimDir(dir: string): boolean {
  return /[\\/]shims[\\/]?$/.test(dir);
}

function isShim(file: string): boolean {
  try {
    return isShimDir(path.dirname(realpathSync(file)));
  } catch {
    return true;
  }
}

function isExecutable(file: string): boolean {
  try {
    return existsSync(file) && statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Runs the interpreter once (then remembered) for its version. */
function versionOf(file: string): string | undefined {
  if (versions.has(file)) return versions.get(file);
  let version: string | undefined;
  try {
    version = execFileSync(file, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (!/^\d+\.\d+\.\d+$/.test(version)) version = undefined;
  } catch {
    version = undefined;
  }
  versions.set(file, version);
  return version;
}
