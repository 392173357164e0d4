/**
 * nodejs24.x removed callback handlers: a handler declared with a callback parameter fails init
 * with Runtime.CallbackHandlerDeprecated, as Lambda's Node.js 24 runtime reports it; the context
 * has no done/succeed/fail nor callbackWaitsForEmptyEventLoop; a plain return is the answer at
 * once. The same code on nodejs22.x keeps the old behaviour.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { functionConfig, makeTempDir, payloadJson, removeTempDir, writeFiles } from '../../helpers/functions.js';

describe('nodejs24.x handlers', { timeout: 20_000 }, () => {
  let dir: string;
  let engine: Engine;
  beforeAll(() => {
    dir = writeFiles(makeTempDir(), {
      'index.js': `exports.callback = (event, context, callback) => callback(null, 'called back');
exports.asyncFn = async (event, context) => ({ keys: ['done', 'succeed', 'fail', 'callbackWaitsForEmptyEventLoop'].filter((k) => k in context) });
exports.sync = (event) => { setTimeout(() => {}, 60_000); return 'returned'; };
`,
    });
    const fn = (id: string, handler: string, runtime: string) => functionConfig(id, dir, handler, { runtime });
    engine = new Engine({
      functions: [
        fn('Cb24', 'index.callback', 'nodejs24.x'),
        fn('Cb22', 'index.callback', 'nodejs22.x'),
        fn('Ctx24', 'index.asyncFn', 'nodejs24.x'),
        fn('Ctx22', 'index.asyncFn', 'nodejs22.x'),
        fn('Sync24', 'index.sync', 'nodejs24.x'),
      ],
    });
  });
  afterAll(async () => {
    await engine?.close();
    removeTempDir(dir);
  });

  it('a callback handler is Runtime.CallbackHandlerDeprecated on nodejs24.x, and runs on nodejs22.x', async () => {
    const r24 = await engine.invoke('Cb24');
    expect(r24.record.status).toBe('error');
    expect(r24.record.error!.errorType).toBe('Runtime.CallbackHandlerDeprecated');
    expect(r24.record.error!.errorMessage).toMatch(/^ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node\.js 24\./);
    const r22 = await engine.invoke('Cb22');
    expect(payloadJson(r22.payload)).toBe('called back');
  });

  it('the context has no legacy callbacks on nodejs24.x', async () => {
    expect(payloadJson((await engine.invoke('Ctx24')).payload)).toEqual({ keys: [] });
    expect(payloadJson((await engine.invoke('Ctx22')).payload)).toEqual({ keys: ['done', 'succeed', 'fail', 'callbackWaitsForEmptyEventLoop'] });
  });

  it('a plain return answers at once, without waiting for the event loop to drain', async () => {
    const { record, payload } = await engine.invoke('Sync24');
    expect(payloadJson(payload)).toBe('returned');
    // Waiting for the pending 60 s timer would have ended in the 3 s timeout instead.
    expect(record.status).toBe('success');
  });
});
