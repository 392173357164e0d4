/** The Invoke API hands Event invocations to the queue it is given (a host's workspace session's). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { startInvokeApiServer, type InvokeApiServer } from '../../../electron/servers/invoke-api.js';
import type { AsyncSource, EventInvoker, EventRequest } from '../../../electron/triggers/event-invoker.js';
import { functionConfig, makeTempDir, removeTempDir, writeFiles } from '../../helpers/functions.js';

const dir = writeFiles(makeTempDir(), { 'index.mjs': `export const handler = async () => 'ran';\n` });
const engine = new Engine({ functions: [functionConfig('Echo', dir, 'index.handler')] });
const ran: string[] = [];
engine.on('invocation', (r) => ran.push(r.requestId));
const queued: Array<{ logicalId: string; request: EventRequest; source: AsyncSource }> = [];
const queue: EventInvoker = {
  enqueue(logicalId, request, source) {
    queued.push({ logicalId, request, source });
    return request.requestId ?? 'unexpected';
  },
};
let server: InvokeApiServer;
beforeAll(async () => {
  server = await startInvokeApiServer(engine, { async: queue, log: () => {} });
});
afterAll(async () => {
  await server.close();
  await engine.close();
  removeTempDir(dir);
});

it('queues an Event invocation under the 202 request id, and does not run it itself', async () => {
  const res = await fetch(`${server.url}/2015-03-31/functions/Echo/invocations`, { method: 'POST', body: '{"q":1}', headers: { 'X-Amz-Invocation-Type': 'Event' } });
  expect(res.status).toBe(202);
  const requestId = res.headers.get('x-amzn-requestid');
  expect(queued).toHaveLength(1);
  expect(queued[0]).toMatchObject({ logicalId: 'Echo', request: { requestId }, source: 'lambda' });
  expect(Buffer.from(queued[0]!.request.payload as Buffer).toString()).toBe('{"q":1}');

  const sync = await fetch(`${server.url}/2015-03-31/functions/Echo/invocations`, { method: 'POST', body: '{}' });
  expect(await sync.text()).toBe('"ran"');
  expect(queued).toHaveLength(1);
  expect(ran).toHaveLength(1);
});
