import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDir, writeFiles } from '../../helpers/functions.js';
import { runCli } from '../../helpers/cli.js';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    Timeout: 3
Resources:
  HelloFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/hello/
      Handler: index.handler
  OrderFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/order/
      Handler: index.handler
`;
const HELLO = `export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ message: 'Hello ' + event.name }) });\n`;
const ORDER = `export const handler = async (event) => {
  if (event.orderId === 'missing') { const e = new Error('no order ' + event.orderId); e.name = 'OrderNotFoundError'; throw e; }
  return { orderId: event.orderId, items: [{ sku: 'A', qty: 1 }], total: 10 };
};\n`;

const dirs: string[] = [];
function workspace(files: Record<string, string>): string {
  const dir = writeFiles(mkdtempSync(path.join(os.tmpdir(), 'faaslab-test-cmd-')), { 'template.yaml': TEMPLATE, 'functions/hello/index.mjs': HELLO, 'functions/order/index.mjs': ORDER, ...files });
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach(removeTempDir));

const PASSING = {
  'events/hello.json': '{"name":"faaslab"}',
  'events/hello.expect.json': JSON.stringify({ function: 'HelloFunction', response: { statusCode: 200, body: '{"message":"Hello faaslab"}' } }),
  'events/order.json': '{"orderId":"A-1"}',
  'events/order.expect.json': JSON.stringify({ function: 'OrderFunction', responseContains: { orderId: 'A-1', items: [{ sku: 'A' }] } }),
  'events/missing.json': '{"orderId":"missing"}',
  'events/missing.expect.json': JSON.stringify({ function: 'OrderFunction', errorType: 'OrderNotFoundError' }),
  'events/plain.json': '{}',
};

describe('faaslab test', () => {
  it('has --help and rejects stray arguments', async () => {
    const help = await runCli(['test', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: faaslab test');
    expect((await runCli(['test', 'extra'])).code).toBe(2);
  });

  it('says there are no tests and exits 0', async () => {
    const dir = workspace({ 'events/plain.json': '{}' });
    const r = await runCli(['test', '--workspace', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no tests: add an expectation to a saved event (events/<name>.expect.json)');
  });

  it('passes a passing suite, writes JUnit, and fails once the function changes', async () => {
    const dir = workspace(PASSING);
    const junit = path.join(dir, 'report.xml');
    const r = await runCli(['test', '--workspace', dir, '--junit', junit]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('3 passed, 0 failed');
    expect(lines.filter((l) => l.startsWith('✓'))).toHaveLength(3);
    expect(r.stdout).toMatch(/✓ hello -> HelloFunction \(\d+ ms\)/);
    expect(r.stdout).not.toContain('plain');
    const xml = readFileSync(junit, 'utf8');
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml).not.toContain('<failure');

    // Change the function: the test that passed now fails, with the difference.
    writeFiles(dir, { 'functions/hello/index.mjs': HELLO.replace("'Hello '", "'Hi '") });
    const after = await runCli(['test', '--workspace', dir, '--junit', junit]);
    expect(after.code).toBe(1);
    expect(after.stdout).toMatch(/✗ hello -> HelloFunction \(\d+ ms\)\n {4}response\.body: expected "\{\\"message\\":\\"Hello faaslab\\"\}" but got "\{\\"message\\":\\"Hi faaslab\\"\}"/);
    expect(after.stdout.trimEnd().split('\n').at(-1)).toBe('2 passed, 1 failed');
    const failedXml = readFileSync(junit, 'utf8');
    expect(failedXml.match(/<testcase /g)).toHaveLength(3);
    expect(failedXml.match(/<failure /g)).toHaveLength(1);
    expect(failedXml).toContain('&quot;');

    // --function: only that function's tests; --json: one object.
    const order = await runCli(['test', '--workspace', dir, '--function', 'OrderFunction', '--json']);
    expect(order.code).toBe(0);
    const json = JSON.parse(order.stdout) as { results: Array<{ event: string; pass: boolean }>; passed: number; failed: number };
    expect(json).toMatchObject({ passed: 2, failed: 0 });
    expect(json.results.map((x) => x.event)).toEqual(['missing', 'order']);
    expect((await runCli(['test', '--workspace', dir, '--function', 'Nope'])).code).toBe(1);
  });

  it('fails a failing suite: wrong status, invalid expectation, no function named', async () => {
    const dir = workspace({
      'events/a.json': '{"orderId":"missing"}',
      'events/a.expect.json': JSON.stringify({ function: 'OrderFunction', status: 'success' }),
      'events/b.json': '{}',
      'events/b.expect.json': '{"status":"great"}',
      'events/c.json': '{}',
      'events/c.expect.json': '{}',
    });
    const junit = path.join(dir, 'junit.xml');
    const r = await runCli(['test', '--workspace', dir, '--junit', junit]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ a -> OrderFunction');
    expect(r.stdout).toContain('    status: expected success but got error (OrderNotFoundError: no order missing)');
    expect(r.stdout).toContain('invalid expectation');
    expect(r.stdout).toContain('no function: set "function"');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('0 passed, 3 failed');
    const xml = readFileSync(junit, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml.match(/<failure /g)).toHaveLength(3);
    expect(xml).toMatch(/<testsuites name="faaslab" tests="3" failures="3"/);
  });
});
