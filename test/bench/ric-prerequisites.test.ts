/**
 * The bench installs aws-lambda-ric, whose native build needs tools a machine may lack: the
 * installer says which, and how to install them, instead of failing in the middle of the build.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { PEER_GROUPS, RIC } from '../../bench/peers/install.js';
import { makeTempDir, removeTempDir } from '../helpers/functions.js';

const empty = makeTempDir();
afterAll(() => removeTempDir(empty));

describe.runIf(process.platform === 'linux')("aws-lambda-ric's build tools", () => {
  const check = PEER_GROUPS.find((g) => g.peers.some((p) => p.name === RIC))!.prerequisites!;

  it('when missing, the error names them and the apt-get line that installs them', () => {
    const saved = process.env.PATH;
    process.env.PATH = empty; // a folder with no programs in it
    try {
      expect(check()).toMatch(
        /lacks autoreconf, automake, libtoolize, cmake\/cmake3, make, c\+\+\/g\+\+, python3: install them with `sudo apt-get install -y autoconf automake libtool cmake make g\+\+ python3`/,
      );
    } finally {
      process.env.PATH = saved;
    }
  });
});
