/**
 * `npm run bench`: the engine's speed beside its physical baselines, measured in one run on one
 * machine. Prints JSON; `--out FILE` also writes it; `--quick` takes fewer samples. Targets (issue 2):
 *   warm invoke p50 <= 3x a loopback keep-alive round trip; cold start p50 < `node -e 0`;
 *   an idle warm Node.js environment <= 60 MB RSS.
 *
 * `npm run bench -- --peers [--peers-dir DIR]`: faaslab beside its peers (lambda-local,
 * serverless-offline, AWS's runtime interface client) and the same baselines (issue 6); the
 * targets are in bench/report.ts. The peers are installed into DIR (default: a folder in the
 * system's temporary folder), never into this project.
 */
import path from 'node:path';
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { Engine } from '../electron/engine/engine.js';
import { packageRoot } from '../electron/engine/assets.js';
import { sampleMemory } from '../electron/engine/process-control.js';
import { startInvokeApiServer } from '../electron/servers/invoke-api.js';
import { loadWorkspace } from '../electron/workspace/read/template-loader.js';
import { loopbackRoundTripMs, nodeStartMs, pythonStartMs, timedPostsFromAnotherProcess } from './baselines.js';
import { resolvePython } from '../electron/engine/runtimes/python/interpreter.js';
import { killAllChildren } from './children.js';
import { engineColdMs, engineEnvironmentsMemory, engineWarmMs, serveWithEnvironmentsMemory, startFaaslabServe } from './faaslab.js';
import { measureThroughput, startBareServer, startProxyChain, startProxyChainPerEnvironment, type ThroughputOptions } from './http-throughput.js';
import { processTree, sumMemory, threadCount } from './memory.js';
import { HELLO_BODY, writeFixtures } from './peers/fixtures.js';
import { DEFAULT_PEERS_DIR, installPeers, PEER_GROUPS, RIC } from './peers/install.js';
import { startServerlessOffline, type ServerlessOffline } from './peers/serverless-offline.js';
import { lambdaLocalWarmMs } from './peers/lambda-local.js';
import { buildReport, failed, type Figures, type Maybe, type SlsMemory, type ThroughputFigure } from './report.js';
import { summarize } from './stats.js';
import { localAwsGetItemMs } from './local-aws.js';
import { firstInvokeMs, sandboxRows, unsandboxedFigures } from './sandbox-cost.js';
import { describeSandbox } from '../electron/engine/sandbox/sandbox-support.js';

const FUNCTION = 'HelloFunction';
const PY_FUNCTION = 'PythonFunction';
const EVENT = JSON.stringify({ name: 'bench' });
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const N_WARM = quick ? 300 : 3000;
const N_COLD = quick ? 10 : 40;
const progress = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

function output(report: unknown): void {
  const json = JSON.stringify(report, null, 2);
  process.stdout.write(`${json}\n`);
  const out = option('--out');
  if (out) writeFileSync(out, `${json}\n`);
}

