import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from '../../../electron/services/create-host.js';
import { RecentWorkspaces } from '../../../electron/services/recent-workspaces.js';
import { makeTempDir, removeTempDir, writeFiles } from '../../helpers/functions.js';
import { BASIC_FILES, startHost, type HostFixture } from './host-fixture.js';

describe('workspace.*', () => {
  let h: HostFixture;
  const extra: string[] = [];
  const scratch = () => {
    const d = makeTempDir();
    extra.push(d);
    return d;
  };

  beforeAll(async () => {
    h = await startHost({
      ...BASIC_FILES,
      'template.yaml': BASIC_FILES['template.yaml']!.replace(
        'Resources:\n',
        'Resources:\n  BrokenFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: functions/missing/\n      Handler: index.handler\n\n',
      ),
    });
  });
  afterAll(async () => {
    await h?.close();
    extra.forEach(removeTempDir);
  });

  it('current: the functions with their problems', async () => {
    const info = await h.call('workspace.current');
    expect(info.dir).toBe(h.dir);
    expect(info.templatePath).toBe(path.join(h.dir, 'template.yaml'));
    expect(info.functions.map((f) => f.logicalId)).toEqual(['BrokenFunction', 'EnvFunction', 'SlowFunction']);
    const env = info.functions.find((f) => f.logicalId === 'EnvFunction')!;
    expect(env).toMatchObject({
      functionName: 'EnvFunction',
      runtime: 'nodejs20.x',
      handler: 'index.handler',
      memorySizeMb: 256,
      timeoutSeconds: 3,
      codeDir: path.join(h.dir, 'functions/env'),
      problems: [],
    });
    const broken = info.functions.find((f) => f.logicalId === 'BrokenFunction')!;
    expect(broken.problems[0]).toMatch(/CodeUri folder "functions\/missing\/" does not exist \(.*\) \(template line \d+\)/);
    const codeUriLine = h.read('template.yaml').split('\n').indexOf('      CodeUri: functions/missing/') + 1;
    expect(info.problems).toContainEqual({ logicalId: 'BrokenFunction', severity: 'error', message: expect.stringMatching(/does not exist/), line: codeUriLine });
  });

  it('rejects bad input and unknown methods with a code the renderer can act on', async () => {
    const bad = await h.failure('files.list', { logicalId: 'not-valid!' });
    expect(bad.code).toBe('ValidationError');
    expect(bad.fields).toEqual({ logicalId: 'a logical id has letters and digits only' });
    expect((await h.failure('nope.nothing' as 'workspace.current')).code).toBe('NotFound');
    expect((await h.failure('files.list', { logicalId: 'Nobody' })).message).toMatch(/Nobody is not a function of template.yaml/);
  });

  it('recent: the opened folder, kept in the state folder', async () => {
    expect(await h.call('workspace.recent')).toEqual([h.dir]);
    expect(JSON.parse(readFileSync(path.join(h.stateDir, 'recent-workspaces.json'), 'utf8'))).toEqual([h.dir]);
  });

  it('open: a missing folder or template is NotFound, a broken template names file and line', async () => {
    const missing = await h.failure('workspace.open', { dir: path.join(h.dir, 'no-such-folder') });
    expect(missing).toMatchObject({ code: 'NotFound', message: expect.stringMatching(/does not exist/) });
    const empty = scratch();
    expect((await h.failure('workspace.open', { dir: empty })).message).toMatch(/no template found in .* \(looked for template.yaml/);
    const broken = writeFiles(scratch(), { 'template.yaml': 'Resources:\n  A: [unclosed\n' });
    const err = await h.failure('workspace.open', { dir: broken });
    expect(err.code).toBe('ValidationError');
    expect(err.message).toMatch(/^template\.yaml:\d+:\d+: /);
    expect((await h.call('workspace.current')).dir).toBe(h.dir); // still the old one
  });

  it('create: hello-nodejs makes a workspace that runs, opens it, and refuses a non-empty folder', async () => {
    const target = path.join(scratch(), 'my-app');
    const info = await h.call('workspace.create', { dir: target, template: 'hello-nodejs' });
    expect(info.dir).toBe(target);
    expect(info.functions.map((f) => [f.logicalId, f.problems])).toEqual([['HelloFunction', []]]);
    expect(readFileSync(path.join(target, '.gitignore'), 'utf8')).toContain('.faaslab/');
    expect(statSync(path.join(target, 'events')).isDirectory()).toBe(true);
    expect(existsSync(path.join(target, 'functions/hello/index.mjs'))).toBe(true);
    expect(h.host.workspaceDir).toBe(target);
    const run = await h.call('invoke.run', { logicalId: 'HelloFunction', payload: '{"name":"Ada"}' });
    expect(run.response).toEqual({ message: 'Hello, Ada, from HelloFunction!' });
    expect((await h.call('workspace.recent'))[0]).toBe(target);

    const conflict = await h.failure('workspace.create', { dir: target, template: 'empty' });
    expect(conflict.code).toBe('Conflict');
  });

  it('create: an empty workspace takes a first function', async () => {
    const target = scratch();
    const info = await h.call('workspace.create', { dir: target, template: 'empty' });
    expect(info.functions).toEqual([]);
    await h.call('functions.create', { logicalId: 'FirstFunction', template: 'nodejs' });
    expect(readFileSync(path.join(target, 'template.yaml'), 'utf8')).toMatch(/Resources:\n {2}FirstFunction:\n {4}Type: AWS::Serverless::Function\n/);
    expect((await h.call('invoke.run', { logicalId: 'FirstFunction', payload: '{}' })).status).toBe('success');
  });

  it('open: switches back to another workspace with a new engine', async () => {
    const before = h.host.engine;
    const info = await h.call('workspace.open', { dir: h.dir });
    expect(info.dir).toBe(h.dir);
    expect(h.host.engine).not.toBe(before);
    expect((await h.call('invoke.run', { logicalId: 'EnvFunction', payload: '{}' })).status).toBe('success');
  });
});

describe('createHost', () => {
  it('fails with a HostError when the folder has no template', async () => {
    const dir = makeTempDir();
    const stateDir = makeTempDir();
    await expect(createHost({ workspaceDir: dir, stateDir })).rejects.toMatchObject({ code: 'NotFound', message: expect.stringMatching(/no template found/) });
    removeTempDir(dir);
    removeTempDir(stateDir);
  });
});

describe('RecentWorkspaces', () => {
  it('keeps ten, most recent first, without duplicates', async () => {
    const stateDir = mkdtempSync(path.join(os.tmpdir(), 'faaslab-state-'));
    const recent = new RecentWorkspaces(path.join(stateDir, 'nested'));
    for (let i = 0; i < 12; i++) await recent.add(`/w/${i}`);
    await recent.add('/w/5');
    const list = await recent.list();
    expect(list).toHaveLength(10);
    expect(list.slice(0, 3)).toEqual(['/w/5', '/w/11', '/w/10']);
    expect(new Set(list).size).toBe(10);
    removeTempDir(stateDir);
  });
});
