import { spawn } from 'node:child_process';
import { firstMessage, spawnChild, stopChild } from './children.js';
import http from 'node:http';
import { sample } from './stats.js';

/** A bare `node -e 0`: what starting a Node process costs on this machine. */
/** `python3 -c 0` on the interpreter a Python function runs on (never a pyenv shim). */
export async function pythonStartMs(python: string, n: number): Promise<number[]> {
  return sample(
    n,
    () =>
      new Promise<void>((resolve, reject) => {
        const p = spawn(python, ['-c', '0'], { stdio: 'ignore' });
        p.once('exit', () => resolve());
        p.once('error', reject);
      }),
  );
}

export async function nodeStartMs(n: number): Promise<number[]> {
  return sample(
    n,
    () =>
      new Promise<void>((resolve, reject) => {
        const p = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
        p.once('exit', () => resolve());
        p.once('error', reject);
      }),
  );
}

const ECHO_SERVER = `
const http = require('node:http');
const s = http.createServer((req, res) => { const c = []; req.on('data', (d) => c.push(d)); req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(Buffer.concat(c)); }); });
s.keepAliveTimeout = 60000;
s.listen(0, '127.0.0.1', () => process.send(s.address().port));
`;

/**
 * A loopback HTTP keep-alive round trip between two Node processes: the floor for any engine
 * that runs a function in another process and talks HTTP to it, as Lambda's Runtime API does.
 */
export async function loopbackRoundTripMs(n: number, body: string): Promise<number[]> {
  const child = spawnChild(process.execPath, ['-e', ECHO_SERVER], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const port = await firstMessage<number>(child, 15_000);
    return await roundTrips(port, agent, n, body);
  } finally {
    agent.destroy();
    await stopChild(child, 1000);
  }
}

async function roundTrips(port: number, agent: http.Agent, n: number, body: string): Promise<number[]> {
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      req.on('error', reject);
      req.end(body);
    });
  await sample(200, once); // warm-up: JIT and connection
  return sample(n, once);
}

const TIMED_CLIENT = `
const http = require('node:http');
const [url, body, n, warmup] = [process.argv[1], process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const once = () => new Promise((resolve, reject) => {
  const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => {
      // A timing of an error answer would be meaningless: stop at the first one.
      const fnError = res.headers['x-amz-function-error'];
      if (res.statusCode !== 200 || fnError) reject(new Error('HTTP ' + res.statusCode + (fnError ? ' ' + fnError : '') + ': ' + Buffer.concat(chunks).toString().slice(0, 500)));
      else resolve();
    });
  });
  req.on('error', reject);
  req.end(body);
});
(async () => {
  for (let i = 0; i < warmup; i++) await once();
  const out = [];
  for (let i = 0; i < n; i++) { const t = performance.now(); await once(); out.push(performance.now() - t); }
  process.send(out, () => process.exit(0));
})().catch((err) => { process.stderr.write(String(err.message)); process.exit(1); });
`;

/**
 * Times POSTs from a separate Node process, as an SDK client would send them, after `warmup`
 * untimed ones. Rejects at the first answer that is not a 200 without X-Amz-Function-Error.
 */
export async function timedPostsFromAnotherProcess(url: string, body: string, n: number, warmup = 300): Promise<number[]> {
  const child = spawnChild(process.execPath, ['-e', TIMED_CLIENT, url, body, String(n), String(warmup)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  try {
    // A peer that stops answering must not hang the bench: ten minutes is far beyond any run.
    return await firstMessage<number[]>(child, 600_000);
  } catch (err) {
    if (!child.stderr!.closed) await new Promise((r) => child.stderr!.once('close', r)); // the client's own reason, in full
    throw new Error(`bench client: ${(err as Error).message}${stderr ? `: ${stderr.trim()}` : ''}`, { cause: err });
  } finally {
    await stopChild(child, 1000);
  }
}
