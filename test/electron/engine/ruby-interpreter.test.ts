/**
 * Which interpreter runs a rubyX.Y function (never a shim, a note when the version differs), and
 * where its gems and layers' libraries are looked for.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { chmodSync, copyFileSync, mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { forgetRubyInterpreters, resolveRuby } from '../../../electron/engine/runtimes/ruby/interpreter.js';
import { rubyPaths } from '../../../electron/engine/runtimes/ruby/launch.js';
import { functionConfig, makeTempDir, removeTempDir, writeFiles } from '../../helpers/functions.js';

const dir = makeTempDir();
afterAll(() => removeTempDir(dir));
afterEach(() => forgetRubyInterpreters());

/** The host's ruby, as a user's PATH finds it. */
function hostRuby(): { path: string; minor: string; version: string } {
  const found = resolveRuby('ruby3.3');
  if ('error' in found) throw new Error(found.error);
  const version = execFileSync(found.path, ['-e', 'print RUBY_VERSION'], { encoding: 'utf8' }).trim();
  return { path: found.path, version, minor: version.split('.').slice(0, 2).join('.') };
}

describe('resolveRuby', () => {
  it('takes the exact minor version from PATH (Debian names it rubyX.Y) and skips a shims folder', () => {
    const host = hostRuby();
    // A "shim" that would claim to be the version: it must never run.
    const shims = writeFiles(path.join(dir, 'rbenv', 'shims'), { [`ruby${host.minor}`]: '#!/bin/sh\necho 9.9.9\n' });
    chmodSync(path.join(shims, `ruby${host.minor}`), 0o755);
    const real = path.join(dir, 'real-bin');
    mkdirSync(real);
    symlinkSync(host.path, path.join(real, `ruby${host.minor}`));
    const found = resolveRuby(`ruby${host.minor}`, { PATH: [shims, real].join(path.delimiter), HOME: dir });
    expect(found).toEqual({ path: realpathSync(host.path), version: host.version });
  });

  it("finds the version an rbenv installed, not rbenv's shim", () => {
    const host = hostRuby();
    const home = path.join(dir, 'home-rbenv');
    const bin = path.join(home, '.rbenv', 'versions', `${host.version}`, 'bin');
    mkdirSync(bin, { recursive: true });
    // A copy, so its own path tells it from the host's.
    copyFileSync(host.path, path.join(bin, 'ruby'));
    chmodSync(path.join(bin, 'ruby'), 0o755);
    expect(resolveRuby(`ruby${host.minor}`, { PATH: path.join(home, '.rbenv', 'shims'), HOME: home })).toEqual({ path: path.join(realpathSync(bin), 'ruby'), version: host.version });
  });

  it("falls back to the host's ruby (/usr/bin/ruby when PATH has none), saying it is older or newer than the runtime", () => {
    const host = hostRuby();
    const [major, minor] = host.minor.split('.').map(Number) as [number, number];
    const older = resolveRuby(`ruby${major}.${minor + 1}`, { PATH: '', HOME: dir, FAASLAB_RUBY: host.path });
    expect((older as { note: string }).note).toBe(
      `ruby${major}.${minor + 1} runs on Ruby ${host.version} (${realpathSync(host.path)}), which is older than Lambda's: this machine has no Ruby ${major}.${minor + 1} (install it, or set FAASLAB_RUBY)`,
    );
    const newer = resolveRuby(`ruby${major}.${minor - 1}`, { PATH: '', HOME: dir, FAASLAB_RUBY: host.path });
    expect((newer as { note: string }).note).toContain('which is newer than Lambda');
    const fallback = resolveRuby(`ruby${major}.${minor + 1}`, { PATH: '', HOME: dir });
    expect(fallback).toMatchObject({ path: realpathSync('/usr/bin/ruby'), note: expect.stringContaining(`ruby${major}.${minor + 1} runs on Ruby `) });
  });

  it('FAASLAB_RUBY that does not run is an error that names it', () => {
    const bad = writeFiles(path.join(dir, 'bad'), { ruby: '#!/bin/sh\nexit 1\n' });
    chmodSync(path.join(bad, 'ruby'), 0o755);
    expect(resolveRuby('ruby3.3', { PATH: '', HOME: dir, FAASLAB_RUBY: path.join(bad, 'ruby') })).toEqual({
      error: `FAASLAB_RUBY=${path.join(bad, 'ruby')} is not a Ruby interpreter that runs`,
    });
    expect(resolveRuby('python3.12')).toEqual({ error: 'python3.12 is not a Ruby runtime' });
  });
});

describe('rubyPaths', () => {
  it("puts the function's vendored gems before its layers' (a later layer first), for the interpreter's and the runtime's Ruby", () => {
    const fn = functionConfig('Fn', '/code', 'app.handler', { runtime: 'ruby3.3', layers: ['/layers/a', '/layers/b'] });
    expect(rubyPaths(fn, '3.1.2')).toEqual({
      gemPaths: [
        '/code/vendor/bundle/ruby/3.1.0',
        '/code/vendor/bundle/ruby/3.3.0',
        '/layers/b/ruby/gems/3.1.0',
        '/layers/b/ruby/gems/3.3.0',
        '/layers/a/ruby/gems/3.1.0',
        '/layers/a/ruby/gems/3.3.0',
      ],
      rubyLib: ['/layers/b/ruby/lib', '/layers/a/ruby/lib'],
    });
    expect(rubyPaths({ ...fn, layers: undefined }, '3.3.6')).toEqual({ gemPaths: ['/code/vendor/bundle/ruby/3.3.0'], rubyLib: [] });
  });
});
