/**
 * The functions the peers bench runs, in faaslab itself: the workspace loads cleanly, the hello
 * function answers the body every HTTP target must answer, through the engine and through
 * `faaslab serve` started as the bench starts it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { accessSync, constants, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Engine } from '../../electron/engine/engine.js';
import { loadWorkspace } from '../../electron/workspace/read/template-loader.js';
import { engineEnvironmentsMemory, startFaaslabServe } from '../../bench/faaslab.js';
import { HELLO_BODY, writeFixtures, type Fixtures } from '../../bench/peers/fixtures.js';
import { makeTempDir, removeTempDir } from '../helpers/functions.js';

const peersDir = makeTempDir();
const made: Fixtures[] = [];
afterAll(() => {
  for (const f of made) rmSync(f.root, { recursive: true, force: true });
  removeTempDir(peersDir);
});

describe('peers bench fixtures', () => {
  it('a workspace that loads cleanly; hello answers the hello body; 3 concurrent sleeps make 3 environments', async () => {
    const fx = writeFixtures(peersDir, false);
    made.push(fx);
    const ws = await loadWorkspace(fx.faaslabDir);
    expect(ws.problems).toEqual([]);
    expect(ws.functions.map((f) => f.logicalId).sort()).toEqual(['HelloFunction', 'SleepFunction']);
    const engine = new Engine({ functions: ws.functions });
    try {
      const r = await engine.invoke('HelloFunction', { payload: '{}' });
      expect(JSON.parse(r.payload.toString())).toEqual({ statusCode: 200, body: HELLO_BODY });
      const mem = await engineEnvironmentsMemory(engine, 'SleepFunction', 3);
      expect(mem.environments).toBe(3);
      if (process.platform === 'linux') expect(mem.processes).toBe(3);
    } finally {
      await engine.close();
    }
  });

  it('with the runtime interface client: a provided.al2023 function whose bootstrap runs this node', async () => {
    const fx = writeFixtures(peersDir, true);
    made.push(fx);
    const ws = await loadWorkspace(fx.faaslabDir);
    const ric = ws.functions.find((f) => f.logicalId === 'RicFunction');
    expect(ric?.runtime).toBe('provided.al2023');
    const bootstrap = path.join(ric!.codeDir, 'bootstrap');
    accessSync(bootstrap, constants.X_OK);
    expect(readFileSync(bootstrap, 'utf8')).toContain(`exec '${process.execPath}' '${path.join(peersDir, 'node_modules', 'aws-lambda-ric', 'index.mjs')}' index.handler`);
  });

  it('faaslab serve, started as the bench starts it, answers GET /hello with the hello body', async () => {
    const fx = writeFixtures(peersDir, false);
    made.push(fx);
    const serve = await startFaaslabServe(fx.faaslabDir, fx.stateDir);
    try {
      const res = await fetch(`${serve.httpUrl}/hello`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(HELLO_BODY);
    } finally {
      await serve.stop();
    }
  });
});
