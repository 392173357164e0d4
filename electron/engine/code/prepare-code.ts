/**
 * What `sam build` would make of a function before Lambda runs it: its dependencies installed
 * (package.json, requirements.txt) and its TypeScript built (BuildMethod esbuild, or a .ts
 * handler), each cached by content so it happens once. Runs before an environment starts, so an
 * install never counts in Init Duration, as a build never does on Lambda.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FunctionConfig } from '../../../shared/domain/function-config.js';
import { runtimeInfo } from '../../../shared/lambda/runtimes.js';
import { nodeDependencies, type InstallContext } from './node-dependencies.js';
import { pythonDependencies } from './python-dependencies.js';
import { buildWithEsbuild, handlerModule, typescriptEntry } from './typescript-build.js';

export interface PreparedCode {
  /** The task root: the function's folder, or the build's output folder. */
  codeDir: string;
  /** Installed Node.js packages, resolved before the layers' (as /var/task/node_modules). */
  nodePaths: string[];
  /** Installed Python requirements, right after the task root on sys.path. */
  pythonPaths: string[];
  /** The code was built: stack traces go through its source maps. */
  sourceMaps: boolean;
}

export interface PrepareOptions extends InstallContext {
  /** The interpreter that runs a Python function (its pip installs the requirements). */
  python?: string;
}

/**
 * The prepared code of a function with nothing to install or build (its own folder as it is),
 * known without running anything; undefined when an install or a build may be needed.
 */
export function unpreparedCode(fn: FunctionConfig): PreparedCode | undefined {
  const family = runtimeInfo(fn.runtime)?.family;
  const has = (name: string) => existsSync(path.join(fn.codeDir, name));
  if (family === 'python' && has('requirements.txt')) return undefined;
  if (family === 'nodejs' && (fn.esbuild || (has('package.json') && !has('node_modules')) || typescriptEntry(fn.codeDir, fn.handler))) return undefined;
  return { codeDir: fn.codeDir, nodePaths: [], pythonPaths: [], sourceMaps: false };
}

export async function prepareCode(fn: FunctionConfig, opts: PrepareOptions): Promise<PreparedCode> {
  const family = runtimeInfo(fn.runtime)?.family;
  const prepared: PreparedCode = { codeDir: fn.codeDir, nodePaths: [], pythonPaths: [], sourceMaps: false };
  if (family === 'python' && opts.python) {
    const deps = await pythonDependencies(fn.codeDir, opts.python, opts);
    if (deps) prepared.pythonPaths.push(deps);
    return prepared;
  }
  if (family !== 'nodejs') return prepared;

  const deps = await nodeDependencies(fn.codeDir, opts);
  if (deps) prepared.nodePaths.push(deps);
  const ownModules = path.join(fn.codeDir, 'node_modules');
  if (fn.esbuild) {
    const entries = fn.esbuild.entryPoints?.map((e) => path.resolve(fn.codeDir, e)) ?? [
      typescriptEntry(fn.codeDir, fn.handler) ?? path.join(fn.codeDir, `${handlerModule(fn.handler) ?? fn.handler}.js`),
    ];
    prepared.codeDir = await buildWithEsbuild({ codeDir: fn.codeDir, entryPoints: entries, properties: fn.esbuild, nodePaths: [ownModules, ...prepared.nodePaths], sourceOnly: false }, opts);
    prepared.sourceMaps = fn.esbuild.sourcemap !== false;
    return prepared;
  }
  const tsEntry = typescriptEntry(fn.codeDir, fn.handler);
  if (tsEntry) {
    prepared.codeDir = await buildWithEsbuild({ codeDir: fn.codeDir, entryPoints: [tsEntry], properties: {}, nodePaths: [], sourceOnly: true }, opts);
    // The built file imports packages by name: they resolve from the function's own folder.
    prepared.nodePaths.unshift(ownModules);
    prepared.sourceMaps = true;
  }
  return prepared;
}
