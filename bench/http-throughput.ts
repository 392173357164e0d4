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
  /** Untimed load first: JIT, connection pools, warm workers. */
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
}

function run(url: string, connections: number, durationS: number, expectBody?: string): autocannon.Instance {
  return autocannon({ url, connections, duration: durationS, ...(expectBody ? { expectBody } : {}) });
}

export async function measureThroughput(url: string, opts: ThroughputOptions): Promise<Throughput> {
  if (opts.warmupS > 0) await run(url, opts.connections, opts.warmupS);
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
  };
  return { ...out, flagged: out.non2xx + out.errors + out.timeouts + out.mismatches > 0 || out.requests === 0 };
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
