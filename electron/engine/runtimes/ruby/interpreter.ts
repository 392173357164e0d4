/**
 * Which Ruby runs a rubyX.Y function. The real interpreter, never an rbenv or asdf shim (a shell
 * script that costs a start of its own and resolves by the caller's folder): the exact minor
 * version when the host has it (rubyX.Y on PATH, or installed by rbenv, rvm, asdf or chruby),
 * else the host's ruby, with a note saying so. FAASLAB_RUBY names an interpreter to use for every
 * Ruby function.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, realpathSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RubyInterpreter {
  /** The interpreter's real path (links resolved). */
  path: string;
  /** Its version, e.g. 3.3.6. */
  version: string;
  /** Said once per environment when the version differs from the runtime's. */
  note?: string;
}

const versions = new Map<string, string | undefined>();
const resolved = new Map<string, RubyInterpreter | { error: string }>();

/** Forget what was found (tests that change PATH or FAASLAB_RUBY). */
export function forgetRubyInterpreters(): void {
  versions.clear();
  resolved.clear();
}

export function resolveRuby(runtime: string, env: NodeJS.ProcessEnv = process.env): RubyInterpreter | { error: string } {
  const key = `${runtime}\u0000${env.FAASLAB_RUBY ?? ''}\u0000${env.PATH ?? ''}`;
  let found = resolved.get(key);
  if (!found) {
    found = find(runtime, env);
    resolved.set(key, found);
  }
  return found;
}

function find(runtime: string, env: NodeJS.ProcessEnv): RubyInterpreter | { error: string } {
  const wanted = /^ruby(\d+\.\d+)$/.exec(runtime)?.[1];
  if (!wanted) return { error: `${runtime} is not a Ruby runtime` };
  const explicit = env.FAASLAB_RUBY;
  if (explicit) {
    const version = versionOf(explicit);
    if (!version) return { error: `FAASLAB_RUBY=${explicit} is not a Ruby interpreter that runs` };
    return withNote({ path: realpathSync(explicit), version }, wanted);
  }
  const dirs = (env.PATH ?? '').split(path.delimiter).filter((d) => d && !isShimDir(d));
  // Debian names each version's binary rubyX.Y; version managers keep one folder per version.
  const exact = [...dirs.map((d) => path.join(d, `ruby${wanted}`)), ...managedRubies(wanted, env)];
  for (const candidate of exact) {
    if (!isFile(candidate) || isShim(candidate)) continue;
    const version = versionOf(candidate);
    if (version?.startsWith(`${wanted}.`)) return { path: realpathSync(candidate), version };
  }
  const fallbacks = [...dirs.map((d) => path.join(d, 'ruby')), '/usr/bin/ruby', '/usr/local/bin/ruby'];
  for (const candidate of fallbacks) {
    if (!isFile(candidate) || isShim(candidate)) continue;
    const version = versionOf(candidate);
    if (version) return withNote({ path: realpathSync(candidate), version }, wanted);
  }
  return { error: `${runtime} needs Ruby ${wanted} (or any ruby) on this machine, and none was found: install it (Debian: sudo apt-get install -y ruby) or set FAASLAB_RUBY to an interpreter` };
}

function withNote(found: RubyInterpreter, wanted: string): RubyInterpreter {
  if (found.version.startsWith(`${wanted}.`)) return found;
  const [major, minor] = found.version.split('.').map(Number) as [number, number];
  const [wantMajor, wantMinor] = wanted.split('.').map(Number) as [number, number];
  const relation = major * 100 + minor < wantMajor * 100 + wantMinor ? 'older' : 'newer';
  return { ...found, note: `ruby${wanted} runs on Ruby ${found.version} (${found.path}), which is ${relation} than Lambda's: this machine has no Ruby ${wanted} (install it, or set FAASLAB_RUBY)` };
}

/** The interpreters rbenv, rvm, asdf and chruby installed for this minor version, newest first. */
function managedRubies(wanted: string, env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME ?? os.homedir();
  const roots: Array<[string, string]> = [
    [path.join(env.RBENV_ROOT ?? path.join(home, '.rbenv'), 'versions'), ''],
    [path.join(env.ASDF_DATA_DIR ?? path.join(home, '.asdf'), 'installs', 'ruby'), ''],
    [path.join(home, '.rvm', 'rubies'), 'ruby-'],
    [path.join(home, '.rubies'), 'ruby-'],
    ['/opt/rubies', 'ruby-'],
  ];
  const out: string[] = [];
  for (const [dir, prefix] of roots) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    const versionNames = names.filter((n) => n.startsWith(`${prefix}${wanted}.`));
    versionNames.sort((a, b) => b.localeCompare(a, undefined, { numeric: true }));
    out.push(...versionNames.map((n) => path.join(dir, n, 'bin', 'ruby')));
  }
  return out;
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
function versionOf(file: string): string | undefined {
  if (versions.has(file)) return versions.get(file);
  let version: string | undefined;
  try {
    // --disable-gems: the version alone, without loading RubyGems (a third of a start).
    version = execFileSync(file, ['--disable-gems', '-e', 'print RUBY_VERSION'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (!/^\d+\.\d+\.\d+$/.test(version)) version = undefined;
  } catch {
    version = undefined;
  }
  versions.set(file, version);
  return version;
}
