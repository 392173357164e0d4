/**
 * What sam build would do before Lambda runs a function, done by faaslab before the first cold
 * start and cached: npm dependencies (package.json), pip requirements (requirements.txt),
 * TypeScript handlers with no build step, and Metadata BuildMethod esbuild. All offline: the
 * packages are local folders and a local wheel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Engine, type BuildProgress } from '../../../electron/engine/engine.js';
import { forgetPythonInterpreters } from '../../../electron/engine/runtimes/python/interpreter.js';
import { functionConfig, makeTempDir, payloadJson, removeTempDir, writeFiles } from '../../helpers/functions.js';

/** A wheel is a zip of the module and its dist-info: made here, so pip installs it with no index. */
function makeWheel(dir: string): string {
  const file = path.join(dir, 'greet_local-1.0-py3-none-any.whl');
  execFileSync('/usr/bin/python3', [
    '-c',
    `
import zipfile, sys
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("greet_local.py", "def greet(n):\\n    return 'hello ' + n + ' from a wheel'\\n")
    z.writestr("greet_local-1.0.dist-info/METADATA", "Metadata-Version: 2.1\\nName: greet-local\\nVersion: 1.0\\n")
    z.writestr("greet_local-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\\nGenerator: faaslab-test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n")
    z.writestr("greet_local-1.0.dist-info/RECORD", "")
`,
    file,
  ]);
  return file;
}

