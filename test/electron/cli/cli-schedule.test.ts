/**
 * `faaslab serve` with HTTP triggers and schedules, and `faaslab schedule fire` reaching it
 * through .faaslab/host.json: real processes, real sockets.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { runCli, startServe } from '../../helpers/cli.js';
import { makeTempDir, removeTempDir, waitFor, writeFiles } from '../../helpers/functions.js';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: src/
Resources:
  EchoFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.echo
      FunctionUrlConfig:
        AuthType: NONE
      Events:
        GetItem:
          Type: HttpApi
          Properties:
            Path: /items/{id}
            Method: GET
        Tick:
          Type: Schedule
          Properties:
            Schedule: rate(5 minutes)
  MultiFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.echo
      Events:
        Morning:
          Type: Schedule
          Properties:
            Schedule: cron(0 8 * * ? *)
        Evening:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: cron(0 20 * * ? *)
            State: DISABLED
            Input: '{"when": "evening"}'
  FailFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.fail
      Events:
        Hourly:
          Type: Schedule
          Properties:
            Schedule: rate(1 hour)
`;
const APP = `exports.echo = async (event) => (event.requestContext ? { statusCode: 200, body: JSON.stringify({ id: event.pathParameters?.id ?? null, path: event.rawPath }) } : event);
exports.fail = async () => { throw new Error('scheduled failure'); };
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

describe('faaslab serve with triggers, and faaslab schedule fire', () => {
  it('prints every HTTP endpoint and schedule; schedule fire runs one in the running host', async () => {
    const serve = await startServe(['--workspace', dir, '--api-port', '0']);
    running.push(serve.proc);
    await waitFor(() => /Hourly/.test(serve.output()), 'the schedule lines');
    const out = serve.output();
    const api = /^faaslab: HTTP triggers ready at (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)![1]!;
    expect(out).toContain(`\n  GET /items/{id}  -> EchoFunction  ${api}/items/{id}\n`);
    expect(out).toContain(`\n  Function URL  -> EchoFunction  ${api}/_url/EchoFunction/\n`);
    expect(out).toMatch(/\n {2}rate\(5 minutes\) {2}-> EchoFunction Tick {2}every 5 minutes, next \d{4}-\d\d-\d\dT[\d:.]+Z \(in \d+ (s|min)\)\n/);
    expect(out).toMatch(/\n {2}cron\(0 20 \* \* \? \*\) {2}-> MultiFunction Evening {2}.*, disabled\n/);
    // The Invoke API line comes first, as before: clients wait for it.
    expect(out.indexOf('Lambda Invoke API ready at')).toBeLessThan(out.indexOf('HTTP triggers ready at'));

    const res = await fetch(`${api}/items/7`);
    expect(await res.json()).toEqual({ id: '7', path: '/items/7' });
    const viaUrl = await fetch(`${api}/_url/EchoFunction/hello`);
    expect(await viaUrl.json()).toEqual({ id: null, path: '/hello' });
    await waitFor(() => serve.output().includes('faaslab: GET /items/{id} -> EchoFunction 200 in '), 'the activity line');

    const fire = await runCli(['schedule', 'fire', 'EchoFunction', '--workspace', dir]);
    expect(fire.stderr).toMatch(/START RequestId/);
    expect(fire.code).toBe(0);
    const event = JSON.parse(fire.stdout);
    expect(event).toMatchObject({ 'detail-type': 'Scheduled Event', source: 'aws.events', resources: [expect.stringMatching(/:rule\/local-EchoFunctionTick-/)] });
    await waitFor(() => serve.output().includes('faaslab: schedule rate(5 minutes) -> EchoFunction success'), 'the schedule activity line');

    const json = await runCli(['schedule', 'fire', 'MultiFunction', 'Evening', '--json', '--workspace', dir]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'success', logicalId: 'MultiFunction', response: { when: 'evening' } });

    const which = await runCli(['schedule', 'fire', 'MultiFunction', '--workspace', dir]);
    expect(which.code).toBe(1);
    expect(which.stderr).toContain('MultiFunction has 2 schedules: name one of Morning, Evening');
    const none = await runCli(['schedule', 'fire', 'MultiFunction', 'Noon', '--workspace', dir]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("MultiFunction has no schedule named Noon; the workspace's schedules: EchoFunction Tick, MultiFunction Morning, MultiFunction Evening, FailFunction Hourly");

    const failed = await runCli(['schedule', 'fire', 'FailFunction', '--workspace', dir]);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({ errorType: 'Error', errorMessage: 'scheduled failure' });

    const exit = new Promise<number | null>((resolve) => serve.proc.once('exit', resolve));
    serve.proc.kill('SIGTERM');
    expect(await exit).toBe(0);
    const after = await runCli(['schedule', 'fire', 'EchoFunction', '--workspace', dir]);
    expect(after.code).toBe(1);
    expect(after.stderr).toBe(`faaslab schedule: no faaslab host is running for ${dir}: start one with faaslab serve\n`);
  });

  it('says no host runs when there is no host.json, or the one there names a process that is gone', async () => {
    const missing = await runCli(['schedule', 'fire', 'EchoFunction'], { cwd: empty });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`faaslab schedule: no faaslab host is running for ${empty}: start one with faaslab serve\n`);

    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    mkdirSync(path.join(empty, '.faaslab'), { recursive: true });
    writeFileSync(path.join(empty, '.faaslab', 'host.json'), JSON.stringify({ pid: gone, url: 'http://127.0.0.1:9', port: 9, token: 'x' }));
    const stale = await runCli(['schedule', 'fire', 'EchoFunction', '--workspace', empty]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(`no faaslab host is running for ${empty}`);
  });

  it('has --help and rejects usage mistakes with exit code 2', async () => {
    const help = await runCli(['schedule', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('faaslab schedule fire <Function> [<EventName>]');
    expect((await runCli(['schedule'])).code).toBe(2);
    expect((await runCli(['schedule', 'run', 'X'])).stderr).toContain("unknown action 'run'");
    expect((await runCli(['schedule', 'fire'])).code).toBe(2);
    const badPort = await runCli(['serve', '--api-port', 'x']);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain("--api-port must be a port number from 0 to 65535, not 'x'");
    expect((await runCli(['serve', '--help'])).stdout).toContain('--api-port N');
    expect((await runCli(['ui', '--help'])).stdout).toContain('--api-port N');
  });
});
