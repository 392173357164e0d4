/**
 * The peers installer, with real npm: a peer that cannot be installed is recorded with npm's
 * error and the next group is still installed; a folder holding the right versions is reused.
 * It asks the npm registry, so it runs in `npm run bench:test`, not in `npm test`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { installPeers, type PeerGroup } from '../../bench/peers/install.js';
import { makeTempDir, removeTempDir, writeFiles } from '../helpers/functions.js';

const root = makeTempDir();
afterAll(() => removeTempDir(root));

describe('installPeers', () => {
  // A local package stands in for a real peer: installing it needs no network.
  const local = writeFiles(path.join(root, 'tiny-peer'), { 'package.json': JSON.stringify({ name: 'tiny-peer', version: '1.2.3' }), 'index.js': 'module.exports = 1;\n' });
  const groups: PeerGroup[] = [
    { peers: [{ name: 'faaslab-no-such-package-xyz', spec: 'faaslab-no-such-package-xyz@1', major: 1 }] },
    { peers: [{ name: 'needs-tools', spec: 'needs-tools@1' }], prerequisites: () => 'this machine lacks make' },
    { peers: [{ name: 'tiny-peer', spec: `file:${local}`, major: 1 }] },
  ];
  const dir = path.join(root, 'peers');

  it('records a failed install and goes on with the next group', async () => {
    const said: string[] = [];
    const status = await installPeers(dir, groups, (m) => said.push(m));
    expect(status['faaslab-no-such-package-xyz']?.version).toBeUndefined();
    expect(status['faaslab-no-such-package-xyz']?.error).toMatch(/npm install faaslab-no-such-package-xyz@1 failed[\s\S]*(404|E404|not found)/i);
    // A missing prerequisite is reported as is, without running npm.
    expect(status['needs-tools']).toEqual({ error: 'this machine lacks make' });
    expect(status['tiny-peer']).toEqual({ version: '1.2.3' });
    expect(said.some((m) => m.includes('installing tiny-peer'))).toBe(true);
    // The peers' own package.json lets the runtime interface client run its native build.
    expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).allowScripts).toEqual({ 'aws-lambda-ric': true });
    expect(existsSync(path.join(dir, 'node_modules', 'faaslab-no-such-package-xyz'))).toBe(false);
  });

  it('reuses a folder that already holds the right versions', async () => {
    const said: string[] = [];
    const status = await installPeers(dir, [groups[2]!], (m) => said.push(m));
    expect(status['tiny-peer']).toEqual({ version: '1.2.3' });
    expect(said).toEqual([]);
  });

  it('installs again when the major version differs, and says so when it still does', async () => {
    const said: string[] = [];
    const status = await installPeers(dir, [{ peers: [{ name: 'tiny-peer', spec: `file:${local}`, major: 2 }] }], (m) => said.push(m));
    expect(said.some((m) => m.includes('installing tiny-peer'))).toBe(true);
    expect(status['tiny-peer']).toEqual({ version: '1.2.3', error: 'tiny-peer 1.2.3 is installed, 2.x is wanted' });
  });
});
