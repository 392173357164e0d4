/**
 * Which Ruby runs a rubyX.Y function (runtimes/interpreter-search.ts): rubyX.Y on PATH (Debian
 * names each version's binary so), or installed by rbenv, rvm, asdf or chruby (never a shim), else
 * the host's ruby with a note. FAASLAB_RUBY names an interpreter to use for every Ruby function.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forgetInterpreters, resolveInterpreter, type Interpreter, type InterpreterKind } from '../interpreter-search.js';

export type RubyInterpreter = Interpreter;

const RUBY: InterpreterKind = {
  language: 'Ruby',
  prefix: 'ruby',
  fallbackName: 'ruby',
  overrideVar: 'FAASLAB_RUBY',
  debianPackage: 'ruby',
  // --disable-gems: the version alone, without loading RubyGems (a third of a start).
  versionArgs: ['--disable-gems', '-e', 'print RUBY_VERSION'],
  managed: managedRubies,
};

export function resolveRuby(runtime: string, env: NodeJS.ProcessEnv = process.env): RubyInterpreter | { error: string } {
  return resolveInterpreter(RUBY, runtime, env);
}

/** Forget what was found (tests that change PATH or FAASLAB_RUBY). */
export const forgetRubyInterpreters = forgetInterpreters;

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
