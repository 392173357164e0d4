import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The faaslab package folder, found from this file whether it runs from source or from dist/. */
export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'faaslab') return (root = dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('faaslab: cannot find the package folder');
    dir = parent;
  }
}

/** A program built into dist/runtimes/ (run `npm run build` first). */
export function runtimeAsset(name: string): string {
  const file = path.join(packageRoot(), 'dist', 'runtimes', name);
  if (!existsSync(file)) throw new Error(`faaslab: ${file} is missing; run \`npm run build\``);
  return file;
}

/**
 * The folder that stands for Lambda's /var/runtime/node_modules: the AWS SDK for JavaScript v3,
 * linked by the build; undefined when it was not built.
 */
export function nodeSdkModules(): string | undefined {
  // Once per process: every environment start asks, and the build does not change under it.
  if (sdkModules === null) {
    const dir = path.join(packageRoot(), 'dist', 'runtime-sdk', 'nodejs', 'node_modules');
    sdkModules = existsSync(path.join(dir, '@aws-sdk')) ? dir : undefined;
  }
  return sdkModules;
}

let sdkModules: string | undefined | null = null;
