import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ChildProcess } from 'node:child_process';
import type { AwsCall, AwsTarget } from '../../shared/domain/aws-call.js';
import type { FunctionConfig } from '../../shared/domain/function-config.js';
import { LIMITS } from '../../shared/lambda/limits.js';
import { billedDurationMs } from '../../shared/lambda/billing.js';
import * as lines from '../../shared/lambda/log-lines.js';
import { nodeSdkModules } from './assets.js';
import type { PreparedCode } from './code/prepare-code.js';
import type { AwsAccess } from './aws-access.js';
import { RuntimeApiServer } from './runtime-api-server.js';
import type { Launcher } from './runtime-launcher.js';
import { functionEnvironment, type EnvironmentContext } from './lambda-environment.js';
import { killGroup, sampleMemory } from './process-control.js';
import { Freezer } from './freezer.js';
import { LineSplitter } from './line-splitter.js';
import { LogBudget } from './log-budget.js';
import { innerPid } from './sandbox/bubblewrap.js';
import { assignSpare, spawnBootstrap } from './runtime-process.js';
import type { AwsCredentials, EnvironmentDeps, EnvironmentOutcome, InvocationInput } from './environment-types.js';
import { encodeEvent, EVENT_FD, type AnswerMessage, type RuntimeToHost } from './runtime-protocol.js';
import type { Writable } from 'node:stream';
import { failedInit, interpretEnding, parseError, type Ending, type InitResult } from './invocation-ending.js';

const MEMORY_POLL_MS = 20;

/**
 * One Lambda execution environment (ARCHITECTURE.md, Lambda behaviour 7): a runtime process, its Runtime API
 * server and its /tmp stand-in. It serves one invocation at a time; a timeout, a crash or memory
 * above Memory Size ends it, and the next invocation is cold.
 */
export class ExecutionEnvironment {
  readonly id = randomBytes(16).toString('hex');
  readonly logStream: string;
  private readonly functionArn: string;
  state: 'initializing' | 'idle' | 'busy' | 'dead' = 'initializing';
  lastUsed = Date.now();
  initDurationMs: number | undefined;

  private proc: ChildProcess | undefined;
  private server!: RuntimeApiServer;
  private tmpDir = '';
  /** LAMBDA_TASK_ROOT: the function's code folder, or its build's output. */
  private taskRoot = '';
  private initStart = 0;
  private init!: Promise<InitResult>;
  private settleInit: ((r: InitResult) => void) | undefined;
  private settle: ((e: Ending) => void) | undefined;
  private served = 0;
  private readonly freezer: Freezer;
  /** faaslab's runtime, past its first event, takes events from its pipe (runtime-protocol.ts). */
  private eventPipe: Writable | undefined;
  private buffer: string[] = [];
  private requestId: string | undefined;
  private reportedPeakKb = 0;
  private busySince = 0;
  private readonly stdout = new LineSplitter((l) => this.functionLine(l));
  private readonly stderr = new LineSplitter((l) => this.functionLine(l));
  private readonly deathListeners: Array<() => void> = [];
  private readonly logBudget = new LogBudget();
  /** AWS calls made since the last invocation ended (those made during init go with the first one). */
  private awsCalls: AwsCall[] = [];
  /** Its local credentials; their access key id is its own, by which the local AWS endpoint files a call under the environment that made it. */
  private readonly localCredentials: AwsCredentials;
  /** A bootstrap's sandbox, ended with the environment (spares' sandboxes end with their process). */
  private releaseSandbox: (() => void) | undefined;
  /** The runtime's own pid: in a sandbox, not bwrap's (see innerPid). */
  private innerRuntimePid: number | undefined;

  private constructor(
    readonly fn: FunctionConfig,
    private readonly deps: EnvironmentDeps,
    private readonly access: AwsAccess | { error: string },
    /** Initialised ahead (ProvisionedConcurrencyConfig): its first invocation is no cold start. */
    readonly provisioned: boolean,
  ) {
    const d = new Date();
    const day = `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}`;
    this.logStream = `${day}/[$LATEST]${this.id}`;
    this.functionArn = deps.functionArn(fn); // fn, region and account never change for an environment
    this.freezer = new Freezer(deps.freeze, () => this.proc?.pid);
    this.localCredentials = deps.credentials(this.id);
  }

  get accessKeyId(): string {
    return this.localCredentials.accessKeyId;
  }

