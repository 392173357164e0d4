import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../../helpers/functions.js';
import { startHost, type HostFixture } from './host-fixture.js';

describe('watching the workspace', () => {
  let h: HostFixture;
  beforeAll(async () => {
    h = await startHost();
  });
  afterAll(() => h?.close());

  it('a code file edited on disk: a file push, and the next invocation runs the new code cold', async () => {
    expect((await h.call('invoke.run', { logicalId: 'EnvFunction', payload: '{}' })).coldStart).toBe(true);
    h.write({ 'functions/env/index.mjs': "export const handler = async () => 'edited on disk';\n" });
    const pushed = await h.waitForPush('file', (f) => f.path === 'index.mjs');
    expect(pushed).toEqual({ logicalId: 'EnvFunction', path: 'index.mjs' });
    expect(await h.call('invoke.run', { logicalId: 'EnvFunction', payload: '{}' })).toMatchObject({ coldStart: true, response: 'edited on disk' });

    h.write({ 'functions/env/lib/new-folder/helper.mjs': 'export {};\n' });
    await h.waitForPush('file', (f) => f.path === 'lib/new-folder/helper.mjs' || f.path === 'lib', 'a file in a new folder');
  });

  it('changes in node_modules are not reported', async () => {
    const count = () => h.pushes.filter((p) => p.event === 'file').length;
    const before = count();
    h.write({ 'functions/env/node_modules/dep/index.js': 'module.exports = 1;\n' });
    await sleep(400);
    expect(count()).toBe(before);
  });

  it('our own files.write is not echoed back as a change on disk', async () => {
    const before = h.pushes.length;
    await h.call('files.write', { logicalId: 'EnvFunction', path: 'own.txt', content: 'x' });
    await sleep(400);
    expect(h.pushes.slice(before).filter((p) => p.event === 'file')).toEqual([]);
  });

  it('template.yaml edited on disk: a workspace push and the engine runs the new configuration', async () => {
    const template = h.read('template.yaml');
    h.write({ 'template.yaml': template.replace('      MemorySize: 256\n', '      MemorySize: 768\n') });
    const ws = await h.waitForPush('workspace', (w) => w.functions.some((f) => f.logicalId === 'EnvFunction' && f.memorySizeMb === 768));
    expect(ws.problems).toEqual([]);
    expect((await h.call('invoke.run', { logicalId: 'EnvFunction', payload: '{}' })).memorySizeMb).toBe(768);
  });

  it('a template broken on disk keeps the last good one running, with the error as a problem', async () => {
    const good = h.read('template.yaml');
    h.write({ 'template.yaml': `${good}\n  Broken: [unclosed\n` });
    const ws = await h.waitForPush('workspace', (w) => w.problems.some((p) => p.severity === 'error' && /keeps the last valid template/.test(p.message)));
    expect(ws.problems[0]!.message).toMatch(/^template\.yaml:\d+:\d+: /);
    expect((await h.call('invoke.run', { logicalId: 'EnvFunction', payload: '{}' })).status).toBe('success');
    // Editing it through faaslab now would mean parsing a broken file: refused, file untouched.
    expect((await h.failure('config.update', { logicalId: 'EnvFunction', settings: { memorySizeMb: 512 } })).code).toBe('ValidationError');

    const mark = h.pushes.length;
    h.write({ 'template.yaml': good });
    await h.waitForPush('workspace', (w) => w.problems.length === 0, 'the repaired template', mark);
  });
});
