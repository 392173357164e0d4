/** logs.query (issue 5 item 3): past lines of one function from the history, on a real host. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from '../../../electron/services/create-host.js';
import { startHost, type HostFixture } from './host-fixture.js';

const FILES: Record<string, string> = {
  'template.yaml': `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    Timeout: 10
Resources:
  TextFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/text/
      Handler: index.handler
  JsonFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/json/
      Handler: index.handler
      LoggingConfig:
        LogFormat: JSON
`,
  'functions/text/index.mjs': `export const handler = async (event) => {
  console.log('hello from', event.n);
  if (event.ms) await new Promise((r) => setTimeout(r, event.ms));
  console.error('Task.timeout almost', event.n);
  return event.n;
};\n`,
  'functions/json/index.mjs': `export const handler = async (event) => { console.info('info line', event.n); console.error('error line', event.n); return event.n; };\n`,
};

describe('logs.query', () => {
  let h: HostFixture;
  const ids: string[] = [];
  beforeAll(async () => {
    h = await startHost(FILES);
    // Two at once: two execution environments, two log streams.
    const both = await Promise.all([1, 2].map((n) => h.call('invoke.run', { logicalId: 'TextFunction', payload: JSON.stringify({ n, ms: 400 }) })));
    ids.push(...both.map((r) => r.requestId));
    ids.push((await h.call('invoke.run', { logicalId: 'TextFunction', payload: '{"n":3}' })).requestId);
    await h.call('invoke.run', { logicalId: 'JsonFunction', payload: '{"n":4}' });
    await h.call('invoke.run', { logicalId: 'JsonFunction', payload: '{"n":5}' });
  }, 60_000);
  afterAll(() => h?.close());

  it('all lines of a function, newest invocation first, each in order; its streams', async () => {
    const r = await h.call('logs.query', { logicalId: 'TextFunction' });
    expect(r.next).toBeUndefined();
    expect(r.streams).toHaveLength(2);
    for (const s of r.streams) expect(s.logStream).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(r.streams.reduce((n, s) => n + s.invocations, 0)).toBe(3);
    expect(r.streams[0]!.last >= r.streams[1]!.last).toBe(true);
    // The newest invocation (n = 3) comes first, START..REPORT.
    expect(r.lines[0]!.requestId).toBe(ids[2]);
    expect(r.lines[0]!.line).toMatch(/^START RequestId: /);
    const own = r.lines.filter((l) => l.requestId === ids[2]);
    expect(own.at(-1)!.line).toMatch(/^REPORT RequestId: /);
    expect(r.lines.every((l) => l.requestId && ids.includes(l.requestId))).toBe(true);
    expect(r.lines.every((l) => typeof l.time === 'number' && l.time > 0)).toBe(true);
  });

  it('by stream and by request id', async () => {
    const { streams } = await h.call('logs.query', { logicalId: 'TextFunction', limit: 1 });
    for (const s of streams) {
      const r = await h.call('logs.query', { logicalId: 'TextFunction', logStream: s.logStream });
      expect(new Set(r.lines.map((l) => l.requestId)).size).toBe(s.invocations);
      expect(r.lines.every((l) => l.logStream === s.logStream)).toBe(true);
    }
    const one = await h.call('logs.query', { logicalId: 'TextFunction', requestId: ids[0] });
    expect(one.lines.length).toBeGreaterThan(3);
    expect(one.lines.every((l) => l.requestId === ids[0])).toBe(true);
    expect(one.lines.some((l) => l.line.includes('hello from 1'))).toBe(true);
  });

  it('pages with limit and next', async () => {
    const all = await h.call('logs.query', { logicalId: 'TextFunction' });
    const seen: string[] = [];
    let before: string | undefined;
    for (let i = 0; i < 100; i++) {
      const page = await h.call('logs.query', { logicalId: 'TextFunction', limit: 4, before });
      seen.push(...page.lines.map((l) => l.line));
      if (!page.next) break;
      before = page.next;
    }
    expect(seen).toEqual(all.lines.map((l) => l.line));
  });

  it('a term filter and a JSON filter', async () => {
    const terms = await h.call('logs.query', { logicalId: 'TextFunction', filter: 'Task.timeout -"almost 2"' });
    expect(terms.lines.map((l) => l.line.split('\t').at(-1))).toEqual(['Task.timeout almost 3', 'Task.timeout almost 1']);
    const json = await h.call('logs.query', { logicalId: 'JsonFunction', filter: '{ $.level = "ERROR" }' });
    expect(json.lines).toHaveLength(2);
    expect(json.lines.map((l) => JSON.parse(l.line).message)).toEqual(['error line 5', 'error line 4']);
    // Text lines are never JSON: a JSON pattern matches none of them.
    expect((await h.call('logs.query', { logicalId: 'TextFunction', filter: '{ $.level = "ERROR" }' })).lines).toEqual([]);
    // The streams stay the function's, whatever the filter.
    expect(terms.streams).toHaveLength(2);
  });

  it('a bad filter is a ValidationError on fields.filter with the position', async () => {
    const err = await h.failure('logs.query', { logicalId: 'JsonFunction', filter: '{ $.level = ' });
    expect(err.code).toBe('ValidationError');
    expect(Object.keys(err.fields ?? {})).toEqual(['filter']);
    expect(err.fields!.filter).toMatch(/position \d+/);
  });

  it('a function without history: no lines, no streams', async () => {
    expect(await h.call('logs.query', { logicalId: 'Nobody' })).toEqual({ lines: [], streams: [] });
  });

  it('the streams and their lines survive a restart of the host', async () => {
    const before = await h.call('logs.query', { logicalId: 'TextFunction' });
    expect(before.lines.length).toBeGreaterThan(0);
    // The same workspace opened by a new host, as after quitting and starting faaslab again.
    await h.host.close();
    const again = await createHost({ workspaceDir: h.dir, stateDir: h.stateDir, apiPort: 0 });
    try {
      const after = await again.call('logs.query', { logicalId: 'TextFunction' });
      expect(after).toEqual(before);
      const errors = await again.call('logs.query', { logicalId: 'JsonFunction', filter: '{ $.level = "ERROR" }' });
      expect(errors.lines.map((l) => JSON.parse(l.line).message)).toEqual(['error line 5', 'error line 4']);
    } finally {
      await again.close();
    }
    // afterAll closes h again: closing twice must be harmless.
  });
});
