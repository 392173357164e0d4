/**
 * Warm invocations: after the first event (which comes by the Runtime API), faaslab's runtime
 * answers over IPC and takes events from its event pipe, blocked while frozen or as a stream with
 * freeze off. Everything a first invocation does must hold for the second and third, both ways.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { functionConfig, makeTempDir, removeTempDir, writeFiles } from '../../helpers/functions.js';

const FILES = {
  'index.js': `
    let calls = 0;
    exports.echo = async (event, context) => ({ calls: ++calls, event, requestId: context.awsRequestId, trace: process.env._X_AMZN_TRACE_ID });
    exports.throwsLater = async (event) => {
      if (event.boom) setTimeout(() => { throw new Error('late boom'); }, 5);
      await new Promise((r) => setTimeout(r, 50));
      return 'survived';
    };
    exports.big = async (event) => (event.big ? 'x'.repeat(7 * 1024 * 1024) : 'small');
    exports.waits = (event, context, callback) => {
      setTimeout(() => console.log('pending timer fired'), 30);
      callback(null, 'answered');
    };
    exports.size = async (event) => {
      let sum = 0;
      for (let i = 0; i < event.data.length; i++) sum = (sum + event.data.charCodeAt(i)) % 65521;
      return { length: event.data.length, sum };
    };
    let immediates = 0;
    exports.immediate = async () => {
      setImmediate(() => immediates++);
      return immediates;
    };
    exports.rejectsLater = async (event) => {
      if (event.reject) Promise.reject(new Error('nobody handles this'));
      return 'answered';
    };
    exports.logs = async (event) => {
      for (let i = 0; i < event.n; i++) console.log('line', i);
      return event.n;
    };
  `,
};

for (const freeze of [true, false]) {
  describe(`warm invocations (freeze ${freeze ? 'on' : 'off'})`, { timeout: 20_000 }, () => {
    let dir: string;
    let engine: Engine;

    beforeAll(() => {
      dir = writeFiles(makeTempDir(), FILES);
    });
    afterEach(async () => {
      await engine?.close();
    });
    afterAll(() => removeTempDir(dir));

    const start = (handler: string) => {
      engine = new Engine({ freeze, functions: [functionConfig('Fn', dir, `index.${handler}`)] });
    };

    it('keeps state, events, request ids and trace ids right, invocation after invocation', async () => {
      start('echo');
      for (let i = 1; i <= 3; i++) {
        const r = await engine.invoke('Fn', { payload: JSON.stringify({ i }) });
        expect(r.record.status).toBe('success');
        expect(r.record.coldStart).toBe(i === 1);
        const res = r.record.response as { calls: number; event: unknown; requestId: string; trace: string };
        expect(res).toMatchObject({ calls: i, event: { i }, requestId: r.record.requestId });
        expect(res.trace).toMatch(/^Root=1-/);
      }
    });

    it('reports an uncaught exception in a warm invocation as a crash, and starts cold next', async () => {
      start('throwsLater');
      expect((await engine.invoke('Fn', { payload: '{}' })).record.status).toBe('success');
      const crashed = await engine.invoke('Fn', { payload: JSON.stringify({ boom: true }) });
      expect(crashed.record.status).toBe('crashed');
      expect(crashed.record.error).toMatchObject({ errorType: 'Error', errorMessage: 'late boom' });
      const next = await engine.invoke('Fn', { payload: '{}' });
      expect(next.record).toMatchObject({ status: 'success', coldStart: true });
    });

    it('refuses a warm answer above 6 MB, and the environment goes on', async () => {
      start('big');
      expect((await engine.invoke('Fn', { payload: '{}' })).record.status).toBe('success');
      const tooBig = await engine.invoke('Fn', { payload: JSON.stringify({ big: true }) });
      expect(tooBig.record.status).toBe('error');
      expect(tooBig.record.error?.errorType).toBe('Function.ResponseSizeTooLarge');
      const after = await engine.invoke('Fn', { payload: '{}' });
      expect(after.record).toMatchObject({ status: 'success', coldStart: false, response: 'small' });
    });

    it('waits for the event loop to drain in a warm invocation (callbackWaitsForEmptyEventLoop)', async () => {
      start('waits');
      for (let i = 0; i < 2; i++) {
        const { record } = await engine.invoke('Fn', { payload: '{}' });
        expect(record.response).toBe('answered');
        const timer = record.logs.findIndex((l) => l.endsWith(`\t${record.requestId}\tINFO\tpending timer fired`));
        expect(timer).toBeGreaterThanOrEqual(0);
        expect(record.logs.indexOf(`END RequestId: ${record.requestId}`)).toBeGreaterThan(timer);
      }
    });

    it('hands over a 5 MB event whole in a warm invocation', async () => {
      start('size');
      const data = Array.from({ length: 5 * 1024 * 1024 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
      const sum = [...data].reduce((a, c) => (a + c.charCodeAt(0)) % 65521, 0);
      for (let i = 0; i < 2; i++) {
        const { record } = await engine.invoke('Fn', { payload: JSON.stringify({ data }) });
        expect(record.status).toBe('success');
        expect(record.response).toEqual({ length: data.length, sum });
      }
    });

    it('lets work queued with setImmediate run before the environment freezes', async () => {
      start('immediate');
      const answers: unknown[] = [];
      for (let i = 0; i < 3; i++) answers.push((await engine.invoke('Fn', { payload: '{}' })).record.response);
      expect(answers).toEqual([0, 1, 2]);
    });

    it('ends the environment on a rejection nobody handled, before the next invocation', async () => {
      start('rejectsLater');
      expect((await engine.invoke('Fn', { payload: '{}' })).record.status).toBe('success');
      const rejecting = await engine.invoke('Fn', { payload: JSON.stringify({ reject: true }) });
      expect(rejecting.record).toMatchObject({ status: 'success', response: 'answered' });
      // The runtime exits on it, as Lambda's does; the next invocation starts cold and succeeds.
      let next = await engine.invoke('Fn', { payload: '{}' });
      for (let i = 0; i < 20 && !next.record.coldStart; i++) {
        await new Promise((r) => setTimeout(r, 50));
        next = await engine.invoke('Fn', { payload: '{}' });
      }
      expect(next.record).toMatchObject({ status: 'success', coldStart: true });
    });

    it('keeps every log line of a warm invocation in that invocation', async () => {
      start('logs');
      for (const n of [1, 500, 3]) {
        const { record } = await engine.invoke('Fn', { payload: JSON.stringify({ n }) });
        expect(record.logs.filter((l) => l.includes(`\t${record.requestId}\tINFO\tline `))).toHaveLength(n);
      }
    });
  });
}
