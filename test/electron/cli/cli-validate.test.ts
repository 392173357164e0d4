/**
 * `faaslab validate` and `faaslab list` on a valid template, a YAML error and a SAM error, and
 * `faaslab history`'s note on stderr when --limit left invocations out.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { InvocationStore } from '../../../electron/store/invocation-store.js';
import { validateWorkspace } from '../../../electron/cli/validate-command.js';
import { runCli } from '../../helpers/cli.js';
import { makeTempDir, removeTempDir, writeFiles } from '../../helpers/functions.js';

const VALID = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: src/
    Timeout: 10
Resources:
  ApiFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.api
      MemorySize: 512
      Events:
        GetOrder:
          Type: HttpApi
          Properties:
            Path: /orders/{id}
            Method: get
        Nightly:
          Type: Schedule
          Properties:
            Schedule: cron(0 3 * * ? *)
  WorkerFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.worker
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt JobQueue.Arn
            BatchSize: 5
  JobQueue:
    Type: AWS::SQS::Queue
`;

const temps: string[] = [];
function workspace(template: string): string {
  const dir = writeFiles(makeTempDir(), { 'template.yaml': template, 'src/app.js': 'exports.api = async () => 1; exports.worker = async () => 2;\n' });
  temps.push(dir);
  return dir;
}
afterAll(() => temps.forEach(removeTempDir));

describe('faaslab validate', () => {
  it('prints each function with runtime, handler, memory, timeout and triggers', async () => {
    const dir = workspace(VALID);
    const run = await runCli(['validate'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^FUNCTION\s+RUNTIME\s+HANDLER\s+MEMORY\s+TIMEOUT\s+TRIGGERS$/);
    expect(lines[1]).toMatch(/^ApiFunction\s+nodejs20\.x\s+app\.api\s+512 MB\s+10 s\s+HttpApi GET \/orders\/\{id\}; Schedule cron\(0 3 \* \* \? \*\)$/);
    expect(lines[2]).toMatch(/^WorkerFunction\s+nodejs20\.x\s+app\.worker\s+128 MB\s+10 s\s+SQS JobQueue \(batch 5\)$/);
    expect(lines.at(-1)).toBe('template.yaml is valid: 2 functions, 0 errors, 0 warnings');

    const json = await runCli(['validate', '--json', '--workspace', dir]);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as { valid: boolean; functions: Array<{ logicalId: string; triggers: string[] }>; problems: unknown[] };
    expect(result.valid).toBe(true);
    expect(result.functions.map((f) => [f.logicalId, f.triggers.length])).toEqual([
      ['ApiFunction', 2],
      ['WorkerFunction', 1],
    ]);
    expect(result.problems).toEqual([]);
  });

  it('points at a YAML error with file:line:col and exits 1', async () => {
    const dir = workspace(VALID.replace('      Handler: app.worker\n', '      Handler: app.worker\n     Broken: [\n'));
    const run = await runCli(['validate'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const [first, ...rest] = run.stderr.trimEnd().split('\n');
    // The badly indented line is line 27.
    expect(first).toMatch(/^template\.yaml:27:1: error: All mapping items must start at the same column/);
    expect(rest.at(-1)).toBe('template.yaml is not valid: 0 functions, 1 error, 0 warnings');
  });

  it('names a SAM mistake with the function, file:line:col, and still lists the rest', async () => {
    const dir = workspace(VALID.replace('      Handler: app.worker\n', '      Handler: app.worker\n      Runtime: cobol85\n'));
    const run = await runCli(['validate'], { cwd: dir });
    expect(run.code).toBe(1);
    // The Runtime line is line 27, its key at column 7.
    expect(run.stderr).toMatch(/^template\.yaml:27:7: error: WorkerFunction: .*cobol85/m);
    expect(run.stderr).toMatch(/^ApiFunction\s+nodejs20\.x/m);
    expect(run.stderr.trimEnd().split('\n').at(-1)).toMatch(/^template\.yaml is not valid: 2 functions, 1 error, \d+ warnings?$/);
  });

  it('reports a missing template, and rejects stray arguments', async () => {
    const empty = makeTempDir();
    temps.push(empty);
    const run = await runCli(['validate', '--workspace', empty]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error: no template found in ${empty}`);
    const usage = await runCli(['validate', 'extra']);
    expect(usage.code).toBe(2);
    expect((await runCli(['validate', '--help'])).stdout).toContain('Usage: faaslab validate');
    expect((await runCli(['--help'])).stdout).toMatch(/validate\s+Check template\.yaml/);
  });
});

describe('faaslab list', () => {
  it('is the function table alone', async () => {
    const dir = workspace(VALID);
    const run = await runCli(['list', '--workspace', dir]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^FUNCTION\s+RUNTIME\s+HANDLER\s+MEMORY\s+TIMEOUT$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['ApiFunction', 'WorkerFunction']);
    const json = JSON.parse((await runCli(['list', '--json', '--workspace', dir])).stdout) as Array<{ handler: string }>;
    expect(json.map((f) => f.handler)).toEqual(['app.api', 'app.worker']);
    const broken = await runCli(['list', '--workspace', workspace('Resources: [')]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/template\.yaml:\d+:\d+: error: /);
  });
});

describe('faaslab history --limit', () => {
  it('says on stderr how many it left out; --limit 0 prints them all', async () => {
    const dir = workspace(VALID);
    const store = InvocationStore.openWorkspace(dir);
    for (let i = 0; i < 7; i++) {
      store.append({
        requestId: `00000000-0000-4000-8000-00000000000${i}`,
        functionName: 'ApiFunction',
        logicalId: 'ApiFunction',
        status: 'success',
        coldStart: i === 0,
        durationMs: 1 + i,
        billedDurationMs: 2 + i,
        memorySizeMb: 512,
        maxMemoryUsedMb: 40,
        startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
        logs: [],
      });
    }
    store.close();

    const some = await runCli(['history', '--workspace', dir, '--json', '--limit', '3']);
    expect(some.code).toBe(0);
    expect((JSON.parse(some.stdout) as { durationMs: number }[]).map((r) => r.durationMs)).toEqual([5, 6, 7]);
    expect(some.stderr).toBe('showing the newest 3 of 7 invocations (4 more; --limit 0 shows all)\n');

    const all = await runCli(['history', '--workspace', dir, '--json', '--limit', '0']);
    expect(JSON.parse(all.stdout)).toHaveLength(7);
    expect(all.stderr).toBe('');
    const exact = await runCli(['history', '--workspace', dir, '--limit', '7']);
    expect(exact.stderr).toBe('');
    expect(exact.stdout.trimEnd().split('\n')).toHaveLength(8);
    const bad = await runCli(['history', '--workspace', dir, '--limit=-1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--limit must be a whole number (0 for all), not '-1'");
  });
});

describe('faaslab validate on EventBridge rules', () => {
  it('names a pattern EventBridge would refuse at its field, file:line:col', async () => {
    const dir = workspace(`Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: src/
      Handler: app.api
      Events:
        Orders:
          Type: EventBridgeRule
          Properties:
            Pattern:
              detail:
                amount: [{ numeric: [">", "ten"] }]
`);
    const result = await validateWorkspace(dir);
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        where: expect.stringMatching(/template\.yaml:15:17$/),
        message: 'Events.Orders: Pattern is not a valid event pattern: detail.amount: Value of > must be numeric; this rule is not applied',
      }),
    ]);
  });
});
