/**
 * HTTP trigger throughput: autocannon, as a library, in the bench process against a server that
 * is always a child process (faaslab serve, serverless offline, and the two baselines here), so
 * the load generator never shares an event loop with what it measures, for every target alike.
 */
import autocannon from 'autocannon';
import { firstMessage, spawnChild, stopChild } from './children.js';
import { summarize } from './stats.js';

export interface ThroughputOptions {
  connections: number;
  durationS: number;
  /**
   * Untimed load first, in 1 s rounds until two rounds in a row agree within 5% (at most this
   * many seconds): JIT, connection pools, warm workers. Ten environments or worker threads each
   * compile their own code, so a fixed second of warm-up measured part of that compiling.
   */
  warmupS: number;
  /** The body every answer must have; another one counts as a mismatch. */
  expectBody: string;
}

export interface Throughput {
  reqPerSec: number;
  latencyP50: number;
  latencyP99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  mismatches: number;
  /** True when any answer was not a 2xx with the expected body, or a request failed. */
  flagged: boolean;
  /** Seconds of untimed load until the rate was steady (or the limit). */
  warmedUpS?: number;
}

function run(url: string, connections: number, durationS: number, expectBody?: string): autocannon.Instance {
  return autocannon({ url, connections, duration: durationS, ...(expectBody ? { expectBody } : {}) });
}

export async function measureThroughput(url: string, opts: ThroughputOptions): Promise<Throughput> {
  const warmedUpS = await warmUntilSteady(url, opts.connections, opts.warmupS);
  const instance = run(url, opts.connections, opts.durationS, opts.expectBody);
  // autocannon's own latency histogram keeps whole milliseconds: a loopback answer reads as 0.
  const latencies: number[] = [];
  instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const r = await instance;
  const l = summarize(latencies.length ? latencies : [Number.NaN]);
  const out = {
    reqPerSec: Math.round(r.requests.mean),
    latencyP50: l.p50,
    latencyP99: l.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    mismatches: r.mismatches,
    warmedUpS,
  };
  return { ...out, flagged: out.non2xx + out.errors + out.timeouts + out.mismatches > 0 || out.requests === 0 };
}

async function warmUntilSteady(url: string, connections: number, maxS: number): Promise<number> {
  let last = 0;
  for (let s = 0; s < maxS; s++) {
    const rate = (await run(url, connections, 1)).requests.mean;
    if (last > 0 && Math.abs(rate - last) <= 0.05 * last) return s + 1;
    last = rate;
  }
  return maxS;
}

export interface BaselineServer {
  url: string;
  pids: number[];
  stop(): Promise<void>;
}

const HEADER = `
const http = require('node:http');
const listen = (s) => { s.keepAliveTimeout = 60000; s.listen(0, '127.0.0.1', () => process.send(s.address().port)); };
`;

/** Answers every request with `body` at once: what a Node HTTP server alone can do. */
const BARE = `${HEADER}
const body = process.argv[1];
listen(http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(body); }); }));
`;

/** The function side of the chain: takes an event, answers a Lambda proxy result. */
const BACK = `${HEADER}
const result = JSON.stringify({ statusCode: 200, body: process.argv[1] });
listen(http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(result); }); }));
`;

/**
 * The trigger side: maps each request to an event, sends it over keep-alive HTTP to the other
 * process, and maps the result back, as an API gateway in front of a function process would.
 */
const FRONT = `${HEADER}
const port = Number(process.argv[1]);
const agent = new http.Agent({ keepAlive: true });
listen(http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const event = JSON.stringify({ rawPath: req.url, requestContext: { http: { method: req.method } }, headers: req.headers, body: Buffer.concat(chunks).toString() });
    const up = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers: { 'content-type': 'application/json' } }, (r) => {
      const out = [];
      r.on('data', (c) => out.push(c));
      r.on('end', () => {
        const result = JSON.parse(Buffer.concat(out).toString());
        res.writeHead(result.statusCode, { 'content-type': 'application/json' });
        res.end(result.body);
      });
    });
    up.on('error', () => { res.writeHead(502); res.end(); });
    up.end(event);
  });
}));
`;

/**
 * The trigger side with one function process per request in flight, as Lambda's concurrency
 * model has it: a request goes to an idle process (over its own keep-alive connection) and waits
 * for one when all are busy. With 10 connections, all 10 processes serve, each woken per request.
 */
const FRONT_PER_ENVIRONMENT = `${HEADER}
const ports = JSON.parse(process.argv[1]);
const idle = ports.map((port) => ({ port, agent: new http.Agent({ keepAlive: true, maxSockets: 1 }) }));
const queue = [];
const release = (b) => { const next = queue.shift(); if (next) next(b); else idle.push(b); };
listen(http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const event = JSON.stringify({ rawPath: req.url, requestContext: { http: { method: req.method } }, headers: req.headers, body: Buffer.concat(chunks).toString() });
    const send = (b) => {
      const up = http.request({ host: '127.0.0.1', port: b.port, method: 'POST', path: '/', agent: b.agent, headers: { 'content-type': 'application/json' } }, (r) => {
        const out = [];
        r.on('data', (c) => out.push(c));
        r.on('end', () => {
          release(b);
          const result = JSON.parse(Buffer.concat(out).toString());
          res.writeHead(result.statusCode, { 'content-type': 'application/json' });
          res.end(result.body);
        });
      });
      up.on('error', () => { release(b); res.writeHead(502); res.end(); });
      up.end(event);
    };
    const b = idle.pop();
    if (b) send(b); else queue.push(send);
  });
}));
`;

async function startNodeServer(script: string, args: string[]): Promise<{ port: number; pid: number; stop: () => Promise<void> }> {
  const child = spawnChild(process.execPath, ['-e', script, ...args], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  try {
    const port = await firstMessage<number>(child, 15_000);
    return { port, pid: child.pid!, stop: () => stopChild(child, 1000) };
  } catch (err) {
    await stopChild(child, 1000);
    throw err;
  }
}

export async function startBareServer(body: string): Promise<BaselineServer> {
  const s = await startNodeServer(BARE, [body]);
  return { url: `http://127.0.0.1:${s.port}/hello`, pids: [s.pid], stop: s.stop };
}

export async function startProxyChain(body: string): Promise<BaselineServer> {
  const back = await startNodeServer(BACK, [body]);
  try {
    const front = await startNodeServer(FRONT, [String(back.port)]);
    return {
      url: `http://127.0.0.1:${front.port}/hello`,
      pids: [front.pid, back.pid],
      stop: async () => {
        await front.stop();
        await back.stop();
      },
    };
  } catch (err) {
    await back.stop();
    throw err;
  }
}

/** The proxy chain with `processes` function processes, one request at a time each. */
export async function startProxyChainPerEnvironment(body: string, processes: number): Promise<BaselineServer> {
  const backs: Array<Awaited<ReturnType<typeof startNodeServer>>> = [];
  const stopAll = async () => {
    for (const b of backs.splice(0)) await b.stop();
  };
  try {
    for (let i = 0; i < processes; i++) backs.push(await startNodeServer(BACK, [body]));
    const front = await startNodeServer(FRONT_PER_ENVIRONMENT, [JSON.stringify(backs.map((b) => b.port))]);
    return {
      url: `http://127.0.0.1:${front.port}/hello`,
      pids: [front.pid, ...backs.map((b) => b.pid)],
      stop: async () => {
        await front.stop();
        await stopAll();
      },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
