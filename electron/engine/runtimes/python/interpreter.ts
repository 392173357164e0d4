/**
 * Which Python runs a pythonX.Y function (runtimes/interpreter-search.ts): the exact minor version
 * on PATH or installed by pyenv (its binary, never its 80 ms shim), else the host's python3 with a
 * note. FAASLAB_PYTHON names an interpreter to use for every Python function.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forgetInterpreters, resolveInterpreter, type Interpreter, type InterpreterKind } from '../interpreter-search.js';

export type PythonInterpreter = Interpreter;

const PYTHON: InterpreterKind = {
  language: 'Python',
  prefix: 'python',
  fallbackName: 'python3',
  overrideVar: 'FAASLAB_PYTHON',
  debianPackage: 'python3',
  versionArgs: ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'],
  managed: pyenvBinaries,
};

export function resolvePython(runtime: string, env: NodeJS.ProcessEnv = process.env): PythonInterpreter | { error: string } {
  return resolveInterpreter(PYTHON, runtime, env);
}

/** Forget what was found (tests that change PATH or FAASLAB_PYTHON). */
export const forgetPythonInterpreters = forgetInterpreters;

/** pyenv's own installs: the interpreters its shims would pick, without the shim. */
function pyenvBinaries(wanted: string, env: NodeJS.ProcessEnv): string[] {
  const dir = path.join(env.PYENV_ROOT ?? path.join(env.HOME ?? os.homedir(), '.pyenv'), 'versions');
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
