/** MaximumEventAgeInSeconds: a retry of an event older than that is not run (EventAgeExceeded). */
import { afterAll, expect, it } from 'vitest';
import { Engine } from '../../../../electron/engine/engine.js';
import { AsyncInvoker } from '../../../../electron/triggers/messaging/async-invoke.js';
import { functionConfig, makeTempDir, removeTempDir, waitFor, writeFiles } from '../../../helpers/functions.js';

const dir = writeFiles(makeTempDir(), { 'index.mjs': `export const handler = async () => { throw new Error('nope'); };\n` });
const engine = new Engine({ functions: [functionConfig('Old', dir, 'index.handler')] });
afterAll(async () => {
  await engine.close();
  removeTempDir(dir);
});

it('drops an event whose age passed MaximumEventAgeInSeconds and sends an EventAgeExceeded record', async () => {
  let now = Date.now();
  const delivered: string[] = [];
  const invoker = new AsyncInvoker({
    engine,
    config: () => ({ logicalId: 'Old', maximumRetryAttempts: 2, maximumEventAgeSeconds: 60, onFailure: { type: 'SQS', arn: 'q', target: 'Q' } }),
    deliver: (_d, body) => delivered.push(body),
    log: () => {},
    retryDelayScale: 0.001,
    now: () => now,
  });
  const seen: string[] = [];
  engine.on('invocation', (r) => {
    seen.push(r.status);
    now += 61_000; // the first attempt "took" past the age limit
  });
  invoker.enqueue('Old', { payload: '{"a":1}' }, 'lambda');
  const body = await waitFor(() => delivered[0], 'the OnFailure record');
  expect(seen).toEqual(['error']);
  expect(JSON.parse(body)).toMatchObject({ requestContext: { condition: 'EventAgeExceeded', approximateInvokeCount: 1 }, requestPayload: { a: 1 } });
  invoker.close();
});
