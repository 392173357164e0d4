// Builds the Node side into dist/: the CLI (host) as ESM, and the programs that run in their own
// processes (the Node.js runtime, the reaper) as small self-contained CommonJS files, so a
// runtime process starts without resolving anything from node_modules.
import { build } from 'esbuild';


const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning' };
await Promise.all([
  build({
    ...common,
    entryPoints: { cli: 'electron/cli.ts', bench: 'bench/run.ts' },
    outdir: 'dist',
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: {
      'node-runtime': 'electron/engine/runtimes/node/main.ts',
      reaper: 'electron/engine/reaper-main.ts',
    },
    outdir: 'dist/runtimes',
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
  }),
]);
