/**
 * lambda-local 2.x through its JS API: `execute()` runs the handler inside the calling process
 * (it re-requires the handler file on every call, as its API does). It runs in a child process,
 * so it shares neither the event loop nor the heap with the bench.
 */
import path from 'node:path';
import { firstMessage, spawnChild, stopChild } from '../children.js';

const CLIENT = `
const [lib, file, event, n, warmup] = [process.argv[1], process.argv[2], JSON.parse(process.argv[3]), Number(process.argv[4]), Number(process.argv[5])];
const lambdaLocal = require(lib);
const once = async () => {
  const r = await lambdaLocal.execute({ event, lambdaPath: file, lambdaHandler: 'handler', timeoutMs: 10000, verboseLevel: 0 });
  if (!r || r.statusCode !== 200) throw new Error('unexpected answer: ' + JSON.stringify(r));
};
(async () => {
  for (let i = 0; i < warmup; i++) await once();
  const out = [];
  for (let i = 0; i < n; i++) { const t = performance.now(); await once(); out.push(performance.now() - t); }
  process.send(out, () => process.exit(0));
})().catch((err) => { process.stderr.write(String(err && err.stack || err)); process.exit(1); });
`;

/** Times `n` warm `execute()` calls of the handler in `handlerFile` (after 300 untimed ones). */
export async function lambdaLocalWarmMs(peersDir: string, handlerFile: string, event: string, n: number): Promise<number[]> {
  const lib = path.join(peersDir, 'node_modules', 'lambda-local');
  const child = spawnChild(process.execPath, ['-e', CLIENT, lib, handlerFile, event, String(n), '300'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  try {
    return await firstMessage<number[]>(child, 600_000);
  } catch (err) {
    throw new Error(`lambda-local: ${(err as Error).message}${stderr ? `: ${stderr.trim()}` : ''}`, { cause: err });
  } finally {
    await stopChild(child, 1000);
  }
}
