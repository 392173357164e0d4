/**
 * Which interpreter runs a function of an interpreted runtime (pythonX.Y, rubyX.Y): the real
 * one, never a version manager's shim (a shell script that costs a start of its own and resolves
 * by the caller's folder). The exact minor version when the host has it (on PATH, or installed by
 * a version manager), else the host's default interpreter with a note saying it is older or newer
 * than Lambda's. An override variable names an interpreter to use for every function.
 */
import { execFileSync } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';

export interface Interpreter {
  /** The interpreter's real path (links resolved). */
  path: string;
  /** Its version, e.g. 3.11.2. */
  version: string;
  /** Said once per environment when the version differs from the runtime's. */
  note?: string;
}

export interface InterpreterKind {
  /** For messages: Python, Ruby. */
  language: string;
  /** The runtime ids' prefix, which is also the versioned binary's: python3.12, ruby3.3. */
  prefix: string;
  /** The unversioned binary: python3, ruby. */
  fallbackName: string;
  /** FAASLAB_PYTHON, FAASLAB_RUBY. */
  overrideVar: string;
  /** Debian's package of the interpreter. */
  debianPackage: string;
  /** Arguments that make the interpreter print its version as X.Y.Z. */
  versionArgs: string[];
  /** A version manager's installs of this minor version, newest first. */
  managed(wanted: string, env: NodeJS.ProcessEnv): string[];
}

const versions = new Map<string, string | undefined>();
const resolved = new Map<string, Interpreter | { error: string }>();

/** Forget what was found (tests that change PATH or an override variable). */
export function forgetInterpreters(): void {
  versions.clear();
  resolved.clear();
}

export function resolveInterpreter(kind: InterpreterKind, runtime: string, env: NodeJS.ProcessEnv): Interpreter | { error: string } {
  const key = `${runtime}\u0000${env[kind.overrideVar] ?? ''}\u0000${env.PATH ?? ''}`;
  let found = resolved.get(key);
  if (!found) {
    found = find(kind, runtime, env);
    resolved.set(key, found);
  }
  return found;
}

function find(kind: InterpreterKind, runtime: string, env: NodeJS.ProcessEnv): Interpreter | { error: string } {
  const wanted = new RegExp(`^${kind.prefix}(\\d+\\.\\d+)$`).exec(runtime)?.[1];
  if (!wanted) return { error: `${runtime} is not a ${kind.language} runtime` };
  const explicit = env[kind.overrideVar];
  if (explicit) {
    const version = versionOf(kind, explicit);
    if (!version) return { error: `${kind.overrideVar}=${explicit} is not a ${kind.language} interpreter that runs` };
    return withNote(kind, { path: realpathSync(explicit), version }, wanted);
  }
  const dirs = (env.PATH ?? '').split(path.delimiter).filter((d) => d && !isShimDir(d));
  const exact = [...dirs.map((d) => path.join(d, `${kind.prefix}${wanted}`)), ...kind.managed(wanted, env)];
  for (const candidate of exact) {
    if (!isFile(candidate) || isShim(candidate)) continue;
    const version = versionOf(kind, candidate);
    if (version?.startsWith(`${wanted}.`)) return { path: realpathSync(candidate), version };
  }
  const fallbacks = [...dirs.map((d) => path.join(d, kind.fallbackName)), `/usr/bin/${kind.fallbackName}`, `/usr/local/bin/${kind.fallbackName}`];
  for (const candidate of fallbacks) {
    if (!isFile(candidate) || isShim(candidate)) continue;
    const version = versionOf(kind, candidate);
    if (version) return withNote(kind, { path: realpathSync(candidate), version }, wanted);
  }
  return {
    error: `${runtime} needs ${kind.language} ${wanted} (or any ${kind.fallbackName}) on this machine, and none was found: install it (Debian: sudo apt-get install -y ${kind.debianPackage}) or set ${kind.overrideVar} to an interpreter`,
  };
}

function withNote(kind: InterpreterKind, found: Interpreter, wanted: string): Interpreter {
  if (found.version.startsWith(`${wanted}.`)) return found;
  const [major, minor] = found.version.split('.').map(Number) as [number, number];
  const [wantMajor, wantMinor] = wanted.split('.').map(Number) as [number, number];
  const relation = major * 100 + minor < wantMajor * 100 + wantMinor ? 'older' : 'newer';
  const { language, prefix, overrideVar } = kind;
  return {
    ...found,
    note: `${prefix}${wanted} runs on ${language} ${found.version} (${found.path}), which is ${relation} than Lambda's: this machine has no ${language} ${wanted} (install it, or set ${overrideVar})`,
  };
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

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Runs the interpreter once (then remembered) for its version. */
function versionOf(kind: InterpreterKind, file: string): string | undefined {
  if (versions.has(file)) return versions.get(file);
  let version: string | undefined;
  try {
    version = execFileSync(file, kind.versionArgs, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (!/^\d+\.\d+\.\d+$/.test(version)) version = undefined;
  } catch {
    version = undefined;
  }
  versions.set(file, version);
  return version;
}
