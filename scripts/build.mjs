// Builds the Node side into dist/: the CLI (host) as ESM, and the programs that run in their own
// processes (the Node.js runtime, the reaper) as small self-contained CommonJS files, so a
// runtime process starts without resolving anything from node_modules.
import { cpSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
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
  build({
    ...common,
    entryPoints: { 'esm-node-path-hooks': 'electron/engine/runtimes/node/esm-node-path-hooks.ts' },
    outdir: 'dist/runtimes',
    format: 'esm',
    outExtension: { '.js': '.mjs' },
  }),
  // The Electron shell (dist/electron/): CommonJS, as Electron loads a main file it is given on
  // the command line, and a sandboxed preload must be one self-contained CommonJS file. Electron
  // itself is never bundled (its package would download the binary); it is there at run time.
  build({
    ...common,
    entryPoints: { main: 'electron/main.ts' },
    outdir: 'dist/electron',
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    target: 'node22',
    external: ['electron', 'bufferutil', 'utf-8-validate'],
    // packageRoot() finds the package from import.meta.url, which CommonJS lacks.
    define: { 'import.meta.url': '__faaslabImportMetaUrl' },
    banner: { js: "const __faaslabImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  build({
    ...common,
    entryPoints: { preload: 'electron/preload.ts' },
    outdir: 'dist/electron',
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    target: 'chrome140',
    external: ['electron'],
  }),
]);

// The AWS SDK for JavaScript v3 that Lambda's Node.js runtimes include, as the folder functions
// resolve it from (NODE_PATH): faaslab's own installed @aws-sdk packages, linked, never copied.
const sdkScope = path.dirname(path.dirname(createRequire(import.meta.url).resolve('@aws-sdk/client-s3/package.json')));
const sdkModules = 'dist/runtime-sdk/nodejs/node_modules';
rmSync(sdkModules, { recursive: true, force: true });
mkdirSync(sdkModules, { recursive: true });
symlinkSync(sdkScope, path.join(sdkModules, '@aws-sdk'), 'junction');

// faaslab's Python and Ruby runtimes are standard-library programs: copied as they are.
for (const file of ['faaslab_runtime.py', 'faaslab_endpoints.py']) cpSync(`electron/engine/runtimes/python/${file}`, `dist/runtimes/python/${file}`);
for (const file of ['faaslab_runtime.rb', 'faaslab_logging.rb']) cpSync(`electron/engine/runtimes/ruby/${file}`, `dist/runtimes/ruby/${file}`);