describe('preparing code as sam build would', { timeout: 120_000 }, () => {
  let dir: string;
  let cacheDir: string;
  let engine: Engine;
  const progress: BuildProgress[] = [];
  const savedPython = process.env.FAASLAB_PYTHON;

  beforeAll(() => {
    dir = writeFiles(makeTempDir(), {
      'vendor/shout/package.json': '{"name":"shout","version":"1.0.0","main":"index.js"}\n',
      'vendor/shout/index.js': "module.exports = (s) => s.toUpperCase() + '!';\n",
      'deps/package.json': JSON.stringify({ name: 'deps-fn', dependencies: { shout: 'file:../vendor/shout' }, devDependencies: { 'faaslab-never-installed': '1.0.0' } }),
      'deps/index.js': "const shout = require('shout');\nexports.handler = async () => shout('installed');\n",
      'vendor/broken.tgz': 'this is not a gzipped tarball\n',
      'broken-deps/package.json': JSON.stringify({ name: 'broken', dependencies: { broken: 'file:../vendor/broken.tgz' } }),
      'broken-deps/index.js': 'exports.handler = async () => 1;\n',
      'ts/package.json': JSON.stringify({ name: 'ts-fn', dependencies: { shout: 'file:../vendor/shout' } }),
      'ts/src/util.ts': 'export function greet(name: string): string {\n  return `hello ${name}`;\n}\n',
      'ts/src/app.ts': `import shout = require('shout');
import { greet } from './util';

interface Event { name: string; fail?: boolean }

export const handler = async (event: Event): Promise<string> => {
  if (event.fail) {
    throw new Error('failed in TypeScript');
  }
  return shout(greet(event.name));
};
`,
      'sam/package.json': JSON.stringify({ name: 'sam-fn', type: 'module', dependencies: { shout: 'file:../vendor/shout' } }),
      'sam/app.ts': `import shout from 'shout';
import { readdirSync } from 'node:fs';
import { S3Client } from '@aws-sdk/client-s3';

export const lambdaHandler = async (): Promise<unknown> => ({
  message: shout('bundled'),
  files: readdirSync(process.env.LAMBDA_TASK_ROOT!).sort(),
  sdk: typeof S3Client,
});
`,
      'py/app.py': 'import greet_local\n\ndef handler(event, context):\n    return greet_local.greet("python")\n',
    });
    writeFiles(dir, { 'py/requirements.txt': `# a local wheel: pip needs no index for it\n./${path.relative(path.join(dir, 'py'), makeWheel(dir))}\n` });
    cacheDir = makeTempDir();
    // Debian's interpreter with Debian's pip (python3-pip, which .ci/run installs).
    process.env.FAASLAB_PYTHON = '/usr/bin/python3';
    forgetPythonInterpreters();
    const at = (sub: string) => path.join(dir, sub);
    engine = new Engine({
      cacheDir,
      functions: [
        functionConfig('Deps', at('deps'), 'index.handler', { timeoutSeconds: 10 }),
        functionConfig('BrokenDeps', at('broken-deps'), 'index.handler'),
        functionConfig('Ts', at('ts'), 'src/app.handler'),
        functionConfig('Sam', at('sam'), 'app.lambdaHandler', {
          runtime: 'nodejs22.x',
          esbuild: { entryPoints: ['app.ts'], format: 'esm', target: 'es2022', sourcemap: true, external: ['@aws-sdk/*'], minify: true },
        }),
        functionConfig('Py', at('py'), 'app.handler', { runtime: 'python3.11', timeoutSeconds: 10 }),
      ],
    });
    engine.on('build', (b) => progress.push(b));
  });

  afterAll(async () => {
    await engine?.close();
    if (savedPython === undefined) delete process.env.FAASLAB_PYTHON;
    else process.env.FAASLAB_PYTHON = savedPython;
    removeTempDir(dir);
    removeTempDir(cacheDir);
  });

  it('installs package.json dependencies (not devDependencies) once, with progress, into the cache', async () => {
    const first = await engine.invoke('Deps');
    expect(first.record.status, JSON.stringify(first.record.error)).toBe('success');
    expect(payloadJson(first.payload)).toBe('INSTALLED!');
    const lines = progress.filter((p) => p.logicalId === 'Deps').map((p) => p.line);
    expect(lines[0]).toBe(`installing the dependencies of ${path.join(dir, 'deps/package.json')}`);
    expect(lines).toContain('$ npm install --omit=dev --no-audit --no-fund --no-package-lock --install-links');
    // The function's folder is left as it was; the install is in the cache.
    expect(existsSync(path.join(dir, 'deps/node_modules'))).toBe(false);
    // A new environment (here: after a reset) uses the cached install: no second install.
    engine.resetEnvironments('Deps');
    progress.length = 0;
    const again = await engine.invoke('Deps');
    expect(again.record.coldStart).toBe(true);
    expect(payloadJson(again.payload)).toBe('INSTALLED!');
    expect(progress).toEqual([]);
  });

  it("an install that fails ends init with npm's own error", async () => {
    const { record } = await engine.invoke('BrokenDeps');
    expect(record.status).toBe('error');
    expect(record.error!.errorType).toBe('faaslab.BuildFailed');
    expect(record.error!.errorMessage).toMatch(/^npm install --omit=dev .* failed:\n[\s\S]*npm error[\s\S]*\(exit status \d+\)$/);
  });

  it('builds a TypeScript handler with no build step, and maps stack traces back to the .ts lines', async () => {
    const ok = await engine.invoke('Ts', { payload: '{"name":"ts"}' });
    expect(ok.record.status, JSON.stringify(ok.record.error)).toBe('success');
    expect(payloadJson(ok.payload)).toBe('HELLO TS!');
    const failed = await engine.invoke('Ts', { payload: '{"name":"ts","fail":true}' });
    expect(failed.record.error!.errorMessage).toBe('failed in TypeScript');
    // Line 8 of src/app.ts throws.
    expect(failed.record.error!.trace.find((l) => l.includes('app.ts'))).toMatch(/src\/app\.ts:8:\d+/);
  });

  it('Metadata BuildMethod esbuild: bundles as sam build does; the output folder is the task root', async () => {
    const { record, payload } = await engine.invoke('Sam');
    expect(record.status, JSON.stringify(record.error)).toBe('success');
    // shout was bundled; the AWS SDK stayed external and came from the runtime.
    expect(payloadJson(payload)).toEqual({ message: 'BUNDLED!', files: ['app.js', 'app.js.map', 'package.json'], sdk: 'function' });
  });

  it('installs requirements.txt with pip --target and puts it on sys.path', async () => {
    const { record, payload } = await engine.invoke('Py');
    expect(record.status, JSON.stringify(record.error)).toBe('success');
    expect(payloadJson(payload)).toBe('hello python from a wheel');
    expect(progress.some((p) => p.logicalId === 'Py' && p.line.startsWith('$ /usr/bin/python3') && p.line.includes('-m pip install -r'))).toBe(true);
  });
});
