import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';

const repoRoot = path.dirname(fileURLToPath(import.meta.url));

/**
 * One file for two tools:
 * - `vite build` / `vite preview` build the renderer (renderer/ -> dist/renderer/), which the
 *   host serves in browser mode and Electron loads from file://, hence base './'.
 * - `vitest` runs the whole repository's tests; `test.root` pins it to the repository root
 *   because the Vite root is renderer/.
 */
/**
 * The built app loads nothing from elsewhere: scripts, styles, fonts and workers are its own
 * files, and it talks only to the host it came from. Build only: the dev server's React
 * refresh preamble is an inline script this policy would block.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self' ws: wss:",
].join('; ');

/**
 * Tests that ask the npm registry or load the machine with throughput runs: `npm run bench:test`
 * (vitest.bench.config.ts) runs them, `npm test` leaves them out.
 */
export const BENCH_TESTS = ['test/bench/install.test.ts', 'test/bench/http-throughput.test.ts', 'test/bench/sam-survey.test.ts'];

function contentSecurityPolicy(): Plugin {
  return {
    name: 'faaslab-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  root: path.join(repoRoot, 'renderer'),
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  // Monaco's language workers import ES modules: bundle them as module workers.
  worker: { format: 'es' },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Electron 45 ships Chromium 140; browser mode runs in any recent Chromium.
    target: 'chrome120',
    // Monaco and the bundled TypeScript/Node typings are big by nature; they load lazily.
    chunkSizeWarningLimit: 6000,
  },
  // shared/ and node_modules/ (Monaco, @types) live outside the Vite root.
  server: { fs: { allow: [repoRoot] } },
  test: {
    root: repoRoot,
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...BENCH_TESTS],
    // Tests spawn real runtime processes from dist/: build it once, fresh, before any test runs.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
