import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invocationCost } from '../../../shared/lambda/billing.js';
import { waitFor } from '../../helpers/functions.js';
import { startHost, type HostFixture } from './host-fixture.js';

describe('invoke.* and the event stream', () => {
  let h: HostFixture;
  beforeAll(async () => {
    h = await startHost();
  });
  afterAll(() => h?.close());

  it('run: the whole record, with its cost, under the request id given', async () => {
    const requestId = randomUUID();
    const record = await h.call('invoke.run', { logicalId: 'EnvFunction', payload: '{"a":1}', requestId });
    expect(record).toMatchObject({ requestId, logicalId: 'EnvFunction', functionName: 'EnvFunction', status: 'success', coldStart: true, memorySizeMb: 256 });
    expect(record.response).toMatchObject({ event: { a: 1 }, env: { STAGE: 'dev' } });
    expect(record.costUsd).toBeCloseTo(invocationCost(256, record.billedDurationMs, 'x86_64'), 12);
    expect(record.cancelled).toBeUndefined();
    expect(record.logs.some((l) => l.startsWith(`REPORT RequestId: ${requestId}`))).toBe(true);

    const pushed = await h.waitForPush('invocation', (r) => r.requestId === requestId);
    expect(pushed.costUsd).toBe(record.costUsd);
    const logLine = await h.waitForPush('log', (l) => l.requestId === requestId && l.line.startsWith('END'));
    expect(logLine.logicalId).toBe('EnvFunction');
    const envs = await h.waitForPush('environments', (s) => s.some((e) => e.logicalId === 'EnvFunction' && e.warm === 1 && e.busy === 0));
    expect(envs.find((e) => e.logicalId === 'SlowFunction')).toEqual({ logicalId: 'SlowFunction', warm: 0, busy: 0 });

    const second = await h.call('invoke.run', { logicalId: 'EnvFunction', payload: '{}' });
    expect(second.coldStart).toBe(false);
  });

  it('run: a payload that is not JSON, or an unknown function, is refused', async () => {
    const err = await h.failure('invoke.run', { logicalId: 'EnvFunction', payload: '{not json' });
    expect(err.code).toBe('ValidationError');
    expect(Object.keys(err.fields ?? {})).toEqual(['payload']);
    expect((await h.failure('invoke.run', { logicalId: 'Nobody', payload: '{}' })).code).toBe('NotFound');
    expect((await h.failure('invoke.run', { logicalId: 'EnvFunction', payload: '{}', requestId: 'not-a-uuid' })).code).toBe('ValidationError');
  });

  it.each(['cold', 'warm'])('cancel: ends the environment of a slow run (%s), which answers at once as cancelled', async (kind) => {
    if (kind === 'warm') expect((await h.call('invoke.run', { logicalId: 'SlowFunction', payload: '{"ms":1}' })).status).toBe('success');
    const requestId = randomUUID();
    const started = Date.now();
    const running = h.call('invoke.run', { logicalId: 'SlowFunction', payload: '{"ms":20000}', requestId });
    // Pushes only report changes the host saw, so the engine itself says when the run is under way.
    await waitFor(() => h.host.engine.environments('SlowFunction').some((e) => e.state === 'busy'), 'SlowFunction busy');
    expect(await h.call('invoke.cancel', { requestId })).toEqual({ cancelled: true });
    const record = await running;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(record).toMatchObject({ requestId, status: 'crashed', cancelled: true, error: { errorType: 'Cancelled', errorMessage: 'Cancelled by the user' } });
    const pushed = await h.waitForPush('invocation', (r) => r.requestId === requestId);
    expect(pushed.cancelled).toBe(true);
    await waitFor(() => h.host.engine.environments('SlowFunction').length === 0, 'SlowFunction reset');

    expect(await h.call('invoke.cancel', { requestId })).toEqual({ cancelled: false });
    expect(await h.call('invoke.cancel', { requestId: 'nothing-running' })).toEqual({ cancelled: false });
    const next = await h.call('invoke.run', { logicalId: 'SlowFunction', payload: '{"ms":1}' });
    expect(next).toMatchObject({ status: 'success', coldStart: true, response: 'done' });
    expect(next.cancelled).toBeUndefined();
  });

  it('logs.recent: the last lines of every function, oldest first', async () => {
    const all = await h.call('logs.recent', {});
    expect(all.length).toBeGreaterThan(5);
    const last = await h.call('logs.recent', { limit: 2 });
    expect(last).toEqual(all.slice(-2));
    expect(last[1]!.line).toMatch(/^REPORT RequestId/);
    expect((await h.failure('logs.recent', { limit: 0 })).fields).toHaveProperty('limit');
    await waitFor(() => h.pushes.filter((p) => p.event === 'log').length >= all.length, 'every line pushed');
  });
});

describe('invoke.run answers with the record that was pushed and stored', () => {
  let h: HostFixture;
  beforeAll(async () => {
    h = await startHost();
  });
  afterAll(() => h?.close());

  it('decorated once: with the architecture changed during the run, the answer, the push and the history agree', async () => {
    const requestId = randomUUID();
    const running = h.call('invoke.run', { logicalId: 'SlowFunction', payload: '{"ms":1500}', requestId });
    await waitFor(() => h.host.engine.environments('SlowFunction').some((e) => e.state === 'busy'), 'SlowFunction busy');
    const mark = h.pushes.length;
    h.write({ 'template.yaml': h.read('template.yaml').replace('      Timeout: 30\n', '      Timeout: 30\n      Architectures: [arm64]\n') });
    await h.waitForPush('workspace', () => true, 'the reload', mark);
    const record = await running;
    expect(record.status).toBe('success');
    const pushed = await h.waitForPush('invocation', (r) => r.requestId === requestId);
    expect(record).toEqual(pushed);
    expect(record.costUsd).toBeCloseTo(invocationCost(record.memorySizeMb, record.billedDurationMs, 'arm64'), 12);
    const stored = await h.call('history.get', { requestId });
    expect(stored.costUsd).toBe(record.costUsd);
    expect(stored.architecture).toBe('arm64');
  });
});
