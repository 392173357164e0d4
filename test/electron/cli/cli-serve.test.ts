import { afterEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { descendants, EXAMPLES, isAlive, runCli, startServe } from '../../helpers/cli.js';

const running: ChildProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) p.kill('SIGKILL');
});

async function invoke(url: string, fn: string, body = '{}') {
  const res = await fetch(`${url}/2015-03-31/functions/${fn}/invocations`, { method: 'POST', body });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** Waits up to `ms` for every pid to be gone; returns those still alive. */
async function survivors(pids: number[], ms: number): Promise<number[]> {
  const until = Date.now() + ms;
  let alive = pids.filter(isAlive);
  while (alive.length && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    alive = alive.filter(isAlive);
  }
  return alive;
}

describe('faaslab serve', () => {
  it('has --help and rejects bad values', async () => {
    const help = await runCli(['serve', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--lambda-port');
    const bad = await runCli(['serve', '--lambda-port', 'eighty']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--lambda-port must be a port number from 0 to 65535, not 'eighty'");
  });

  it('prints its URL, serves invocations, and stops cleanly on SIGTERM', async () => {
    const { proc, url, output } = await startServe(['--workspace', EXAMPLES]);
    running.push(proc);
    const r = await invoke(url, 'HelloFunction', '{"name":"serve"}');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ statusCode: 200, body: JSON.stringify({ message: 'Hello, serve!' }) });
    const kids = descendants(proc.pid!);
    expect(kids.length).toBeGreaterThan(0);
    const exit = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    proc.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(output()).toContain('faaslab: stopping');
    expect(await survivors(kids, 2000)).toEqual([]);
  });

  it('leaves no runtime process behind when it is killed with SIGKILL', async () => {
    const { proc, url } = await startServe(['--workspace', EXAMPLES]);
    running.push(proc);
    // A warm (frozen) Node environment, a warm custom runtime, and one busy in a long invocation.
    expect((await invoke(url, 'CounterFunction')).status).toBe(200);
    expect((await invoke(url, 'BashFunction')).status).toBe(200);
    const busy = invoke(url, 'SlowFunction', '{"ms": 60000}').catch(() => undefined);
    let kids: number[] = [];
    for (let i = 0; i < 100 && kids.length < 4; i++) {
      await new Promise((r) => setTimeout(r, 50));
      kids = descendants(proc.pid!);
    }
    // The spare, Counter, Bash (sh + its curl), Slow and the reaper: at least four.
    expect(kids.length).toBeGreaterThanOrEqual(4);
    proc.kill('SIGKILL');
    await busy;
    expect(await survivors(kids, 2000)).toEqual([]);
  });
});
