import os from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { functionConfig, makeTempDir, payloadJson, removeTempDir, writeFiles } from '../../helpers/functions.js';

const FILES = {
  'counter.js': `
    let count = 0;
    exports.handler = async () => ({ count: ++count });
  `,
  'tmp.js': `
    const fs = require('node:fs');
    const os = require('node:os');
    const path = require('node:path');
    exports.handler = async (event) => {
      const file = path.join(os.tmpdir(), 'state.txt');
      if (event.write) fs.writeFileSync(file, event.write);
      return { tmp: os.tmpdir(), content: fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null };
    };
  `,
  'slow.js': `
    const fs = require('node:fs');
    const os = require('node:os');
    const path = require('node:path');
    exports.handler = async (event) => {
      fs.writeFileSync(path.join(os.tmpdir(), 'mark-' + Math.random()), '');
      await new Promise((r) => setTimeout(r, event.waitMs ?? 400));
      return { tmp: os.tmpdir(), marks: fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('mark-')).length };
    };
  `,
};

describe('warm reuse', { timeout: 20_000 }, () => {
  let dir: string;
  let engine: Engine;

  beforeAll(() => {
    dir = writeFiles(makeTempDir(), FILES);
    engine = new Engine({
      functions: [functionConfig('Counter', dir, 'counter.handler'), functionConfig('Tmp', dir, 'tmp.handler'), functionConfig('Slow', dir, 'slow.handler')],
    });
  });

  afterAll(async () => {
    await engine?.close();
    removeTempDir(dir);
  });

  it('keeps module state in one environment across sequential invocations', async () => {
    const results = [];
    for (let i = 0; i < 3; i++) results.push((await engine.invoke('Counter')).record);
    expect(results.map((r) => r.status)).toEqual(['success', 'success', 'success']);
    expect(results.map((r) => r.response)).toEqual([{ count: 1 }, { count: 2 }, { count: 3 }]);
    expect(results.map((r) => r.coldStart)).toEqual([true, false, false]);
    expect(new Set(results.map((r) => r.logStream)).size).toBe(1);
    expect(results[0]!.initDurationMs).toBeTypeOf('number');
    expect(results[1]!.initDurationMs).toBeUndefined();
    expect(engine.environments('Counter')).toHaveLength(1);
  });

  it('keeps files in os.tmpdir() across warm invocations', async () => {
    const first = await engine.invoke('Tmp', { payload: '{"write":"kept between invocations"}' });
    const second = await engine.invoke('Tmp', { payload: '{}' });
    expect(second.record.coldStart).toBe(false);
    const a = first.record.response as { tmp: string; content: string };
    const b = second.record.response as { tmp: string; content: string };
    expect(b.content).toBe('kept between invocations');
    expect(b.tmp).toBe(a.tmp);
    // The environment's own folder: the sandbox's own /tmp, or without one a folder of its own.
    if (engine.sandbox.kind === 'none') expect(a.tmp).not.toBe(os.tmpdir());
    else expect(a.tmp).toBe('/tmp');
  });

  it('runs concurrent invocations in separate cold environments with their own /tmp', async () => {
    const [a, b] = await Promise.all([engine.invoke('Slow'), engine.invoke('Slow')]);
    expect(a.record.status).toBe('success');
    expect(b.record.status).toBe('success');
    expect(a.record.coldStart).toBe(true);
    expect(b.record.coldStart).toBe(true);
    expect(a.record.logStream).not.toBe(b.record.logStream);
    // Each its own /tmp: the file the other wrote meanwhile is not in it.
    expect((a.record.response as { marks: number }).marks).toBe(1);
    expect((b.record.response as { marks: number }).marks).toBe(1);
    expect(engine.environments('Slow')).toHaveLength(2);

    // Both stay warm: two more concurrent invocations reuse them.
    const [c, d] = await Promise.all([engine.invoke('Slow', { payload: '{"waitMs":100}' }), engine.invoke('Slow', { payload: '{"waitMs":100}' })]);
    expect([c.record.coldStart, d.record.coldStart]).toEqual([false, false]);
    expect(new Set([c.record.logStream, d.record.logStream])).toEqual(new Set([a.record.logStream, b.record.logStream]));
  });
});

describe('throttling', { timeout: 20_000 }, () => {
  let dir: string;
  let engine: Engine | undefined;

  beforeAll(() => {
    dir = writeFiles(makeTempDir(), FILES);
  });

  afterEach(async () => {
    await engine?.close();
    engine = undefined;
  });

  afterAll(() => removeTempDir(dir));

  it('throttles beyond ReservedConcurrentExecutions', async () => {
    engine = new Engine({ functions: [functionConfig('Slow', dir, 'slow.handler', { reservedConcurrency: 1 })] });
    const results = await Promise.all([engine.invoke('Slow'), engine.invoke('Slow')]);
    const ok = results.filter((r) => r.record.status === 'success');
    const throttled = results.filter((r) => r.record.status === 'throttled');
    expect(ok).toHaveLength(1);
    expect(throttled).toHaveLength(1);
    const t = throttled[0]!;
    expect(t.throttleReason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
    expect(t.record.error!.errorType).toBe('TooManyRequestsException');
    expect(payloadJson(t.payload)).toMatchObject({ Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
    expect(t.record.logs).toEqual([]);

    // Once the first is done, the function runs again.
    const after = await engine.invoke('Slow', { payload: '{"waitMs":0}' });
    expect(after.record.status).toBe('success');
  });

  it('always throttles a function with ReservedConcurrentExecutions 0', async () => {
    engine = new Engine({ functions: [functionConfig('Counter', dir, 'counter.handler', { reservedConcurrency: 0 })] });
    for (let i = 0; i < 2; i++) {
      const { record, throttleReason } = await engine.invoke('Counter');
      expect(record.status).toBe('throttled');
      expect(throttleReason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
    }
    expect(engine.environments('Counter')).toHaveLength(0);
  });

  it('throttles beyond the account concurrency limit', async () => {
    engine = new Engine({ concurrencyLimit: 1, functions: [functionConfig('Slow', dir, 'slow.handler'), functionConfig('Counter', dir, 'counter.handler')] });
    const [slow, counter] = await Promise.all([engine.invoke('Slow'), engine.invoke('Counter')]);
    expect(slow.record.status).toBe('success');
    expect(counter.record.status).toBe('throttled');
    expect(counter.throttleReason).toBe('ConcurrentInvocationLimitExceeded');
    expect(payloadJson(counter.payload)).toMatchObject({ Reason: 'ConcurrentInvocationLimitExceeded' });

    const again = await engine.invoke('Counter');
    expect(again.record.status).toBe('success');
  });
});
