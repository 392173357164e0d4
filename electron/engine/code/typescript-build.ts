/**
 * Code that must be built before Lambda could run it, built with esbuild as `sam build` does:
 * a function with Metadata BuildMethod esbuild (BuildProperties EntryPoints, Format, Target,
 * Sourcemap, External, Minify), and a handler written in TypeScript with no build step at all.
 * The output folder becomes the task root, as the artifact `sam build` makes; source maps go with
 * it so stack traces name the .ts lines.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EsbuildProperties } from '../../../shared/domain/function-config.js';
import { cached } from './build-cache.js';
import type { InstallContext } from './node-dependencies.js';

const TS_EXTENSIONS = ['.ts', '.mts', '.cts'];
const JS_EXTENSIONS = ['', '.js', '.mjs', '.cjs'];

/** The module a Node.js handler names, as the runtime reads it ("lib/app.handler" -> "lib/app"). */
export function handlerModule(handler: string): string | undefined {
  const slash = handler.lastIndexOf('/');
  const dot = handler.indexOf('.', slash + 1);
  return dot < 0 ? undefined : handler.slice(0, dot);
}

/** The TypeScript file a handler names when no JavaScript file of that name exists. */
export function typescriptEntry(codeDir: string, handler: string): string | undefined {
  const module = handlerModule(handler);
  if (module === undefined) return undefined;
  const base = path.join(codeDir, module);
  if (JS_EXTENSIONS.some((ext) => existsSync(base + ext) && statSync(base + ext).isFile())) return undefined;
  const ext = TS_EXTENSIONS.find((e) => existsSync(base + e));
  return ext ? base + ext : undefined;
}

export interface BuildRequest {
  codeDir: string;
  /** Absolute entry files. */
  entryPoints: string[];
  properties: EsbuildProperties;
  /** Where packages resolve besides the code folder's node_modules (installed dependencies). */
  nodePaths: string[];
  /** No BuildMethod: bundle the function's own files only, packages stay external. */
  sourceOnly: boolean;
}

export async function buildWithEsbuild(req: BuildRequest, ctx: InstallContext): Promise<string> {
  const key = sourceHash(req);
  return cached(ctx.cacheDir, 'build-esbuild', key, async (work) => {
    ctx.progress(`building ${req.entryPoints.map((e) => path.relative(req.codeDir, e)).join(', ')} with esbuild`);
    const { build } = await import('esbuild');
    const p = req.properties;
    const format = p.format ?? (req.entryPoints.some((e) => e.endsWith('.mts')) ? 'esm' : 'cjs');
    const result = await build({
      entryPoints: req.entryPoints,
      absWorkingDir: req.codeDir,
      outdir: work,
      // A .ts handler keeps its path (src/app.ts -> src/app.js). A SAM build lays its outputs out
      // as sam build's esbuild call does: from the entry points' common folder.
      ...(req.sourceOnly ? { outbase: req.codeDir } : {}),
      bundle: true,
      platform: 'node',
      format,
      target: p.target ?? 'es2022',
      minify: p.minify ?? false,
      // Stack traces map back to the .ts lines (the runtime turns source maps on).
      sourcemap: p.sourcemap === false ? false : 'linked',
      external: p.external ?? (req.sourceOnly ? [] : ['@aws-sdk/*']),
      ...(req.sourceOnly ? { packages: 'external' as const } : {}),
      nodePaths: req.nodePaths,
      logLevel: 'silent',
    });
    for (const w of result.warnings) ctx.progress(`esbuild warning: ${w.text}`);
    // An ES module bundle named .js needs a package.json that says so, as sam build writes it.
    if (format === 'esm') writeFileSync(path.join(work, 'package.json'), '{"type":"module"}\n');
  });
}

/** Everything the build reads: the code folder's files (not node_modules) and the properties. */
function sourceHash(req: BuildRequest): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([req.properties, req.entryPoints, req.nodePaths, req.sourceOnly]));
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === 'node_modules' || name === '.git' || name === '.aws-sam') continue;
      const file = path.join(dir, name);
      const info = statSync(file);
      if (info.isDirectory()) walk(file);
      else if (info.size < 5_000_000) h.update(path.relative(req.codeDir, file)).update('\u0000').update(readFileSync(file)).update('\u0000');
    }
  };
  walk(req.codeDir);
  return h.digest('hex').slice(0, 24);
}
