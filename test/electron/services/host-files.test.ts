import { existsSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDir } from '../../helpers/functions.js';
import { BASIC_FILES, startHost, type HostFixture } from './host-fixture.js';

describe('files.*', () => {
  let h: HostFixture;
  let outside: string;
  const fn = { logicalId: 'EnvFunction' };

  beforeAll(async () => {
    outside = mkdtempSync(path.join(os.tmpdir(), 'faaslab-outside-'));
    writeFileSync(path.join(outside, 'secret.txt'), 'secret');
    // The links are made before the host starts: made after, its watcher could end a warm environment mid-test.
    const links = (dir: string) => {
      symlinkSync(outside, path.join(dir, 'functions/env/escape'));
      symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'functions/env/secret-link.txt'));
    };
    h = await startHost(
      {
        ...BASIC_FILES,
        'functions/env/lib/util.mjs': 'export const x = 1;\n',
        'functions/env/.env': 'A=1\n',
        'functions/env/node_modules/dep/index.js': '',
        'functions/env/.git/HEAD': '',
      },
      links,
    );
  });
  afterAll(async () => {
    await h?.close();
    removeTempDir(outside);
  });

  it('list: files and folders, sorted, without dependencies and dot-folders', async () => {
    const list = await h.call('files.list', fn);
    expect(list.map((e) => `${e.kind} ${e.path}`)).toEqual(['file .env', 'dir escape', 'file index.mjs', 'dir lib', 'file lib/util.mjs', 'file secret-link.txt']);
    expect(list.find((e) => e.path === 'lib/util.mjs')!.size).toBe(20);
  });

  it('read and write: content and mtime; writing ends warm environments', async () => {
    const read = await h.call('files.read', { ...fn, path: 'lib/util.mjs' });
    expect(read.content).toBe('export const x = 1;\n');
    expect(read.mtimeMs).toBeGreaterThan(0);

    expect((await h.call('invoke.run', { ...fn, payload: '{}' })).coldStart).toBe(true);
    expect((await h.call('invoke.run', { ...fn, payload: '{}' })).coldStart).toBe(false);
    const code = "export const handler = async () => 'new code';\n";
    const mark = h.pushes.length;
    const written = await h.call('files.write', { ...fn, path: 'index.mjs', content: code });
    expect(written.mtimeMs).toBeGreaterThan(0);
    expect(h.read('functions/env/index.mjs')).toBe(code);
    // The warm environment was ended: the renderer hears of the reset.
    await h.waitForPush('environments', (s) => s.some((e) => e.logicalId === 'EnvFunction' && e.warm === 0 && e.busy === 0), 'EnvFunction reset', mark);
    const after = await h.call('invoke.run', { ...fn, payload: '{}' });
    expect(after).toMatchObject({ coldStart: true, response: 'new code' });

    await h.call('files.write', { ...fn, path: 'deep/new/file.txt', content: 'x' });
    expect(h.read('functions/env/deep/new/file.txt')).toBe('x');
    expect((await h.failure('files.read', { ...fn, path: 'missing.txt' })).code).toBe('NotFound');
    expect((await h.failure('files.write', { ...fn, path: 'lib', content: '' })).code).toBe('Conflict');
  });

  it('create, rename and delete', async () => {
    await h.call('files.create', { ...fn, path: 'a/b.txt', kind: 'file' });
    expect(h.read('functions/env/a/b.txt')).toBe('');
    await h.call('files.create', { ...fn, path: 'empty-dir', kind: 'dir' });
    expect((await h.failure('files.create', { ...fn, path: 'a/b.txt', kind: 'file' })).code).toBe('Conflict');

    await h.call('files.rename', { ...fn, path: 'a/b.txt', newPath: 'c/d.txt' });
    expect(existsSync(path.join(h.dir, 'functions/env/a/b.txt'))).toBe(false);
    expect(h.read('functions/env/c/d.txt')).toBe('');
    expect((await h.failure('files.rename', { ...fn, path: 'c/d.txt', newPath: 'index.mjs' })).code).toBe('Conflict');
    expect((await h.failure('files.rename', { ...fn, path: 'nope', newPath: 'x' })).code).toBe('NotFound');

    await h.call('files.delete', { ...fn, path: 'c' });
    expect(existsSync(path.join(h.dir, 'functions/env/c'))).toBe(false);
    expect((await h.failure('files.delete', { ...fn, path: 'c' })).code).toBe('NotFound');
  });

  it('never leaves the code folder: not with .., an absolute path, nor through a symlink', async () => {
    for (const p of ['../slow/index.mjs', '/etc/passwd', 'lib/../../slow/index.mjs', 'C:\\\\x']) {
      const err = await h.failure('files.read', { ...fn, path: p });
      expect(err).toMatchObject({ code: 'ValidationError', fields: { path: 'the path must stay inside the code folder' } });
    }
    for (const p of ['escape/secret.txt', 'secret-link.txt']) {
      const err = await h.failure('files.read', { ...fn, path: p });
      expect(err.message).toMatch(/outside the function's code folder/);
    }
    expect((await h.failure('files.write', { ...fn, path: 'escape/new.txt', content: 'x' })).code).toBe('ValidationError');
    expect(existsSync(path.join(outside, 'new.txt'))).toBe(false);
    expect((await h.failure('files.delete', { ...fn, path: 'escape/secret.txt' })).code).toBe('ValidationError');
    expect((await h.failure('files.delete', { ...fn, path: '.' })).code).toBe('ValidationError');
  });
});
