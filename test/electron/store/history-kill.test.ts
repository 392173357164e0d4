/**
 * The history's promise: a kill -9 of the host loses no invocation that was reported finished.
 * A burst of invocations through the Invoke API of a real `faaslab serve`; serve is killed with
 * SIGKILL while more are in flight; every request id that got its response must be stored.
 * Then `faaslab history` (table and --json) and the host methods over the same kind of data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { runCli, startServe } from '../../helpers/cli.js';
import { makeTempDir, removeTempDir, writeFiles } from '../../helpers/functions.js';
import { InvocationStore } from '../../../electron/store/invocation-store.js';
import { startHost, type HostFixture } from '../services/host-fixture.js';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: src/
Resources:
  WorkFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.work
      MemorySize: 256
`;
const APP = `exports.work = async (event) => {
  await new Promise((r) => setTimeout(r, 2 + (event.n % 15)));
  console.log('working on ' + event.n);
  if (event.n % 7 === 3) throw new Error('unlucky ' + event.n);
  return { n: event.n };
};
`;

let dir: string;
let proc: ChildProcess | undefined;
beforeAll(() => {
  dir = writeFiles(makeTempDir(), { 'template.yaml': TEMPLATE, 'src/app.js': APP });
});
afterAll(() => {
  proc?.kill('SIGKILL');
  removeTempDir(dir);
});

describe('the invocation history under kill -9', () => {
  it('keeps every invocation that was reported finished', async () => {
    const s = await startServe(['--workspace', dir, '--api-port', '0']);
    proc = s.proc;
    const url = `${s.url}/2015-03-31/functions/WorkFunction/invocations`;
    const reported = new Map<string, number>();
    let n = 0;
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const i = n++;
        try {
          const res = await fetch(url, { method: 'POST', body: JSON.stringify({ n: i }) });
          await res.arrayBuffer();
          const id = res.headers.get('x-amzn-requestid');
          if (id && !stop) reported.set(id, i);
        } catch {
          return; // the host is gone
        }
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    // Kill once enough have been reported, while the workers keep others in flight.
    while (reported.size < 150) await new Promise((r) => setTimeout(r, 5));
    const exited = new Promise((r) => proc!.once('exit', r));
    proc.kill('SIGKILL');
    const atKill = new Map(reported);
    stop = true;
    await exited;
    await Promise.all(workers);
    proc = undefined;
    expect(n).toBeGreaterThan(atKill.size); // some were in flight

    const store = InvocationStore.openWorkspace(dir, { readOnly: true });
    const missing = [...atKill.keys()].filter((id) => !store.has(id));
    expect(missing).toEqual([]);
    for (const [id, i] of [...atKill].slice(0, 20)) {
      const rec = store.get(id)!;
      expect(JSON.parse(rec.event!)).toEqual({ n: i });
      expect(rec.status).toBe(i % 7 === 3 ? 'error' : 'success');
      expect(rec.logs.some((l) => l.includes(`working on ${i}`))).toBe(true);
      expect(rec.codeVersion).toMatch(/^sha256:[0-9a-f]{64}$/);
    }

    // The CLI reads the same files, no host needed.
    const json = await runCli(['history', '--workspace', dir, '--json', '--limit', '100000']);
    expect(json.code).toBe(0);
    const records = JSON.parse(json.stdout) as { requestId: string; event: string; status: string; logs: string[]; durationMs: number }[];
    const ids = new Set(records.map((r) => r.requestId));
    expect([...atKill.keys()].filter((id) => !ids.has(id))).toEqual([]);
    expect(records[0]).toHaveProperty('logs');
    const table = await runCli(['history', '--workspace', dir, '--function', 'WorkFunction', '--limit', '5']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+FUNCTION\s+STATUS\s+COLD\s+DURATION\s+BILLED\s+MEMORY\s+TRIGGER\s+REQUEST ID$/);
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(/WorkFunction\s+(success|error)\s+(cold|warm)\s+[\d.]+ ms\s+\d+ ms\s+\d+\/256 MB/);
  }, 60_000);
});

describe('history.* and metrics.query', () => {
  let h: HostFixture;
  beforeAll(async () => {
    h = await startHost();
  });
  afterAll(() => h?.close());

  it('stores runs before the push, with the event, and answers list/get/stats/metrics/setRetention', async () => {
    const a = await h.call('invoke.run', { logicalId: 'EnvFunction', payload: '{"a":1}' });
    const b = await h.call('invoke.run', { logicalId: 'EnvFunction', payload: '{"b":2}' });
    const list = await h.call('history.list', { logicalId: 'EnvFunction' });
    expect(list.map((r) => r.requestId)).toEqual([b.requestId, a.requestId]);
    expect(list[0]).toMatchObject({ status: 'success', coldStart: false, trigger: { kind: 'ui' } });
    expect(list[0]).not.toHaveProperty('logs');
    const full = await h.call('history.get', { requestId: a.requestId });
    expect(full).toMatchObject({ requestId: a.requestId, event: '{"a":1}', coldStart: true, logs: a.logs, costUsd: a.costUsd });
    expect(full.codeVersion).toMatch(/^sha256:/);
    expect((await h.failure('history.get', { requestId: 'nope' })).code).toBe('NotFound');
    const stats = await h.call('history.stats', {});
    expect(stats.count).toBeGreaterThanOrEqual(2);
    expect(stats.sizeBytes).toBeGreaterThan(0);
    expect(await h.call('history.setRetention', { maxCount: 5000 })).toEqual({ maxCount: 5000, maxAgeDays: 30 });
    const m = await h.call('metrics.query', { logicalId: 'EnvFunction', from: Date.now() - 60_000, to: Date.now() + 1000, bucketSeconds: 61 });
    expect(m.totals).toMatchObject({ invocations: 2, coldStarts: 1, errors: 0 });
    expect(m.totals.costUsd).toBeCloseTo(a.costUsd! + b.costUsd!, 12);
  });
});
