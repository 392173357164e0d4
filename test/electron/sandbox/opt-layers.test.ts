/**
 * Lambda extracts a function's layers into /opt, a later layer's file replacing an earlier one's:
 * in the sandbox a function finds them there by their literal paths.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { functionConfig, makeTempDir, payloadJson, removeTempDir, writeFiles } from '../../helpers/functions.js';

const READ_OPT = `const fs = require('node:fs');
const read = (p) => { try { return fs.readFileSync(p, 'utf8'); } catch (err) { return err.code; } };
exports.handler = async (event) => Object.fromEntries(event.paths.map((p) => [p, read(p)]));
`;

describe('layers at /opt in the sandbox', { timeout: 60_000 }, () => {
  let dir: string;
  let engine: Engine;
  beforeAll(() => {
    dir = writeFiles(makeTempDir(), {
      'fn/index.js': READ_OPT,
      'base/nodejs/node_modules/a/index.js': 'a',
      'base/bin/tool': 'base tool',
      'base/shared.txt': 'from base',
      'extra/nodejs/node_modules/b/index.js': 'b',
      'extra/shared.txt': 'from extra',
      'only/config.json': '{"one":true}',
    });
    const layer = (name: string) => path.join(dir, name);
    engine = new Engine({
      functions: [
        functionConfig('Two', path.join(dir, 'fn'), 'index.handler', { layers: [layer('base'), layer('extra')] }),
        functionConfig('One', path.join(dir, 'fn'), 'index.handler', { layers: [layer('only')] }),
        functionConfig('None', path.join(dir, 'fn'), 'index.handler'),
      ],
    });
  });
  afterAll(async () => {
    await engine?.close();
    removeTempDir(dir);
  });

  it('merges several layers in order, the later one winning; one layer is /opt itself; none, no /opt', async () => {
    expect(engine.sandbox.kind).toBe('bubblewrap');
    const paths = ['/opt/nodejs/node_modules/a/index.js', '/opt/nodejs/node_modules/b/index.js', '/opt/bin/tool', '/opt/shared.txt', '/opt/config.json'];
    const read = async (fn: string) => payloadJson((await engine.invoke(fn, { payload: JSON.stringify({ paths }) })).payload) as Record<string, string>;
    expect(await read('Two')).toEqual({
      '/opt/nodejs/node_modules/a/index.js': 'a',
      '/opt/nodejs/node_modules/b/index.js': 'b',
      '/opt/bin/tool': 'base tool',
      '/opt/shared.txt': 'from extra',
      '/opt/config.json': 'ENOENT',
    });
    expect((await read('One'))['/opt/config.json']).toBe('{"one":true}');
    expect(Object.values(await read('None'))).toEqual(['ENOENT', 'ENOENT', 'ENOENT', 'ENOENT', 'ENOENT']);
  });
});
