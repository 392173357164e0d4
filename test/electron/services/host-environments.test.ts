/**
 * The lifecycle controls a learner uses: list the environments, force a cold start, kill one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type HostFixture } from './host-fixture.js';
import { sleep } from '../../helpers/functions.js';

describe('environments.*', { timeout: 60_000 }, () => {
  let h: HostFixture;
  beforeAll(async () => {
    h = await startHost();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('force cold start: the warm environment ends and the next invocation is cold', async () => {
    const fn = { logicalId: 'EnvFunction' };
    expect((await h.call('invoke.run', { ...fn, payload: '{}' })).coldStart).toBe(true);
    expect((await h.call('invoke.run', { ...fn, payload: '{}' })).coldStart).toBe(false);
    const [env] = await h.call('environments.list', fn);
    expect(env).toMatchObject({ logicalId: 'EnvFunction', state: 'idle' });
    expect(await h.call('environments.forceCold', fn)).toEqual({ ended: 1 });
    expect(await h.call('environments.list', fn)).toEqual([]);
    expect((await h.call('invoke.run', { ...fn, payload: '{}' })).coldStart).toBe(true);
    expect((await h.failure('environments.forceCold', { logicalId: 'Nope' })).code).toBe('NotFound');
  });

  it('kill: the running invocation ends with Runtime.ExitError, and an unknown id is NotFound', async () => {
    const running = h.call('invoke.run', { logicalId: 'SlowFunction', payload: '{"ms":20000}' });
    let busy: { id: string } | undefined;
    for (let i = 0; i < 200 && !busy; i++, await sleep(25)) busy = (await h.call('environments.list', { logicalId: 'SlowFunction' })).find((e) => e.state === 'busy');
    if (!busy) throw new Error('no busy SlowFunction environment');
    expect(await h.call('environments.kill', { id: busy.id })).toEqual({ killed: true });
    const record = await running;
    expect(record.status).toBe('crashed');
    expect(record.error?.errorType).toBe('Runtime.ExitError');
    expect((await h.failure('environments.kill', { id: busy.id })).code).toBe('NotFound');
  });
});