  /** Where this environment's AWS calls go (the record says so with each invocation). */
  get awsTarget(): AwsTarget {
    return 'error' in this.access ? { mode: 'local' } : this.access.target;
  }

  /** The credentials, endpoint and region its variables carry. */
  private awsVariables(): Pick<EnvironmentContext, 'credentials' | 'awsEndpoint' | 'awsRegion'> {
    const a = this.access;
    if ('credentials' in a && a.target.mode === 'aws') return { credentials: a.credentials, awsRegion: a.target.region };
    return { credentials: this.localCredentials, ...(this.deps.awsEndpoint ? { awsEndpoint: this.deps.awsEndpoint } : {}) };
  }

  /** A call this environment's function made to the local AWS endpoint. */
  noteAwsCall(call: AwsCall): void {
    this.awsCalls.push(call);
  }

  /** Starts init and returns at once; the first invoke() waits for init to finish. */
  static async create(
    fn: FunctionConfig,
    deps: EnvironmentDeps,
    launcher: Launcher | { error: string },
    code: PreparedCode | { error: string },
    access: AwsAccess | { error: string } = { target: { mode: 'local' } },
    provisioned = false,
  ): Promise<ExecutionEnvironment> {
    const env = new ExecutionEnvironment(fn, deps, access, provisioned);
    await env.boot(launcher, code);
    return env;
  }

  private retiring = false;

  /** Ending once its invocation is over (retired): no longer counts as one of the function's. */
  get leaving(): boolean {
    return this.retiring || this.state === 'dead';
  }

  /** Resolves when init is over: true when it succeeded. */
  async initialized(): Promise<boolean> {
    return (await this.init).ok;
  }

  /** Ends this environment once its current invocation is over (its function was redeployed). */
  retireAfterInvocation(): void {
    if (this.state === 'busy') this.retiring = true;
    else this.kill();
  }

