/**
 * A Node.js function's own dependencies (package.json in its code folder), installed as
 * `sam build` does: `npm ci --omit=dev` with a lockfile, else `npm install --omit=dev`, into a
 * cached folder keyed by the manifest, the lockfile and the Node.js ABI; the function resolves
 * them through NODE_PATH. A code folder that already has node_modules uses its own.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cached, contentHash } from './build-cache.js';
import { runInstaller } from './run-installer.js';

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json'];

export interface InstallContext {
  cacheDir: string;
  progress(line: string): void;
  /** The host's environment, for the installer only (the function never sees it). */
  env: NodeJS.ProcessEnv;
}

/** The node_modules folder to resolve from, or undefined when there is nothing to install. */
export async function nodeDependencies(codeDir: string, ctx: InstallContext): Promise<string | undefined> {
  const manifestFile = path.join(codeDir, 'package.json');
  if (!existsSync(manifestFile) || existsSync(path.join(codeDir, 'node_modules'))) return undefined;
  const text = readFileSync(manifestFile, 'utf8');
  let manifest: { dependencies?: Record<string, string>; devDependencies?: unknown };
  try {
    manifest = JSON.parse(text) as typeof manifest;
  } catch (err) {
    throw new Error(`${manifestFile} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const dependencies = manifest.dependencies ?? {};
  if (!Object.keys(dependencies).length) return undefined;
  const lockName = LOCKFILES.find((name) => existsSync(path.join(codeDir, name)));
  const lock = lockName ? readFileSync(path.join(codeDir, lockName), 'utf8') : '';
  // Local packages (file:../lib) are named by where they are, so the key includes the folder.
  const local = Object.values(dependencies).some((spec) => spec.startsWith('file:'));
  // 'copies': local packages are installed as copies since the sandbox came (a link would point
  // out of what the function can see); the word keeps older installs with links from being reused.
  const key = contentHash([text, lock, process.versions.modules, local ? codeDir : '', 'copies']);
  const dir = await cached(ctx.cacheDir, 'deps-node', key, async (work) => {
    ctx.progress(`installing the dependencies of ${manifestFile}`);
    // devDependencies never reach Lambda; left out, npm need not even look them up.
    const runtimeManifest = { ...manifest, dependencies: absoluteFileSpecs(dependencies, codeDir) };
    delete runtimeManifest.devDependencies;
    writeFileSync(path.join(work, 'package.json'), JSON.stringify(runtimeManifest, null, 2));
    if (lockName && !local) writeFileSync(path.join(work, lockName), lock);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    // --install-links: a file: package is copied in, as it is in the zip sam build makes.
    const args = lockName && !local ? ['ci', '--omit=dev', '--no-audit', '--no-fund'] : ['install', '--omit=dev', '--no-audit', '--no-fund', '--no-package-lock', '--install-links'];
    await runInstaller(npm, args, { cwd: work, env: ctx.env, progress: ctx.progress });
  });
  return path.join(dir, 'node_modules');
}

function absoluteFileSpecs(deps: Record<string, string>, codeDir: string): Record<string, string> {
  return Object.fromEntries(Object.entries(deps).map(([name, spec]) => [name, spec.startsWith('file:') ? `file:${path.resolve(codeDir, spec.slice(5))}` : spec]));
}
