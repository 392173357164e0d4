import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InvocationRecord } from '../../../shared/domain/invocation.js';
import { EXAMPLES, runCli } from '../../helpers/cli.js';

describe('faaslab (no command, help, version)', () => {
  it('prints help and the version', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: faaslab <command>');
    const version = await runCli(['--version']);
    expect(version.stdout).toMatch(/^faaslab \d+\.\d+\.\d+\n$/);
  });

  it('rejects an unknown command with exit code 2', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });
});

describe('faaslab invoke', () => {
  it('has --help', async () => {
    const r = await runCli(['invoke', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: faaslab invoke <Function>');
  });

  it('rejects unknown flags and a missing function name', async () => {
    const flag = await runCli(['invoke', 'HelloFunction', '--frob']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("unknown option '--frob'");
    expect(flag.stderr).toContain("See 'faaslab invoke --help'");
    const none = await runCli(['invoke', '--workspace', EXAMPLES]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('name the function to invoke');
  });

  it('prints the response on stdout and the log lines on stderr', async () => {
    const event = path.join(EXAMPLES, 'events/hello.json');
    const r = await runCli(['invoke', 'HelloFunction', '--workspace', EXAMPLES, '--event', event]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ statusCode: 200, body: JSON.stringify({ message: 'Hello, faaslab!' }) });
    expect(r.stderr).toMatch(/^INIT_START Runtime Version: /m);
    expect(r.stderr).toMatch(/^START RequestId: [0-9a-f-]{36} Version: \$LATEST$/m);
    expect(r.stderr).toMatch(/\tINFO\t/);
    expect(r.stderr).toMatch(/^END RequestId: /m);
    expect(r.stderr).toMatch(/^REPORT RequestId: .*\tInit Duration: [\d.]+ ms/m);
  });

  it('prints one JSON record with --json, and exits 1 for a function error', async () => {
    const r = await runCli(['invoke', 'ThrowFunction', '--workspace', EXAMPLES, '--json'], { input: '{"orderId":"A-7"}' });
    expect(r.code).toBe(1);
    const record = JSON.parse(r.stdout) as InvocationRecord;
    expect(record.status).toBe('error');
    expect(record.error?.errorType).toBe('OrderNotFoundError');
    expect(record.coldStart).toBe(true);
    expect(record.functionName).toBe('ThrowFunction');
    for (const key of ['requestId', 'durationMs', 'billedDurationMs', 'initDurationMs', 'memorySizeMb', 'maxMemoryUsedMb', 'logs'] as const) {
      expect(record).toHaveProperty(key);
    }
    expect(record.logs.some((l) => l.startsWith('REPORT RequestId: '))).toBe(true);
  });

  it('reads the event from standard input with --event -', async () => {
    const r = await runCli(['invoke', 'HelloFunction', '-w', EXAMPLES, '--event', '-', '--json'], { input: '{"name":"stdin"}' });
    expect(r.code).toBe(0);
    const record = JSON.parse(r.stdout) as InvocationRecord;
    expect(record.response).toEqual({ statusCode: 200, body: JSON.stringify({ message: 'Hello, stdin!' }) });
  });

  it('reports a timeout with status timeout and exit code 1', async () => {
    const r = await runCli(['invoke', 'SlowFunction', '-w', EXAMPLES, '--json']);
    expect(r.code).toBe(1);
    const record = JSON.parse(r.stdout) as InvocationRecord;
    expect(record.status).toBe('timeout');
    expect(record.error?.errorType).toBe('Sandbox.Timedout');
  });

  it('explains a bad event, an unknown function and a missing template', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'faaslab-cli-'));
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{"name": ');
    const r1 = await runCli(['invoke', 'HelloFunction', '-w', EXAMPLES, '--event', bad]);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toContain(`the event ${bad} is not valid JSON`);

    const r2 = await runCli(['invoke', 'NoSuchFunction', '-w', EXAMPLES]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain("no function 'NoSuchFunction'");
    expect(r2.stderr).toContain('HelloFunction');

    const r3 = await runCli(['invoke', 'HelloFunction', '-w', dir]);
    expect(r3.code).toBe(1);
    expect(r3.stderr).toContain('template.yaml');
    expect(r3.stderr).toContain(dir);
  });

  it('names the file and line of a malformed template', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'faaslab-cli-'));
    writeFileSync(path.join(dir, 'template.yaml'), 'Resources:\n  Hello:\n    Type: AWS::Serverless::Function\n    Properties: [unclosed\n');
    const r = await runCli(['invoke', 'Hello', '-w', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/template\.yaml:\d+:\d+: /);
  });
});