  onDeath(listener: () => void): void {
    this.deathListeners.push(listener);
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  get runtimePid(): number | undefined {
    return this.memoryPid();
  }

  private async boot(launcher: Launcher | { error: string }, code: PreparedCode | { error: string }): Promise<void> {
    this.init = new Promise((resolve) => (this.settleInit = resolve));
    this.tmpDir = mkdtempSync(path.join(this.deps.tmpRoot, 'env-'));
    this.server = await RuntimeApiServer.start({
      onNext: () => this.onNext(),
      onResponse: (post) => this.settle?.({ kind: 'response', post }),
      onError: (post) => this.settle?.({ kind: 'error', post }),
      onResponseTooLarge: (_id, size) => this.settle?.({ kind: 'tooLarge', size }),
      onInitError: (post) => this.finishInit(failedInit('error', parseError(post.body, post.errorType), post.body)),
    });
    const prepared = 'error' in code ? undefined : code;
    // The task root is the build's output when the code was built, as sam build's artifact is.
    const runFn = prepared && prepared.codeDir !== this.fn.codeDir ? { ...this.fn, codeDir: prepared.codeDir } : this.fn;
    this.taskRoot = runFn.codeDir;
    const env = functionEnvironment(runFn, {
      region: this.deps.region,
      logStream: this.logStream,
      logGroup: this.fn.logGroup ?? `/aws/lambda/${this.fn.functionName}`,
      runtimeApi: this.server.address,
      runtimeDir: path.dirname(this.fn.codeDir),
      tmpDir: this.sandboxed ? '/tmp' : this.tmpDir,
      nodeBinary: this.deps.nodeBinary,
      ...this.awsVariables(),
      initializationType: this.provisioned ? 'provisioned-concurrency' : 'on-demand',
      nodeSdkModules: nodeSdkModules(),
      nodePaths: prepared?.nodePaths ?? [],
    });
    const runtimeVersion = 'error' in launcher ? `${this.fn.runtime}.local` : launcher.runtimeVersion;
    if (this.deps.sandbox.kind === 'none') this.line(`faaslab: this environment is NOT sandboxed: ${this.deps.sandbox.reason}`);
    this.line(lines.initStartLine(this.fn.logFormat, runtimeVersion, this.functionArn, new Date()));
    if (!('error' in launcher) && launcher.kind === 'spare' && launcher.note) this.line(`faaslab: ${launcher.note}`);
    // Init Duration excludes creating the sandbox, as on Lambda; startNode() restarts the clock
    // once a runtime process is ready, so a missing spare does not count against the function.
    this.initStart = performance.now();
    const initTimer = setTimeout(() => {
      this.finishInit(failedInit('timeout', { errorType: 'Sandbox.Timedout', errorMessage: `Init phase timed out after ${LIMITS.initSeconds.toFixed(2)} seconds`, trace: [] }));
      this.kill();
    }, LIMITS.initSeconds * 1000);
    void this.init.then(() => clearTimeout(initTimer));

    if ('error' in this.access) {
      this.finishInit(failedInit('error', { errorType: 'faaslab.AwsCredentialsUnavailable', errorMessage: this.access.error, trace: [] }));
      return this.die();
    }
    if ('error' in code) {
      // The install or build failed: nothing to run, as a failed sam build deploys nothing.
      this.finishInit(failedInit('error', { errorType: 'faaslab.BuildFailed', errorMessage: code.error, trace: [] }));
      return this.die();
    }
    try {
      if ('error' in launcher) throw new Error(launcher.error);
      const start = { fn: this.fn, deps: this.deps, prepared, env, taskRoot: this.taskRoot };
      if (launcher.kind === 'spare') this.proc = await assignSpare(start, launcher.launch, launcher.extras, () => (this.initStart = performance.now()));
      else {
        const started = spawnBootstrap(start);
        this.proc = started.proc;
        this.releaseSandbox = started.release;
        this.proc.on('error', (err) => {
          this.finishInit(failedInit('error', { errorType: 'Runtime.InvalidEntrypoint', errorMessage: err.message, trace: [] }));
          this.die();
        });
      }
    } catch (err) {
      this.finishInit(failedInit('error', { errorType: 'Runtime.InvalidEntrypoint', errorMessage: (err as Error).message, trace: [] }));
      return this.die();
    }
    this.proc.stdout?.on('data', this.stdout.push);
    this.proc.stderr?.on('data', this.stderr.push);
    this.proc.on('message', (msg: RuntimeToHost) => this.onRuntimeMessage(msg));
    this.proc.once('exit', (code, signal) => this.onExit(code, signal));
    this.watchMemory();
  }

  private get sandboxed(): boolean {
    return this.deps.sandbox.kind === 'bubblewrap';
  }

  async invoke(input: InvocationInput): Promise<EnvironmentOutcome> {
    if (this.state !== 'dead') this.state = 'busy';
    const first = this.served === 0;
    // A provisioned environment was initialised before it was asked: Lambda reports no cold start.
    const coldStart = first && !this.provisioned;
    this.served++;
    this.requestId = input.requestId;
    this.logBudget.reset();
    const fmt = this.fn.logFormat;
    const initResult = first ? await this.init : ({ ok: true } as const);
    if (!initResult.ok) return this.failedInitOutcome(input, initResult);

    this.line(lines.startLine(fmt, input.requestId, '$LATEST', new Date()));
    const timeoutMs = this.fn.timeoutSeconds * 1000;
    const start = (this.busySince = performance.now());
    const event = {
      requestId: input.requestId,
      deadlineMs: Date.now() + timeoutMs,
      functionArn: this.functionArn,
      traceId: input.traceId,
      clientContext: input.clientContext,
      cognitoIdentity: input.cognitoIdentity,
    };
    // A held runtime wakes with this write; a stopped one when thawed, with its work waiting.
    if (this.eventPipe) this.eventPipe.write(encodeEvent(event, input.payload));
    else this.server.deliver({ ...event, payload: input.payload });
    this.freezer.thaw();
    let timer: NodeJS.Timeout | undefined;
    const ending = await new Promise<Ending>((resolve) => {
      this.settle = resolve;
      // Node's timers run on a cached loop clock and may fire a little early: re-arm until the
      // full timeout has passed, so "Task timed out after 1.00 seconds" is never 0.99.
      const arm = (ms: number) => {
        timer = setTimeout(() => {
          const left = timeoutMs - (performance.now() - start);
          if (left > 0) arm(Math.ceil(left));
          else resolve({ kind: 'timeout' });
        }, ms);
      };
      arm(timeoutMs);
    });
    // Lambda shows Duration with two decimals and bills it rounded up: bill what the REPORT shows,
    // so Billed Duration is always ceil(Duration) as printed.
    const durationMs = Math.round((performance.now() - start) * 100) / 100;
    this.settle = undefined;
    clearTimeout(timer);

    // faaslab's runtime sent its log records ahead of its answer; any other runtime's output
    // comes on stdout and stderr: take what they already hold.
    if (!('channel' in ending && ending.channel)) await new Promise((r) => setImmediate(r));
    const peakMb = this.peakMemoryMb();
    const overLimit = peakMb > this.fn.memorySizeMb && ending.kind !== 'timeout';
    const result = interpretEnding(overLimit ? { kind: 'oom' } : ending, input.requestId, this.fn.timeoutSeconds);

    if (result.status === 'timeout') this.line(lines.timeoutLine(input.requestId, durationMs / 1000, new Date()));
    this.stdout.flush();
    this.stderr.flush();
    const billed = billedDurationMs(durationMs);
    // Killed for memory: Lambda reports the whole Memory Size as used.
    const maxMemoryUsedMb = result.status === 'oom' ? this.fn.memorySizeMb : Math.min(Math.round(peakMb), this.fn.memorySizeMb);
    this.line(lines.endLine(fmt, input.requestId, result.status, new Date()));
    this.line(
      lines.reportLine(
        fmt,
        {
          requestId: input.requestId,
          durationMs,
          billedDurationMs: billed,
          memorySizeMb: this.fn.memorySizeMb,
          maxMemoryUsedMb,
          initDurationMs: coldStart ? this.initDurationMs : undefined,
          status: result.reportStatus,
          errorType: result.reportStatus === 'error' ? result.error?.errorType : undefined,
        },
        new Date(),
      ),
    );
    const outcome: EnvironmentOutcome = {
      status: result.status,
      payload: result.payload,
      error: result.error,
      coldStart,
      durationMs,
      billedDurationMs: billed,
      initDurationMs: coldStart ? this.initDurationMs : undefined,
      maxMemoryUsedMb,
      logStream: this.logStream,
      logs: this.takeLines(),
      awsCalls: this.takeAwsCalls(),
      awsTarget: this.awsTarget,
    };
    this.requestId = undefined;
    this.lastUsed = Date.now();
    if (result.endsEnvironment || this.retiring) this.kill();
    else if (this.state === 'busy') {
      this.state = 'idle';
      this.freezeIfIdle();
    }
    return outcome;
  }

  private failedInitOutcome(input: InvocationInput, init: Extract<InitResult, { ok: false }>): EnvironmentOutcome {
    const fmt = this.fn.logFormat;
    const initMs = this.initDurationMs ?? performance.now() - this.initStart;
    this.stdout.flush();
    this.stderr.flush();
    this.line(lines.initReportLine(fmt, initMs, init.reportStatus, init.error.errorType, new Date()));
    this.line(lines.startLine(fmt, input.requestId, '$LATEST', new Date()));
    this.line(lines.endLine(fmt, input.requestId, init.status, new Date()));
    const maxMemoryUsedMb = Math.min(Math.round(this.peakMemoryMb()), this.fn.memorySizeMb);
    this.line(
      lines.reportLine(
        fmt,
        {
          requestId: input.requestId,
          durationMs: 0,
          billedDurationMs: billedDurationMs(initMs),
          memorySizeMb: this.fn.memorySizeMb,
          maxMemoryUsedMb,
          initDurationMs: initMs,
          status: init.reportStatus,
          errorType: init.error.errorType,
        },
        new Date(),
      ),
    );
    this.kill();
    return {
      status: init.status,
      payload: init.payload ?? Buffer.from(JSON.stringify(init.error)),
      error: init.error,
      coldStart: true,
      durationMs: 0,
      billedDurationMs: billedDurationMs(initMs),
      initDurationMs: initMs,
      maxMemoryUsedMb,
      logStream: this.logStream,
      logs: this.takeLines(),
      awsCalls: this.takeAwsCalls(),
      awsTarget: this.awsTarget,
    };
  }

  private onNext(): void {
    if (this.initDurationMs === undefined) {
      this.initDurationMs = performance.now() - this.initStart;
      if (this.state === 'initializing') this.state = 'idle';
      this.finishInit({ ok: true });
    }
    this.freezeIfIdle();
  }

  private finishInit(result: InitResult): void {
    const settle = this.settleInit;
    this.settleInit = undefined;
    settle?.(result);
  }

  private onRuntimeMessage(msg: RuntimeToHost): void {
    if (msg.t === 'answer') return this.onAnswer(msg);
    if (msg.t === 'log') this.functionLine(msg.line);
  }

  /** An answer over the IPC channel, behind its log records; from now on events go by the pipe. */
  private onAnswer(msg: AnswerMessage): void {
    this.eventPipe ??= this.proc?.stdio[EVENT_FD] as Writable | undefined;
    if (msg.freeze && this.state !== 'dead') this.freezer.answered(msg.freeze);
    if (msg.requestId !== this.requestId || !this.settle) return;
    const body = Buffer.from(msg.body);
    if (body.length > LIMITS.syncPayloadBytes) return this.settle({ kind: 'tooLarge', size: body.length });
    if (msg.maxRssKb > this.reportedPeakKb) this.reportedPeakKb = msg.maxRssKb;
    this.settle({ kind: msg.kind, post: { requestId: msg.requestId, body, headers: {}, errorType: msg.errorType }, channel: { fatal: msg.fatal === true } });
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    const reason = signal ? `signal: ${signal === 'SIGKILL' ? 'killed' : signal.toLowerCase().replace('sig', '')}` : `exit status ${code}`;
    this.finishInit(
      failedInit('error', { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${this.requestId ?? ''} Error: Runtime exited with error: ${reason}`.replace('RequestId:  ', ''), trace: [] }),
    );
    this.settle?.({ kind: 'exit', reason });
    this.die();
  }

  /** The function's own output counts against its log budget; faaslab's platform lines do not. */
  private functionLine(raw: string): void {
    const text = this.logBudget.take(raw);
    if (text !== undefined) this.line(text);
  }

  private line(text: string): void {
    this.buffer.push(text);
    this.deps.onLog({ logicalId: this.fn.logicalId, logStream: this.logStream, requestId: this.requestId, line: text, time: Date.now() });
  }

  private takeAwsCalls(): AwsCall[] {
    const calls = this.awsCalls;
    this.awsCalls = [];
    return calls;
  }

  private takeLines(): string[] {
    const taken = this.buffer;
    this.buffer = [];
    return taken;
  }

  /** faaslab's own runtime reports its peak RSS with each answer; others are read from /proc. */
  private peakMemoryMb(): number {
    if (this.reportedPeakKb > 0) return this.reportedPeakKb / 1024;
    return sampleMemory(this.memoryPid())?.peakMb ?? 0;
  }

  private memoryPid(): number | undefined {
    if (!this.sandboxed) return this.proc?.pid;
    this.innerRuntimePid ??= innerPid(this.proc?.pid);
    return this.innerRuntimePid;
  }

  /** Memory above Memory Size stops the environment, as Lambda's cgroup does. */
  private watchMemory(): void {
    const timer = setInterval(() => {
      if (this.state === 'dead') return clearInterval(timer);
      if (this.freezer.frozen || (this.state !== 'busy' && this.state !== 'initializing')) return;
      // An invocation shorter than a poll is judged by the peak its answer reports; reading /proc
      // for each of thousands of short ones a second cost the host 2% of its time.
      if (this.state === 'busy' && performance.now() - this.busySince < MEMORY_POLL_MS) return;
      const sample = sampleMemory(this.memoryPid());
      if (!sample || sample.rssMb <= this.fn.memorySizeMb) return;
      if (this.settle) this.settle({ kind: 'oom' });
      else {
        this.finishInit(failedInit('error', { errorType: 'Runtime.OutOfMemory', errorMessage: 'Runtime exited with error: signal: killed', trace: [] }));
        this.kill();
      }
    }, MEMORY_POLL_MS);
    timer.unref();
  }

  /** Freezes when the runtime asks for the next event, not earlier: until then it is still working. */
  private freezeIfIdle(): void {
    if (this.state === 'idle' && this.server.runtimeWaiting) this.freezer.stop();
  }

  /** Ends the environment now: the process group, its server and its /tmp. */
  kill(): void {
    killGroup(this.proc?.pid);
    this.die();
  }

  private died = false;

  private die(): void {
    if (this.died) return;
    this.died = true;
    this.state = 'dead';
    this.deps.reaper.forget(this.proc?.pid);
    this.releaseSandbox?.();
    this.server?.close();
    rmSync(this.tmpDir, { recursive: true, force: true });
    for (const listener of this.deathListeners) listener();
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
