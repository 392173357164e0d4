/** runOnce: the one stand-in for a session's async queue (the Invoke API and buckets without a session). */
import { afterAll, describe, expect, it } from 'vitest';
import type { TriggerActivity } from '../../../shared/domain/triggers.js';
import { Engine, type InvokeRequest } from '../../../electron/engine/engine.js';
import { runOnce } from '../../../electron/triggers/event-invoker.js';
import { functionConfig, makeTempDir, removeTempDir, waitFor, writeFiles } from '../../helpers/functions.js';

const dir = writeFiles(makeTempDir(), { 'index.mjs': `export const handler = async (event) => ({ got: event });\n` });
const engine = new Engine({
  functions: [functionConfig('Echo', dir, 'index.handler'), functionConfig('Blocked', dir, 'index.handler', { reservedConcurrency: 0 })],
});
const seen: Array<{ requestId: string; status: string; source: InvokeRequest['source'] }> = [];
engine.on('invocation', (r, _event, source) => seen.push({ requestId: r.requestId, status: r.status, source }));
afterAll(async () => {
  await engine.close();
  removeTempDir(dir);
});

function fixture() {
  const logged: string[] = [];
  const activity: TriggerActivity[] = [];
  const invoker = runOnce(engine, { log: (l) => logged.push(l), onActivity: (a) => activity.push(a) });
  return { invoker, logged, activity };
}

describe('runOnce', () => {
  it('runs the event once, with the request id it answered at once, and reports no activity for the Invoke API', async () => {
    const { invoker, activity, logged } = fixture();
    const requestId = invoker.enqueue('Echo', { payload: '{"a":1}', requestId: 'given-id' }, 'lambda');
    expect(requestId).toBe('given-id');
    const run = await waitFor(() => seen.find((s) => s.requestId === 'given-id'), 'the invocation');
    expect(run).toEqual({ requestId: 'given-id', status: 'success', source: 'async:lambda' });
    expect(activity).toEqual([]);
    expect(logged).toEqual([]);
  });

  it("reports a trigger's event as its activity, under the request id it returned", async () => {
    const { invoker, activity } = fixture();
    const requestId = invoker.enqueue('Echo', { payload: '{}' }, { trigger: 's3', kind: 's3', route: 'b ObjectCreated:Put k' });
    const a = await waitFor(() => activity[0], 'the activity');
    expect(a).toMatchObject({ trigger: 's3', kind: 's3', route: 'b ObjectCreated:Put k', logicalId: 'Echo', requestId, status: 'success' });
    // The history's trigger comes with the invocation: the trigger and its route, as the activity names them.
    expect(seen.filter((s) => s.requestId === requestId)).toEqual([{ requestId, status: 'success', source: { kind: 's3', route: 's3 b ObjectCreated:Put k' } }]);
  });

  it('logs a throttled event, and does not try it again', async () => {
    const { invoker, logged } = fixture();
    const requestId = invoker.enqueue('Blocked', { payload: '{}' }, 'lambda');
    await waitFor(() => logged.length > 0, 'the log line');
    expect(logged).toEqual(['Event invocation of Blocked throttled: ReservedFunctionConcurrentInvocationLimitExceeded']);
    expect(seen.filter((s) => s.requestId === requestId).map((s) => s.status)).toEqual(['throttled']);
  });

  it('logs an event that could not run at all, and reports it as activity without a request id', async () => {
    const { invoker, logged, activity } = fixture();
    invoker.enqueue('Missing', { payload: '{}' }, { trigger: 'sns', kind: 'sns', route: 'Topic' });
    const a = await waitFor(() => activity[0], 'the activity');
    expect(a).toMatchObject({ trigger: 'sns', logicalId: 'Missing' });
    expect(a.requestId).toBeUndefined();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^Event invocation of Missing failed: /);
  });
});
