/**
 * `faaslab logs` against a real `faaslab serve`: recent lines, --filter (JSON and terms),
 * --json, --follow, bad patterns and no host.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT, runCli, startServe } from '../../helpers/cli.js';
import { makeTempDir, removeTempDir, waitFor, writeFiles } from '../../helpers/functions.js';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: src/
Resources:
  LoudFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.loud
      LoggingConfig:
        LogFormat: JSON
  QuietFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.quiet
`;
const APP = `exports.loud = async (event) => {
  console.info('order ' + event.n + ' fetched');
  console.error('order ' + event.n + ' failed: db refused');
  return 'ok';
};
exports.quiet = async () => { console.log('quiet ERROR that is not ours'); return 'ok'; };
`;

let dir: string;
let empty: string;
const running: ChildProcess[] = [];
beforeAll(() => {
  dir = writeFiles(makeTempDir(), { 'template.yaml': TEMPLATE, 'src/app.js': APP });
  empty = writeFiles(makeTempDir(), { 'template.yaml': TEMPLATE, 'src/app.js': APP });
});
afterEach(() => {
  for (const p of running.splice(0)) p.kill('SIGKILL');
});
afterAll(() => {
  removeTempDir(dir);
  removeTempDir(empty);
});

async function invoke(url: string, fn: string, event: unknown): Promise<void> {
  const res = await fetch(`${url}/2015-03-31/functions/${fn}/invocations`, { method: 'POST', body: JSON.stringify(event) });
  expect(res.status).toBe(200);
  await res.text();
}

describe('faaslab logs', () => {
  it("prints a function's recent lines, filtered; --follow prints new ones until SIGTERM", async () => {
    const serve = await startServe(['--workspace', dir]);
    running.push(serve.proc);
    await invoke(serve.url, 'LoudFunction', { n: 1 });
    await invoke(serve.url, 'QuietFunction', {});

    const all = await runCli(['logs', 'LoudFunction', '--workspace', dir]);
    expect(all.code).toBe(0);
    const lines = all.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    // JSON format: platform lines and the function's own lines, no line of QuietFunction.
    expect(lines.map((l) => l.type ?? l.level)).toEqual(expect.arrayContaining(['platform.start', 'INFO', 'ERROR', 'platform.report']));
    expect(all.stdout).not.toContain('quiet');

    const errors = await runCli(['logs', 'LoudFunction', '--workspace', dir, '--filter', '{ $.level = "ERROR" }']);
    expect(errors.code).toBe(0);
    const errorLines = errors.stdout.trimEnd().split('\n');
    expect(errorLines).toHaveLength(1);
    expect(JSON.parse(errorLines[0]!)).toMatchObject({ level: 'ERROR', message: 'order 1 failed: db refused', requestId: expect.any(String) });

    const term = await runCli(['logs', 'LoudFunction', '--workspace', dir, '--filter', '"order 1" -failed']);
    expect(term.code).toBe(0);
    expect(
      term.stdout
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { message: string }).message),
    ).toEqual(['order 1 fetched']);

    // By FunctionName too; text-format lines never match a JSON pattern, but do match terms.
    const quiet = await runCli(['logs', 'QuietFunction', '--workspace', dir, '--filter', 'ERROR']);
    expect(quiet.stdout).toMatch(/^\S+\t[0-9a-f-]{36}\tINFO\tquiet ERROR that is not ours\n$/);
    expect((await runCli(['logs', 'QuietFunction', '--workspace', dir, '--filter', '{ $.level = "INFO" }'])).stdout).toBe('');

    const json = await runCli(['logs', 'LoudFunction', '--workspace', dir, '--json', '--filter', '?ERROR ?platform.report']);
    expect(json.code).toBe(0);
    const records = json.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records).toHaveLength(2);
    for (const r of records) expect(Object.keys(r).sort()).toEqual(['line', 'logStream', 'requestId', 'time']);
    expect(records[0]).toMatchObject({ logStream: expect.stringMatching(/\[\$LATEST\]/), requestId: expect.any(String), time: expect.any(Number), line: expect.stringContaining('"level":"ERROR"') });

    // --follow: the old error, then one logged after it started; nothing else.
    const follow = spawn(
      process.execPath,
      [path.join(ROOT, 'bin/faaslab.mjs'), 'logs', 'LoudFunction', '--workspace', dir, '--follow', '--filter', '{ $.level = "ERROR" && $.message = "order 2*" }'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    running.push(follow);
    let out = '';
    let err = '';
    follow.stdout!.on('data', (d) => (out += d));
    follow.stderr!.on('data', (d) => (err += d));
    await new Promise((r) => setTimeout(r, 1500));
    expect(out).toBe('');
    await invoke(serve.url, 'LoudFunction', { n: 2 });
    await waitFor(() => out.includes('order 2 failed'), 'the followed line');
    await invoke(serve.url, 'LoudFunction', { n: 3 });
    await invoke(serve.url, 'LoudFunction', { n: 2 });
    await waitFor(() => out.trimEnd().split('\n').length === 2, 'the second followed line');
    const exit = new Promise<number | null>((resolve) => follow.once('exit', resolve));
    follow.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(err).toBe('');
    expect(out).not.toContain('order 3');
  }, 60_000);

  it('rejects a bad filter with exit code 2 and a caret under the mistake', async () => {
    const bad = await runCli(['logs', 'LoudFunction', '--workspace', empty, '--filter', '{ $.latency > high }']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`faaslab logs: bad --filter pattern: '>' compares numbers: expected a number, found 'high'\n  { $.latency > high }\n  ${' '.repeat(14)}^\n`);
    const usage = await runCli(['logs']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('missing the function');
    const help = await runCli(['logs', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('faaslab logs <Function>');
    expect((await runCli(['--help'])).stdout).toContain('logs <Function>');
  });

  it('reads the stored lines after the host stopped: --filter, --limit, --json; --follow needs a host', async () => {
    const serve = await startServe(['--workspace', empty]);
    running.push(serve.proc);
    for (const n of [1, 2, 3]) await invoke(serve.url, 'LoudFunction', { n });
    await invoke(serve.url, 'QuietFunction', {});
    const exited = new Promise((resolve) => serve.proc.once('exit', resolve));
    serve.proc.kill('SIGTERM');
    await exited;

    // From the current folder, as a user would after stopping serve.
    const errors = await runCli(['logs', 'LoudFunction', '--filter', '{ $.level = "ERROR" }'], { cwd: empty });
    expect(errors.code).toBe(0);
    expect(
      errors.stdout
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { message: string }).message),
    ).toEqual(['order 1 failed: db refused', 'order 2 failed: db refused', 'order 3 failed: db refused']);

    // --limit keeps the newest lines, printed oldest first; 0 is all of them.
    const two = await runCli(['logs', 'LoudFunction', '--workspace', empty, '--filter', 'order', '--limit', '2']);
    expect(
      two.stdout
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { message: string }).message),
    ).toEqual(['order 3 fetched', 'order 3 failed: db refused']);
    const all = await runCli(['logs', 'LoudFunction', '--workspace', empty, '--limit', '0']);
    // Per invocation: START, two lines of its own, END, REPORT (and INIT_START before the first).
    expect(all.stdout.trimEnd().split('\n').length).toBeGreaterThanOrEqual(15);

    const json = await runCli(['logs', 'QuietFunction', '--workspace', empty, '--json', '--filter', 'quiet']);
    const [record, ...more] = json.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(more).toEqual([]);
    expect(record).toMatchObject({
      logStream: expect.stringMatching(/\[\$LATEST\]/),
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      time: expect.any(Number),
      line: expect.stringContaining('quiet ERROR'),
    });

    const none = await runCli(['logs', 'LoudFunction', '--workspace', empty, '--filter', 'nothing-like-this']);
    expect(none).toMatchObject({ code: 0, stdout: '' });
    expect(none.stderr).toBe(`no stored log lines of LoudFunction match the filter in ${empty}\n`);

    const missing = await runCli(['logs', 'NoSuchFunction', '--workspace', empty]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no function NoSuchFunction in');
    expect(missing.stderr).toContain('its functions: LoudFunction, QuietFunction');

    const follow = await runCli(['logs', 'LoudFunction', '--follow'], { cwd: empty });
    expect(follow.code).toBe(1);
    expect(follow.stderr).toBe(`faaslab logs: no faaslab host is running for ${empty}: start one with faaslab serve\n`);
  }, 60_000);
});
