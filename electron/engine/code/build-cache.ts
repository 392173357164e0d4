/**
 * Where prepared code lives: one folder per content hash under faaslab's cache
 * (FAASLAB_CACHE_DIR, else $XDG_CACHE_HOME/faaslab or ~/.cache/faaslab), made once and shared by
 * every function and workspace with the same inputs. A folder counts only once its marker (a file
 * beside it) is written, so an install that failed or was killed half way is done again, never used.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Beside the folder, not in it: a built folder is a task root, and must hold only the build. */
const MARKER_SUFFIX = '.complete';

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FAASLAB_CACHE_DIR) return env.FAASLAB_CACHE_DIR;
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'faaslab');
}

export function contentHash(parts: Array<string | Buffer>): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(typeof p === 'string' ? p : p).update('\u0000');
  return h.digest('hex').slice(0, 24);
}

/** Promises of folders being made now, so two cold starts of one function install once. */
const inFlight = new Map<string, Promise<string>>();

/**
 * The cached folder for `key` in `kind` (deps-node, deps-python, build-esbuild), made by `make`
 * into a fresh folder when it is not there yet; rejects with make's error.
 */
export function cached(cacheDir: string, kind: string, key: string, make: (dir: string) => Promise<void>): Promise<string> {
  const final = path.join(cacheDir, kind, key);
  if (existsSync(final + MARKER_SUFFIX)) return Promise.resolve(final);
  let pending = inFlight.get(final);
  if (!pending) {
    pending = (async () => {
      const work = `${final}.partial-${process.pid}-${Date.now()}`;
      rmSync(work, { recursive: true, force: true });
      mkdirSync(work, { recursive: true });
      try {
        await make(work);
        rmSync(final, { recursive: true, force: true });
        renameSync(work, final);
        writeFileSync(final + MARKER_SUFFIX, `${new Date().toISOString()}\n`);
        return final;
      } catch (err) {
        rmSync(work, { recursive: true, force: true });
        throw err;
      }
    })().finally(() => inFlight.delete(final));
    inFlight.set(final, pending);
  }
  return pending;
}