async function engineBench() {
  const ws = await loadWorkspace(path.join(packageRoot(), 'examples'));
  const fn = ws.functions.find((f) => f.logicalId === FUNCTION)!;
  const py = ws.functions.find((f) => f.logicalId === PY_FUNCTION)!;
  const engine = new Engine({ functions: [fn, py] });

  progress(`warm invoke through the engine API (${N_WARM} calls)`);
  const warmEngine = await engineWarmMs(engine, FUNCTION, EVENT, N_WARM);

  progress(`warm invoke through the Invoke API (${N_WARM} calls)`);
  const server = await startInvokeApiServer(engine, { port: 0 });
  // The client runs in its own process, as an SDK would, like the loopback baseline's client.
  const warmApi = await timedPostsFromAnotherProcess(`${server.url}/2015-03-31/functions/${FUNCTION}/invocations`, EVENT, N_WARM);

  const envPid = engine.environments(FUNCTION)[0]?.runtimePid;
  const idleRssMb = sampleMemory(envPid)?.rssMb;

  progress(`cold starts (${N_COLD}, each with a spare runtime process ready, as in an idle workbench)`);
  const cold = await engineColdMs(engine, FUNCTION, EVENT, N_COLD);
  await server.close();

  progress(`Python: warm invoke through the engine API (${N_WARM} calls), cold starts (${N_COLD})`);
  const warmPython = await engineWarmMs(engine, PY_FUNCTION, EVENT, N_WARM);
  const coldPython = await engineColdMs(engine, PY_FUNCTION, EVENT, N_COLD);
  const python = resolvePython(py.runtime);
  const sandbox = describeSandbox(engine.sandbox);
  const sandboxed = engine.sandbox.kind !== 'none';
  await engine.close();

  progress(`the same, unsandboxed (FAASLAB_SANDBOX=off), for the sandbox's cost`);
  const offNode = sandboxed ? await unsandboxedFigures(fn, EVENT, N_WARM, N_COLD) : undefined;
  const offPython = sandboxed ? await unsandboxedFigures(py, EVENT, N_WARM, N_COLD) : undefined;
  const nFirst = quick ? 4 : 12;
  const first = sandboxed
    ? {
        on: summarize(await firstInvokeMs(fn, EVENT, nFirst, 'auto')),
        shown: summarize(await firstInvokeMs(fn, EVENT, nFirst, 'auto', true)),
        off: summarize(await firstInvokeMs(fn, EVENT, nFirst, 'off')),
      }
    : undefined;

  progress(`a function's DynamoDB GetItem through the local AWS endpoint, and to a server that does nothing (${N_WARM / 10} calls each)`);
  const aws = await localAwsGetItemMs(N_WARM / 10);

  progress('baselines: loopback keep-alive round trip, node -e 0, python3 -c 0');
  const loopback = await loopbackRoundTripMs(N_WARM, EVENT);
  const nodeStart = await nodeStartMs(N_COLD);
  if ('error' in python) throw new Error(python.error);
  const pythonStart = await pythonStartMs(python.path, N_COLD);

  const s = {
    warmEngine: summarize(warmEngine),
    warmInvokeApi: summarize(warmApi),
    coldStart: summarize(cold.totals),
    initDuration: summarize(cold.initDurations),
    loopback: summarize(loopback),
    nodeStart: summarize(nodeStart),
    warmPython: summarize(warmPython),
    coldPython: summarize(coldPython.totals),
    initPython: summarize(coldPython.initDurations),
    pythonStart: summarize(pythonStart),
    awsEndpoint: summarize(aws.endpoint),
    awsBare: summarize(aws.bareServer),
  };
  output({
    bench: 'engine',
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), platform: `${process.platform} ${os.release()}`, node: process.version },
    unit: 'ms',
    sandbox,
    results: [
      {
        name: 'warm invoke, engine API',
        p50: s.warmEngine.p50,
        p99: s.warmEngine.p99,
        baseline: 'loopback keep-alive round trip',
        baselineP50: s.loopback.p50,
        baselineP99: s.loopback.p99,
        ratioP50: ratio(s.warmEngine.p50, s.loopback.p50),
        target: 'ratioP50 <= 3',
      },
      {
        name: 'warm invoke, Invoke API (HTTP)',
        p50: s.warmInvokeApi.p50,
        p99: s.warmInvokeApi.p99,
        baseline: 'loopback keep-alive round trip',
        baselineP50: s.loopback.p50,
        baselineP99: s.loopback.p99,
        ratioP50: ratio(s.warmInvokeApi.p50, s.loopback.p50),
      },
      {
        name: 'cold start of hello (whole invoke)',
        p50: s.coldStart.p50,
        p99: s.coldStart.p99,
        initDurationP50: s.initDuration.p50,
        baseline: 'node -e 0',
        baselineP50: s.nodeStart.p50,
        baselineP99: s.nodeStart.p99,
        ratioP50: ratio(s.coldStart.p50, s.nodeStart.p50),
        target: 'ratioP50 < 1',
      },
      {
        name: `warm invoke, Python (${python.version}), engine API`,
        p50: s.warmPython.p50,
        p99: s.warmPython.p99,
        baseline: 'loopback keep-alive round trip',
        baselineP50: s.loopback.p50,
        baselineP99: s.loopback.p99,
        ratioP50: ratio(s.warmPython.p50, s.loopback.p50),
        target: 'ratioP50 <= 3',
      },
      {
        name: `cold start of a Python hello (whole invoke, Python ${python.version})`,
        p50: s.coldPython.p50,
        p99: s.coldPython.p99,
        initDurationP50: s.initPython.p50,
        baseline: `python3 -c 0 (${python.path})`,
        baselineP50: s.pythonStart.p50,
        baselineP99: s.pythonStart.p99,
        ratioP50: ratio(s.coldPython.p50, s.pythonStart.p50),
        target: 'ratioP50 < 1',
      },
      {
        name: "a function's DynamoDB GetItem through faaslab's local AWS endpoint (SDK v3 the runtime provides)",
        p50: s.awsEndpoint.p50,
        p99: s.awsEndpoint.p99,
        baseline: 'the same call, same SDK, to a server that answers the same item and does nothing else',
        baselineP50: s.awsBare.p50,
        baselineP99: s.awsBare.p99,
        ratioP50: ratio(s.awsEndpoint.p50, s.awsBare.p50),
      },
      ...(offNode ? sandboxRows('Node.js hello', { warm: s.warmEngine, cold: s.coldStart }, offNode, ratio) : []),
      ...(first
        ? [
            {
              name: "sandbox cost: a function's first invocation after opening (its sandboxed runtime process starts then)",
              p50: first.on.p50,
              p99: first.on.p99,
              baseline: 'the same, unsandboxed (a spare per runtime is started at open)',
              baselineP50: first.off.p50,
              baselineP99: first.off.p99,
              ratioP50: ratio(first.on.p50, first.off.p50),
            },
            {
              name: "sandbox cost: a function's first invocation after the workbench showed it (its spare started then: invoke.prewarm)",
              p50: first.shown.p50,
              p99: first.shown.p99,
              baseline: 'the same, unsandboxed (a spare per runtime is started at open)',
              baselineP50: first.off.p50,
              baselineP99: first.off.p99,
              ratioP50: ratio(first.shown.p50, first.off.p50),
            },
          ]
        : []),
      ...(offPython ? sandboxRows(`Python ${'error' in python ? '' : python.version} hello`, { warm: s.warmPython, cold: s.coldPython }, offPython, ratio) : []),
      { name: 'idle warm Node.js environment RSS (MB)', value: idleRssMb === undefined ? null : Math.round(idleRssMb * 10) / 10, target: '<= 60' },
    ],
    samples: { warm: N_WARM, cold: N_COLD },
  });
}

