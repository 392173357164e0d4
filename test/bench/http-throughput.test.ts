/**
 * The HTTP baselines and the throughput runner: the servers answer what the functions answer,
 * autocannon's figures come back without errors, and stopping a baseline leaves no process.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { measureThroughput, startBareServer, startProxyChain, startProxyChainPerEnvironment, type BaselineServer } from '../../bench/http-throughput.js';
import { HELLO_BODY } from '../../bench/peers/fixtures.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('HTTP throughput baselines', () => {
  let server: BaselineServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  const perEnvironment = (body: string) => startProxyChainPerEnvironment(body, 3);
  const processesOf: Record<string, number> = { 'bare server': 1, 'two-process proxy chain': 2, 'proxy chain, a process per request in flight': 4 };
  for (const [name, start] of [
    ['bare server', startBareServer],
    ['two-process proxy chain', startProxyChain],
    ['proxy chain, a process per request in flight', perEnvironment],
  ] as const) {
    it(`${name}: answers the hello body, and autocannon measures it without errors`, async () => {
      server = await start(HELLO_BODY);
      const res = await fetch(server.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.text()).toBe(HELLO_BODY);

      const t = await measureThroughput(server.url, { connections: 10, durationS: 1, warmupS: 0, expectBody: HELLO_BODY });
      expect(t.reqPerSec).toBeGreaterThan(0);
      expect(t.requests).toBeGreaterThan(0);
      expect({ non2xx: t.non2xx, errors: t.errors, timeouts: t.timeouts, mismatches: t.mismatches, flagged: t.flagged }).toEqual({ non2xx: 0, errors: 0, timeouts: 0, mismatches: 0, flagged: false });
      expect(t.latencyP50).toBeGreaterThan(0);
      expect(t.latencyP99).toBeGreaterThanOrEqual(t.latencyP50);

      const pids = server.pids;
      expect(pids).toHaveLength(processesOf[name]!);
      await server.stop();
      server = undefined;
      expect(pids.filter(alive)).toEqual([]);
    });
  }

  it('flags a target whose answers are not the expected body', async () => {
    server = await startBareServer('{"message":"something else"}');
    const t = await measureThroughput(server.url, { connections: 2, durationS: 1, warmupS: 0, expectBody: HELLO_BODY });
    expect(t.mismatches).toBeGreaterThan(0);
    expect(t.flagged).toBe(true);
  });
});
