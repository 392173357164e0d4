/**
 * scripts/check-system-packages.mjs: every program the tests start is on a fresh machine or in
 * .ci/system-packages (which .ci/run installs). Run on this tree, and on small trees that break it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { makeTempDir, removeTempDir, writeFiles } from '../helpers/functions.js';

const SCRIPT = path.join(ROOT, 'scripts/check-system-packages.mjs');

interface Result {
  programs: Array<{ program: string; from?: string; where: string[] }>;
  packages: Array<{ package: string; command?: string }>;
  problems: string[];
}

function check(root: string): { code: number | null; result: Result; stderr: string } {
  const r = spawnSync(process.execPath, [SCRIPT, '--root', root, '--json'], { encoding: 'utf8' });
  return { code: r.status, result: JSON.parse(r.stdout) as Result, stderr: r.stderr };
}

const temps: string[] = [];
afterAll(() => temps.forEach(removeTempDir));

/** A tree with this project's .ci files and the given sources. */
function tree(files: Record<string, string>, manifest?: string): string {
  const dir = makeTempDir();
  temps.push(dir);
  mkdirSync(path.join(dir, '.ci'));
  copyFileSync(path.join(ROOT, '.ci/run'), path.join(dir, '.ci/run'));
  if (manifest === undefined) copyFileSync(path.join(ROOT, '.ci/system-packages'), path.join(dir, '.ci/system-packages'));
  return writeFiles(dir, { ...(manifest === undefined ? {} : { '.ci/system-packages': manifest }), ...files });
}

describe('check-system-packages', () => {
  it('passes on this project: Chromium and curl come from .ci/system-packages, the rest is on a fresh machine', () => {
    const { code, result, stderr } = check(ROOT);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const from = Object.fromEntries(result.programs.map((p) => [p.program, p.from]));
    expect(from.chromium).toBe('chromium');
    expect(from.curl).toBe('curl');
    expect(from.sh).toBe('fresh machine');
    // Nothing needs the build tools of aws-lambda-ric's native addon (only bench --peers does).
    expect(Object.keys(from)).not.toContain('autoreconf');
  });

  it('names a program that nothing installs, with where it is started', () => {
    const root = tree({
      'test/jq.test.ts': "import { spawnSync } from 'node:child_process';\nspawnSync('jq', ['.']);\n",
      'test/sandbox.test.ts': 'const BOOTSTRAP = `#!/bin/sh\nset -eu\nOUT="$(bwrap --die-with-parent true)"\nexec curl -sS http://127.0.0.1/\n`;\n',
      'examples/fn/bootstrap': '#!/bin/sh\n# comment: rsync is not started here\nX=1 socat - TCP:127.0.0.1:9 | tr a b\n',
      // The project's list names bubblewrap: this tree's list does not.
      '.ci/system-packages': 'curl  curl  the bootstraps\n',
    });
    const { code, result } = check(root);
    expect(code).toBe(1);
    const missing = result.programs.filter((p) => !p.from).map((p) => [p.program, p.where]);
    expect(missing).toEqual([
      ['bwrap', ['test/sandbox.test.ts:1']],
      ['jq', ['test/jq.test.ts:2']],
      ['socat', ['examples/fn/bootstrap:3']],
    ]);
    expect(result.problems[0]).toMatch(/^bwrap is started by test\/sandbox\.test\.ts:1, but no package in \.ci\/system-packages provides it/);
    expect(result.programs.find((p) => p.program === 'curl')?.from).toBe('curl');
  });

  it('finds programs the host looks up on PATH (findProgram), and takes no arithmetic for a command', () => {
    const root = tree(
      {
        'electron/sandbox.ts': "const bwrap = findProgram('bwrap', PATH);\n",
        'test/count.test.ts': 'const S = `#!/bin/sh\nn=0\nif true; then n=$((n + 1)); fi\n`;\n',
      },
      'bubblewrap  bwrap  the sandbox\n',
    );
    const { code, result } = check(root);
    expect(result.problems).toEqual([]);
    expect(code).toBe(0);
    expect(result.programs.find((p) => p.program === 'bwrap')).toMatchObject({ from: 'bubblewrap', where: ['electron/sandbox.ts:1'] });
    expect(result.programs.map((p) => p.program)).not.toContain('n');
  });

  it('passes once the packages are listed; a listed program nothing starts is a problem too', () => {
    const files = { 'test/jq.test.ts': "import { execFileSync } from 'node:child_process';\nexecFileSync('/usr/bin/jq', ['.']);\n" };
    expect(check(tree(files, 'jq  jq  the jq test\n')).code).toBe(0);
    const extra = check(tree(files, 'jq  jq  the jq test\nsocat  socat  a relay\n'));
    expect(extra.code).toBe(1);
    expect(extra.result.problems).toEqual(['socat (socat) is listed in .ci/system-packages but nothing starts socat']);
  });

  it('fails when .ci/run does not install the list', () => {
    const root = tree({ '.ci/run': '#!/usr/bin/env bash\napt-get install -y chromium\nnpm test\n' });
    const { code, result } = check(root);
    expect(code).toBe(1);
    expect(result.problems).toContain('.ci/run does not install the packages of .ci/system-packages');
  });
});