/** Runs one measurement; a failure becomes the figure's `error` and the bench goes on. */
async function attempt<T>(label: string, fn: () => Promise<T>): Promise<Maybe<T>> {
  progress(label);
  try {
    return await fn();
  } catch (err) {
    const error = (err as Error).message;
    progress(`  failed: ${error.split('\n')[0]}`);
    return { error };
  }
}

async function withSls<T>(peersDir: string, serviceDir: string, flags: string[], fn: (s: ServerlessOffline) => Promise<T>): Promise<T> {
  const sls = await startServerlessOffline(peersDir, serviceDir, flags);
  try {
    return await fn(sls);
  } finally {
    await sls.stop();
  }
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function peersBench() {
  const started = performance.now();
  const peersDir = path.resolve(option('--peers-dir') ?? DEFAULT_PEERS_DIR);
  const peers = await installPeers(peersDir, PEER_GROUPS, progress);
  const missing = (...names: string[]) => {
    const bad = names.find((n) => !peers[n]?.version || peers[n]?.error);
    return bad ? { error: `${bad} is not installed: ${peers[bad]?.error ?? 'unknown reason'}` } : undefined;
  };
  const slsMissing = missing('serverless', 'serverless-offline');
  const v = (n: string) => peers[n]?.version ?? '?';
  const http: ThroughputOptions = { connections: 10, durationS: quick ? 2 : 5, warmupS: quick ? 2 : 10, expectBody: HELLO_BODY };
  const fx = writeFixtures(peersDir, !missing(RIC));
  // Closed in `finally` too, so a failure leaves no runtime process behind.
  let openEngine: Engine | undefined;
  let openServer: Awaited<ReturnType<typeof startInvokeApiServer>> | undefined;
  const slsFigure = <T>(label: string, flags: string[], fn: (s: ServerlessOffline) => Promise<T>): Promise<Maybe<T>> =>
    slsMissing ? Promise.resolve(slsMissing) : attempt(label, () => withSls(peersDir, fx.serviceDir, flags, fn));

  try {
    const ws = await loadWorkspace(fx.faaslabDir);
    const engine = (openEngine = new Engine({ functions: ws.functions }));
    const server = (openServer = await startInvokeApiServer(engine, { port: 0 }));
    const sum = async (p: Promise<number[]>) => summarize(await p);

    const loopback = await attempt('baseline: loopback keep-alive round trip', () => sum(loopbackRoundTripMs(N_WARM, EVENT)));
    const faaslabEngine = await attempt(`warm invoke, faaslab engine API (${N_WARM} calls)`, () => sum(engineWarmMs(engine, FUNCTION, EVENT, N_WARM)));
    const faaslabApi = await attempt(`warm invoke, faaslab Invoke API (${N_WARM} calls)`, () =>
      sum(timedPostsFromAnotherProcess(`${server.url}/2015-03-31/functions/${FUNCTION}/invocations`, EVENT, N_WARM)),
    );
    const ric = missing(RIC) ?? (await attempt(`warm invoke, ${RIC} on faaslab's Runtime API (${N_WARM} calls)`, () => sum(engineWarmMs(engine, 'RicFunction', EVENT, N_WARM, 100))));
    const lambdaLocal = missing('lambda-local') ?? (await attempt(`warm invoke, lambda-local execute() (${N_WARM} calls)`, () => sum(lambdaLocalWarmMs(peersDir, fx.helloFile, EVENT, N_WARM))));
    const slsWarm = await slsFigure(`warm invoke, serverless-offline Lambda port (${N_WARM} calls)`, [], (s) => sum(timedPostsFromAnotherProcess(s.invokeUrl('hello'), EVENT, N_WARM)));

    const coldFaaslab = await attempt(`cold start, new faaslab environment (${N_COLD})`, async () => {
      const c = await engineColdMs(engine, FUNCTION, EVENT, N_COLD);
      return { ...summarize(c.totals), initDurationP50: summarize(c.initDurations).p50 };
    });
    // --reloadHandler: every call gets a new worker thread; 3 untimed calls warm serverless itself.
    const slsCold = await slsFigure(`cold start, new serverless-offline worker (${N_COLD})`, ['--reloadHandler'], (s) => sum(timedPostsFromAnotherProcess(s.invokeUrl('hello'), EVENT, N_COLD, 3)));
    const nodeStart = await attempt(`baseline: node -e 0 (${N_COLD})`, () => sum(nodeStartMs(N_COLD)));

    const memFaaslab = await attempt('memory, 10 warm faaslab environments', () => engineEnvironmentsMemory(engine, 'SleepFunction', 10));
    await server.close();
    await engine.close();
    openServer = openEngine = undefined;
    const memFaaslabTool = await attempt('memory, faaslab serve with 10 warm environments (the whole tool)', () => serveWithEnvironmentsMemory(fx.faaslabDir, fx.stateDir, 'SleepFunction', 10));
    const memSls = await slsFigure('memory, serverless-offline with 10 workers', [], async (s): Promise<SlsMemory> => {
      const pids = () => processTree(s.pid);
      const read = () => ({ ...sumMemory(pids()), threads: threadCount(pids()) });
      await settle(1000);
      const before = read();
      const answers = await Promise.all(Array.from({ length: 10 }, () => fetch(s.invokeUrl('sleep'), { method: 'POST', body: '{}' })));
      const bad = answers.find((a) => a.status !== 200 || a.headers.get('x-amz-function-error'));
      if (bad) throw new Error(`sleep invocation answered ${bad.status}: ${(await bad.text()).slice(0, 300)}`);
      await settle(1000);
      return { before, after: read() };
    });

    const tput = (name: string, start: () => Promise<{ url: string; stop(): Promise<void> }>): Promise<ThroughputFigure> =>
      attempt(`HTTP throughput, ${name} (${http.connections} connections, ${http.durationS} s)`, async () => {
        const target = await start();
        try {
          return await measureThroughput(target.url, http);
        } finally {
          await target.stop();
        }
      }).then((result) => ({ name, result }));
    const slsTput = (name: string, flags: string[]): Promise<ThroughputFigure> =>
      slsMissing
        ? Promise.resolve({ name, result: slsMissing })
        : tput(name, async () => {
            const s = await startServerlessOffline(peersDir, fx.serviceDir, flags);
            return { url: `${s.httpUrl}/hello`, stop: s.stop };
          });
    const bare = await tput('bare Node http server (child process)', () => startBareServer(http.expectBody));
    const proxyChain = await tput('two-process proxy chain (HTTP server -> keep-alive HTTP -> function process)', () => startProxyChain(http.expectBody));
    const proxyChainPerEnvironment = await tput(`proxy chain with a function process per request in flight (${http.connections} processes, as Lambda's concurrency has it)`, () =>
      startProxyChainPerEnvironment(http.expectBody, http.connections),
    );
    const faaslabHttp = await tput('faaslab serve, HttpApi GET /hello', async () => {
      const s = await startFaaslabServe(fx.faaslabDir, fx.stateDir);
      return { url: `${s.httpUrl}/hello`, stop: s.stop };
    });
    const slsHttp = await slsTput(`serverless-offline ${v('serverless-offline')}, httpApi GET /hello (worker threads)`, []);
    const slsInProc = await slsTput(`serverless-offline ${v('serverless-offline')} --useInProcess, httpApi GET /hello`, ['--useInProcess']);

    const figures: Figures = {
      // The whole run, the peers' install included when it happened (not the build before it).
      runSeconds: Math.round((performance.now() - started) / 1000),
      peersDir,
      peers,
      settings: { quick, warmSamples: N_WARM, coldSamples: N_COLD, http, memory: { environments: 10, handlerWaitsMs: 300 } },
      warm: {
        baseline: loopback,
        faaslabEngine: { name: 'faaslab, engine API', isolation: 'process', how: 'engine API, in the bench process', result: faaslabEngine },
        faaslabInvokeApi: { name: 'faaslab, Invoke API', isolation: 'process', how: 'HTTP POST from another process', result: faaslabApi },
        peers: [
          { name: `${RIC} ${v(RIC)} as a provided.al2023 runtime in faaslab`, isolation: 'process', how: "engine API, in the bench process; the client talks to faaslab's Runtime API", result: ric },
          { name: `lambda-local ${v('lambda-local')}, execute()`, isolation: 'none', how: 'JS API in a child process (the handler runs in that process)', result: lambdaLocal },
          {
            name: `serverless-offline ${v('serverless-offline')} (serverless ${v('serverless')}), Lambda invoke port`,
            isolation: 'worker thread',
            how: 'HTTP POST from another process',
            result: slsWarm,
          },
        ],
      },
      cold: {
        baseline: nodeStart,
        faaslab: { name: 'faaslab, new environment (whole invoke, spare runtime process ready)', isolation: 'process', how: 'engine API', result: coldFaaslab },
        peers: [
          {
            name: `serverless-offline ${v('serverless-offline')} --reloadHandler, new worker thread (whole invoke)`,
            isolation: 'worker thread',
            how: 'HTTP POST from another process',
            result: slsCold,
          },
        ],
      },
      http: { faaslab: faaslabHttp, serverlessOffline: slsHttp, serverlessOfflineInProcess: slsInProc, bare, proxyChain, proxyChainPerEnvironment },
      memory: { faaslab: memFaaslab, faaslabWholeTool: memFaaslabTool, serverlessOffline: memSls },
    };
    output(buildReport(figures));
    const flagged = [faaslabHttp, slsHttp, slsInProc, bare, proxyChain, proxyChainPerEnvironment].filter((t) => !failed(t.result) && t.result.flagged);
    for (const t of flagged) progress(`warning: ${t.name} answered with errors or wrong bodies`);
  } finally {
    await openServer?.close();
    await openEngine?.close();
    killAllChildren();
    rmSync(fx.root, { recursive: true, force: true });
  }
}

(args.includes('--peers') ? peersBench() : engineBench()).catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack}\n`);
  process.exitCode = 1;
});
