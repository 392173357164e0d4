/** Which interpreter runs a pythonX.Y function: never a pyenv shim, and a note when the version differs. */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { forgetPythonInterpreters, resolvePython } from '../../../electron/engine/runtimes/python/interpreter.js';
import { makeTempDir, removeTempDir, writeFiles } from '../../helpers/functions.js';

const dir = makeTempDir();
afterAll(() => removeTempDir(dir));
afterEach(() => forgetPythonInterpreters());

/** The host's python3, as a user's PATH finds it. */
function hostPython(): { path: string; minor: string; version: string } {
  const found = resolvePython('python3.12');
  if ('error' in found) throw new Error(found.error);
  const version = execFileSync(found.path, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'], { encoding: 'utf8' }).trim();
  return { path: found.path, version, minor: version.split('.').slice(0, 2).join('.') };
}

describe('resolvePython', () => {
  it('takes the exact minor version from PATH and skips a pyenv shims folder', () => {
    const host = hostPython();
    // A "shim" that would claim to be the version: it must never run.
    const shims = writeFiles(path.join(dir, 'pyenv', 'shims'), { [`python${host.minor}`]: '#!/bin/sh\necho 9.9.9\n' });
    chmodSync(path.join(shims, `python${host.minor}`), 0o755);
    const real = path.join(dir, 'real-bin');
    mkdirSync(real);
    symlinkSync(host.path, path.join(real, `python${host.minor}`));
    const found = resolvePython(`python${host.minor}`, { PATH: [shims, real].join(path.delimiter), HOME: dir });
    expect(found).toEqual({ path: realpathSync(host.path), version: host.version });
  });

  it('says when the interpreter is older or newer than the runtime', () => {
    const host = hostPython();
    const [major, minor] = host.minor.split('.').map(Number) as [number, number];
    const older = resolvePython(`python${major}.${minor + 1}`, { PATH: '', HOME: dir, FAASLAB_PYTHON: host.path });
    expect('error' in older).toBe(false);
    expect((older as { note: string }).note).toBe(
      `python${major}.${minor + 1} runs on Python ${host.version} (${realpathSync(host.path)}), which is older than Lambda's: this machine has no Python ${major}.${minor + 1} (install it, or set FAASLAB_PYTHON)`,
    );
    const newer = resolvePython(`python${major}.${minor - 1}`, { PATH: '', HOME: dir, FAASLAB_PYTHON: host.path });
    expect((newer as { note: string }).note).toContain('which is newer than Lambda');
  });

  it('FAASLAB_PYTHON that does not run is an error that names it', () => {
    const bad = writeFiles(path.join(dir, 'bad'), { python: '#!/bin/sh\nexit 1\n' });
    chmodSync(path.join(bad, 'python'), 0o755);
    expect(resolvePython('python3.12', { PATH: '', HOME: dir, FAASLAB_PYTHON: path.join(bad, 'python') })).toEqual({
      error: `FAASLAB_PYTHON=${path.join(bad, 'python')} is not a Python interpreter that runs`,
    });
    expect(resolvePython('ruby3.3')).toEqual({ error: 'ruby3.3 is not a Python runtime' });
  });
});
