import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { functionConfig, makeTempDir, removeTempDir, sleep, writeFiles } from '../../helpers/functions.js';

// A background timer that ticks every 10 ms from init onwards.
const TICKER = `
  let ticks = 0;
  setInterval(() => { ticks++; }, 10);
  exports.handler = async () => ({ ticks });
`;

describe('freezing between invocations', { timeout: 20_000 }, () => {
  let dir: string;
  let engine: Engine | undefined;

  beforeAll(() => {
    dir = writeFiles(makeTempDir(), { 'index.js': TICKER });
  });

  afterEach(async () => {
    await engine?.close();
    engine = undefined;
  });

  afterAll(() => removeTempDir(dir));

  /** Ticks counted by the function while we waited 300 ms between two invocations. */
  async function ticksAcrossPause(e: Engine): Promise<number> {
    const first = await e.invoke('Ticker');
    await sleep(300);
    const second = await e.invoke('Ticker');
    expect(first.record.status).toBe('success');
    expect(second.record.status).toBe('success');
    expect(second.record.coldStart).toBe(false);
    return (second.record.response as { ticks: number }).ticks - (first.record.response as { ticks: number }).ticks;
  }

  it('stops background timers while idle (freeze on, the default)', async () => {
    engine = new Engine({ functions: [functionConfig('Ticker', dir, 'index.handler')] });
    const ticks = await ticksAcrossPause(engine);
    if (process.platform === 'win32') {
      // No SIGSTOP on Windows: freezing degrades to running on (ARCHITECTURE.md, "One invocation").
      expect(ticks).toBeGreaterThanOrEqual(10);
    } else {
      // About 30 ticks would happen in 300 ms if the environment ran; frozen, next to none do.
      expect(ticks).toBeLessThan(5);
    }
  });

  // faaslab's runtime freezes itself by blocking its one JavaScript thread when nothing else could
  // run; a worker thread or a child process would, so such functions are stopped by SIGSTOP.
  it('also freezes worker threads the function started', async () => {
    const wdir = writeFiles(makeTempDir(), {
      'index.js': `
        const { Worker } = require('node:worker_threads');
        const shared = new Int32Array(new SharedArrayBuffer(4));
        new Worker('const { workerData } = require("node:worker_threads"); setInterval(() => Atomics.add(workerData, 0, 1), 10);', { eval: true, workerData: shared });
        exports.handler = async () => ({ ticks: Atomics.load(shared, 0) });
      `,
    });
    try {
      engine = new Engine({ functions: [functionConfig('Ticker', wdir, 'index.handler')] });
      const ticks = await ticksAcrossPause(engine);
      if (process.platform !== 'win32') expect(ticks).toBeLessThan(5);
    } finally {
      removeTempDir(wdir);
    }
  });

  it('also freezes child processes the function started', async () => {
    const cdir = writeFiles(makeTempDir(), {
      'index.js': `
        const { spawn } = require('node:child_process');
        let ticks = 0;
        const child = spawn(process.execPath, ['-e', 'setInterval(() => process.stdout.write("."), 10)'], { stdio: ['ignore', 'pipe', 'ignore'] });
        child.stdout.on('data', (d) => { ticks += d.length; });
        exports.handler = async () => { await new Promise((r) => setTimeout(r, 20)); return { ticks }; };
      `,
    });
    try {
      engine = new Engine({ functions: [functionConfig('Ticker', cdir, 'index.handler')] });
      await engine.invoke('Ticker'); // the child is started by now
      const ticks = await ticksAcrossPause(engine);
      // Running on, the child would print about 30 dots in the 300 ms pause.
      if (process.platform !== 'win32') expect(ticks).toBeLessThan(10);
    } finally {
      removeTempDir(cdir);
    }
  });

  it('also freezes a background process a sync exec left behind', async () => {
    if (process.platform === 'win32') return; // no sh, and no SIGSTOP
    const sdir = writeFiles(makeTempDir(), {
      'index.js': `
        const { execSync } = require('node:child_process');
        const fs = require('node:fs');
        const path = require('node:path');
        const file = path.join(require('node:os').tmpdir(), 'ticks');
        execSync(\`sh -c 'while :; do printf . >> "\${file}"; sleep 0.01; done' >/dev/null 2>&1 &\`);
        exports.handler = async () => ({ ticks: fs.existsSync(file) ? fs.statSync(file).size : 0 });
      `,
    });
    try {
      engine = new Engine({ functions: [functionConfig('Ticker', sdir, 'index.handler')] });
      await engine.invoke('Ticker');
      // Running on, the loop would write about 30 dots in the 300 ms pause.
      expect(await ticksAcrossPause(engine)).toBeLessThan(10);
    } finally {
      removeTempDir(sdir);
    }
  });

  it('lets background timers run while idle with freeze off', async () => {
    engine = new Engine({ freeze: false, functions: [functionConfig('Ticker', dir, 'index.handler')] });
    expect(await ticksAcrossPause(engine)).toBeGreaterThanOrEqual(10);
  });
});
