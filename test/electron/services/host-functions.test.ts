import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kebabCase } from '../../../electron/services/function-scaffold.js';
import { lineDiff } from './line-diff.js';
import { startHost, type HostFixture } from './host-fixture.js';

describe('functions.*', () => {
  let h: HostFixture;
  beforeAll(async () => {
    h = await startHost();
  });
  afterAll(() => h?.close());

  it('create nodejs: a resource added in place and a handler that runs', async () => {
    const before = h.read('template.yaml');
    const summary = await h.call('functions.create', { logicalId: 'OrderApiFunction', template: 'nodejs' });
    expect(summary).toMatchObject({ logicalId: 'OrderApiFunction', runtime: 'nodejs20.x', handler: 'index.handler', codeDir: path.join(h.dir, 'functions/order-api-function'), problems: [] });
    // Resources is the template's last section: the new resource follows it, after a blank line.
    expect(h.read('template.yaml')).toBe(
      `${before}\n  OrderApiFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: functions/order-api-function/\n      Handler: index.handler\n      Runtime: nodejs20.x\n`,
    );
    expect(h.read('functions/order-api-function/index.mjs')).toContain('export const handler = async (event, context)');
    const run = await h.call('invoke.run', { logicalId: 'OrderApiFunction', payload: '{}' });
    expect(run).toMatchObject({ status: 'success', response: { message: 'Hello, world, from OrderApiFunction!' } });
    expect(run.logs.some((l) => l.includes('event {}'))).toBe(true);
    await h.waitForPush('workspace', (ws) => ws.functions.some((f) => f.logicalId === 'OrderApiFunction'));
  });

  it('create provided-shell: an executable sh bootstrap that speaks the Runtime API', async () => {
    const summary = await h.call('functions.create', { logicalId: 'ShellFunction', template: 'provided-shell' });
    expect(summary).toMatchObject({ runtime: 'provided.al2023', handler: 'function.handler', problems: [] });
    const bootstrap = path.join(h.dir, 'functions/shell-function/bootstrap');
    expect(statSync(bootstrap).mode & 0o111).not.toBe(0);
    const run = await h.call('invoke.run', { logicalId: 'ShellFunction', payload: '{"n":1}' });
    expect(run).toMatchObject({ status: 'success', response: { message: 'Hello from sh', event: { n: 1 } } });
  });

  it('create: an existing id or code folder is a Conflict, and nothing is written', async () => {
    const before = h.read('template.yaml');
    expect((await h.failure('functions.create', { logicalId: 'EnvFunction', template: 'nodejs' })).code).toBe('Conflict');
    expect((await h.failure('functions.create', { logicalId: 'Table', template: 'nodejs' })).code).toBe('Conflict');
    mkdirSync(path.join(h.dir, 'functions/taken-function'), { recursive: true });
    expect((await h.failure('functions.create', { logicalId: 'TakenFunction', template: 'nodejs' })).code).toBe('Conflict');
    expect(h.read('template.yaml')).toBe(before);
    expect(existsSync(path.join(h.dir, 'functions/table'))).toBe(false);
  });

  it('rename: the resource key only', async () => {
    const before = h.read('template.yaml');
    const summary = await h.call('functions.rename', { logicalId: 'SlowFunction', newLogicalId: 'WaitFunction' });
    expect(summary.logicalId).toBe('WaitFunction');
    expect(lineDiff(before, h.read('template.yaml'))).toEqual({ removed: ['  SlowFunction:'], added: ['  WaitFunction:'] });
    expect((await h.failure('functions.rename', { logicalId: 'WaitFunction', newLogicalId: 'EnvFunction' })).code).toBe('Conflict');
    expect((await h.failure('functions.rename', { logicalId: 'Nobody', newLogicalId: 'Somebody' })).code).toBe('NotFound');
  });

  it('delete: the resource with its comment; the code only when asked', async () => {
    const before = h.read('template.yaml');
    await h.call('functions.delete', { logicalId: 'WaitFunction', deleteCode: false });
    const removed = lineDiff(before, h.read('template.yaml')).removed;
    expect(removed).toEqual([
      '  # Waits event.ms milliseconds.',
      '  WaitFunction:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      CodeUri: functions/slow/',
      '      Handler: index.handler',
      '      Timeout: 30',
      '',
    ]);
    expect(existsSync(path.join(h.dir, 'functions/slow/index.mjs'))).toBe(true);

    await h.call('functions.delete', { logicalId: 'OrderApiFunction', deleteCode: true });
    expect(existsSync(path.join(h.dir, 'functions/order-api-function'))).toBe(false);
    expect((await h.call('workspace.current')).functions.map((f) => f.logicalId)).toEqual(['EnvFunction', 'ShellFunction']);
    expect((await h.failure('invoke.run', { logicalId: 'OrderApiFunction', payload: '{}' })).code).toBe('NotFound');
  });

  it('kebab-cases logical ids for folder names', () => {
    expect(kebabCase('HelloWorldFunction')).toBe('hello-world-function');
    expect(kebabCase('APIHandler')).toBe('api-handler');
    expect(kebabCase('S3Upload2Function')).toBe('s3-upload2-function');
  });
  it('create python: app.py with a logging handler that runs on the Python runtime', async () => {
    const summary = await h.call('functions.create', { logicalId: 'PyFunction', template: 'python' });
    expect(summary).toMatchObject({ runtime: 'python3.12', handler: 'app.handler', problems: [] });
    expect(h.read('functions/py-function/app.py')).toContain('def handler(event, context):');
    const run = await h.call('invoke.run', { logicalId: 'PyFunction', payload: '{"name":"py"}' });
    expect(run).toMatchObject({ status: 'success', response: { message: 'Hello, py, from PyFunction!' } });
    expect(run.logs.some((l) => /^\[INFO\]\t.*\tevent \{"name": "py"\}$/.test(l))).toBe(true);
  });
});
