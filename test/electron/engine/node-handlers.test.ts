import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { functionConfig, makeTempDir, removeTempDir, writeFiles } from '../../helpers/functions.js';

// Each handler reports `typeof require` so the test can tell how Node loaded its module:
// 'function' means CommonJS, 'undefined' means an ES module.
const FILES: Record<string, string> = {
  'index.js': `
    exports.handler = async (event) => ({ kind: 'cjs', loader: typeof require, event });
    exports.nested = { fn: async () => ({ kind: 'nested-export' }) };
  `,
  'esm.mjs': `
    export const handler = async (event) => ({ kind: 'mjs', loader: typeof require, hasMeta: typeof import.meta.url === 'string', event });
  `,
  'module-pkg/package.json': JSON.stringify({ type: 'module' }),
  'module-pkg/app.js': `
    export const handler = async () => ({ kind: 'esm-js', loader: typeof require });
  `,
  'explicit.cjs': `
    module.exports.handler = async () => ({ kind: 'cjs-ext', loader: typeof require });
  `,
  'lib/probe.js': `
    exports.inspect = async () => ({ kind: 'nested-path', file: __filename });
  `,
  'styles.js': `
    exports.asyncHandler = async (event) => { await new Promise((r) => setTimeout(r, 20)); return { doubled: event.n * 2 }; };
    exports.callbackHandler = (event, context, callback) => { setTimeout(() => callback(null, { via: 'callback', n: event.n }), 10); };
    exports.callbackTwice = (event, context, callback) => { callback(null, 'first'); callback(null, 'second'); };
    exports.returnsUndefined = async () => {};
    exports.waitsForLoop = (event, context, callback) => {
      setTimeout(() => console.log('pending timer fired'), 100);
      callback(null, 'answered');
    };
    exports.doesNotWait = (event, context, callback) => {
      context.callbackWaitsForEmptyEventLoop = false;
      setTimeout(() => console.log('late timer fired'), 100);
      callback(null, 'answered early');
    };
    exports.neither = (event) => { setTimeout(() => console.log('loop draining'), 30); };
    exports.legacySucceed = (event, context) => { setTimeout(() => context.succeed({ legacy: true }), 10); };
  `,
};

describe('Node.js handlers', { timeout: 20_000 }, () => {
  let dir: string;
  let engine: Engine;

  beforeAll(() => {
    dir = writeFiles(makeTempDir(), FILES);
    const fn = (id: string, handler: string, codeDir = dir) => functionConfig(id, codeDir, handler);
    engine = new Engine({
      functions: [
        fn('Cjs', 'index.handler'),
        fn('Mjs', 'esm.handler'),
        fn('EsmJs', 'app.handler', path.join(dir, 'module-pkg')),
        fn('Cjs2', 'explicit.handler'),
        fn('NestedPath', 'lib/probe.inspect'),
        fn('NestedExport', 'index.nested.fn'),
        fn('Async', 'styles.asyncHandler'),
        fn('Callback', 'styles.callbackHandler'),
        fn('CallbackTwice', 'styles.callbackTwice'),
        fn('Undefined', 'styles.returnsUndefined'),
        fn('Waits', 'styles.waitsForLoop'),
        fn('NoWait', 'styles.doesNotWait'),
        fn('Neither', 'styles.neither'),
        fn('Legacy', 'styles.legacySucceed'),
      ],
    });
  });

  afterAll(async () => {
    await engine?.close();
    removeTempDir(dir);
  });

  it('runs a CommonJS exports.handler with the event', async () => {
    const { record, payload, functionError } = await engine.invoke('Cjs', { payload: '{"hello":"world"}' });
    expect(record.status).toBe('success');
    expect(functionError).toBeUndefined();
    expect(record.response).toEqual({ kind: 'cjs', loader: 'function', event: { hello: 'world' } });
    expect(JSON.parse(payload.toString())).toEqual(record.response);
  });

  it('loads a .mjs file as an ES module', async () => {
    const { record } = await engine.invoke('Mjs', { payload: '[1,2]' });
    expect(record.status).toBe('success');
    expect(record.response).toEqual({ kind: 'mjs', loader: 'undefined', hasMeta: true, event: [1, 2] });
  });

  it('loads a .js file as an ES module under a package.json with "type":"module"', async () => {
    const { record } = await engine.invoke('EsmJs');
    expect(record.status).toBe('success');
    expect(record.response).toEqual({ kind: 'esm-js', loader: 'undefined' });
  });

  it('loads a .cjs file as CommonJS', async () => {
    const { record } = await engine.invoke('Cjs2');
    expect(record.status).toBe('success');
    expect(record.response).toEqual({ kind: 'cjs-ext', loader: 'function' });
  });

  it('resolves a handler in a subfolder (lib/probe.inspect)', async () => {
    const { record } = await engine.invoke('NestedPath');
    expect(record.status).toBe('success');
    expect(record.response).toEqual({ kind: 'nested-path', file: path.join(dir, 'lib', 'probe.js') });
  });

  it('resolves a nested export (index.nested.fn)', async () => {
    const { record } = await engine.invoke('NestedExport');
    expect(record.status).toBe('success');
    expect(record.response).toEqual({ kind: 'nested-export' });
  });

  it('answers with the resolved value of an async handler', async () => {
    const { record } = await engine.invoke('Async', { payload: '{"n":21}' });
    expect(record.status).toBe('success');
    expect(record.response).toEqual({ doubled: 42 });
  });

  it('answers with the value passed to a callback handler', async () => {
    const { record } = await engine.invoke('Callback', { payload: '{"n":7}' });
    expect(record.status).toBe('success');
    expect(record.response).toEqual({ via: 'callback', n: 7 });
  });

  it('takes the first call of the callback when it is called twice', async () => {
    const { record } = await engine.invoke('CallbackTwice');
    expect(record.status).toBe('success');
    expect(record.response).toBe('first');
  });

  it('turns an undefined result into null', async () => {
    const { record, payload } = await engine.invoke('Undefined');
    expect(record.status).toBe('success');
    expect(record.response).toBeNull();
    expect(payload.toString()).toBe('null');
  });

  it('with callbackWaitsForEmptyEventLoop true, answers only after pending timers ran', async () => {
    const { record } = await engine.invoke('Waits');
    expect(record.status).toBe('success');
    expect(record.response).toBe('answered');
    const timerLine = record.logs.findIndex((l) => /^\S+Z\t/.test(l) && l.endsWith(`\t${record.requestId}\tINFO\tpending timer fired`));
    expect(timerLine).toBeGreaterThanOrEqual(0);
    const end = record.logs.indexOf(`END RequestId: ${record.requestId}`);
    expect(end).toBeGreaterThan(timerLine);
  });

  it('with callbackWaitsForEmptyEventLoop false, answers without waiting for pending timers', async () => {
    const { record } = await engine.invoke('NoWait');
    expect(record.status).toBe('success');
    expect(record.response).toBe('answered early');
    expect(record.logs.some((l) => l.includes('late timer fired'))).toBe(false);
    expect(record.logs.at(-1)).toMatch(/^REPORT RequestId: /);
  });

  it('answers null once the event loop drains when the handler neither returns a promise nor calls back', async () => {
    const { record } = await engine.invoke('Neither');
    expect(record.status).toBe('success');
    expect(record.response).toBeNull();
    expect(record.logs.some((l) => l.endsWith(`\t${record.requestId}\tINFO\tloop draining`))).toBe(true);
  });

  it('supports the legacy context.succeed', async () => {
    const { record } = await engine.invoke('Legacy');
    expect(record.status).toBe('success');
    expect(record.response).toEqual({ legacy: true });
  });
});
