/**
 * Sandboxed spares are per function, so none waits at open; the workbench asks for one when it
 * shows a function, and that function's first invocation then takes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { functionConfig, makeTempDir, removeTempDir, writeFiles } from '../../helpers/functions.js';

describe('prewarm', { timeout: 60_000 }, () => {
  let dir: string;
  let engine: Engine;
  beforeAll(() => {
    dir = writeFiles(makeTempDir(), {
      'plain/index.js': "exports.handler = async () => 'plain';\n",
      'py/app.py': 'def handler(event, context):\n    return "py"\n',
      'deps/package.json': '{"dependencies":{"left-pad":"1.3.0"}}\n',
      'deps/index.js': "exports.handler = async () => require('left-pad')('x', 3);\n",
    });
    engine = new Engine({
      functions: [
        functionConfig('Plain', `${dir}/plain`, 'index.handler'),
        functionConfig('Py', `${dir}/py`, 'app.handler', { runtime: 'python3.12' }),
        functionConfig('Deps', `${dir}/deps`, 'index.handler'),
      ],
    });
  });
  afterAll(async () => {
    await engine?.close();
    removeTempDir(dir);
  });

  it("starts a function's sandboxed spare, which its first invocation takes", async () => {
    expect(engine.sandbox.kind).toBe('bubblewrap');
    expect(engine.sparePids()).toEqual([]);
    expect(engine.prewarm('Plain')).toBe(true);
    expect(engine.prewarm('Py')).toBe(true);
    await engine.sparesReady();
    const waiting = engine.sparePids();
    expect(waiting).toHaveLength(2);
    for (const fn of ['Plain', 'Py']) {
      const { record } = await engine.invoke(fn);
      expect(record).toMatchObject({ status: 'success', coldStart: true });
      expect(waiting).toContain(engine.environments(fn)[0]!.pid);
    }
  });

  it('does nothing for code that needs an install first, an unknown function, or without the sandbox', async () => {
    expect(engine.prewarm('Deps')).toBe(false);
    expect(engine.prewarm('Nope')).toBe(false);
    const plain = new Engine({ functions: [functionConfig('Plain', `${dir}/plain`, 'index.handler')], sandbox: 'off' });
    try {
      expect(plain.prewarm('Plain')).toBe(false);
    } finally {
      await plain.close();
    }
  });
});
