import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bwrapArgs, outermost } from '../../../electron/engine/sandbox/bubblewrap.js';
import { cgroupCandidates } from '../../../electron/engine/sandbox/process-limit.js';
import { sandboxSupport } from '../../../electron/engine/sandbox/sandbox-support.js';
import { makeTempDir, removeTempDir } from '../../helpers/functions.js';

const temps: string[] = [];
afterAll(() => temps.forEach(removeTempDir));

/** A folder holding one program named `name` that prints `said` and exits with `status`. */
function fakeProgram(name: string, said: string, status: number): string {
  const dir = makeTempDir();
  temps.push(dir);
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\ncase "$1" in --version) echo "bubblewrap 9.9.9";; *) echo "${said}" >&2; exit ${status};; esac\n`);
  chmodSync(file, 0o755);
  return dir;
}

describe('sandbox support', () => {
  it('says why not: turned off, bwrap missing, or a kernel that refuses the namespaces (with what bwrap said)', () => {
    expect(sandboxSupport({ mode: 'off' })).toEqual({ kind: 'none', reason: 'the sandbox is turned off (FAASLAB_SANDBOX=off)' });
    expect(sandboxSupport({}, { FAASLAB_SANDBOX: 'off', PATH: '/usr/bin' })).toMatchObject({ kind: 'none', reason: expect.stringContaining('FAASLAB_SANDBOX=off') });
    const empty = makeTempDir();
    temps.push(empty);
    expect(sandboxSupport({ searchPath: empty })).toMatchObject({ kind: 'none', reason: expect.stringContaining('bubblewrap is not installed: install it with `sudo apt-get install -y bubblewrap`') });
    const refusing = fakeProgram('bwrap', 'bwrap: setting up uid map: Permission denied', 1);
    expect(sandboxSupport({ searchPath: refusing })).toMatchObject({
      kind: 'none',
      reason: expect.stringContaining('bubblewrap cannot make a sandbox here (bwrap: setting up uid map: Permission denied)'),
    });
  });

  it('a working bwrap gives the sandbox, its version and the process limit it can apply', () => {
    const working = fakeProgram('bwrap', '', 0);
    const s = sandboxSupport({ searchPath: working });
    expect(s).toMatchObject({ kind: 'bubblewrap', bwrap: path.join(working, 'bwrap'), version: '9.9.9' });
  });
});

describe('the bwrap command line', () => {
  const args = bwrapArgs({ readOnly: ['/tmp/ws/functions/a', '/home/me/.nvm/versions/node/v20'], tmpBytes: 512 * 1024 * 1024 });
  const at = (flag: string, value?: string) => args.findIndex((a, i) => a === flag && (value === undefined || args[i + 1] === value || args[i + 2] === value));

  it("new namespaces but the network, no capabilities, dies with faaslab, runs as Lambda's user", () => {
    for (const flag of ['--unshare-user', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--die-with-parent', '--disable-userns']) expect(args).toContain(flag);
    expect(args).not.toContain('--unshare-net');
    expect(args.slice(at('--cap-drop'), at('--cap-drop') + 2)).toEqual(['--cap-drop', 'ALL']);
    expect(args.slice(at('--uid'), at('--uid') + 2)).toEqual(['--uid', '993']);
  });

  it("/tmp is a tmpfs of EphemeralStorage's size, made before the code under it is bound; the root is read-only", () => {
    const tmp = at('--tmpfs', '/tmp');
    expect(args.slice(tmp - 4, tmp + 2)).toEqual(['--size', String(512 * 1024 * 1024), '--perms', '1777', '--tmpfs', '/tmp']);
    expect(at('--ro-bind-try', '/tmp/ws/functions/a')).toBeGreaterThan(tmp);
    expect(at('--remount-ro', '/')).toBeGreaterThan(at('--ro-bind-try', '/tmp/ws/functions/a'));
  });

  it('binds no home folder and no workspace beyond what it is given', () => {
    const bound = args.flatMap((a, i) => (a.startsWith('--ro-bind') ? [args[i + 2]] : []));
    expect(bound.filter((p) => p?.startsWith('/home') || p?.startsWith('/root'))).toEqual(['/home/me/.nvm/versions/node/v20']);
    expect(bound.filter((p) => p?.startsWith('/tmp'))).toEqual(['/tmp/ws/functions/a']);
    expect(bound).toContain('/etc/passwd');
  });

  it('outermost: sorted, nested and system folders left out', () => {
    expect(outermost(['/b/c', '/a', '/a/x', '/usr/lib/node', '/b/c/d', '/a'])).toEqual(['/a', '/b/c']);
  });
});

describe('the pids cgroup', () => {
  it('finds it for cgroup v1 and v2, relative to a cgroup namespace', () => {
    const mountinfo = [
      '30 25 0:26 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids',
      '31 25 0:27 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory',
      '40 25 0:30 /user.slice /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw',
    ].join('\n');
    const own = ['8:pids:/docker/abc', '4:memory:/docker/abc', '0::/user.slice/app.scope'].join('\n');
    expect(cgroupCandidates(own, mountinfo)).toEqual(['/sys/fs/cgroup/pids/docker/abc', '/sys/fs/cgroup/unified/app.scope']);
  });
});
