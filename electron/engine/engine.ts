import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { randomHex } from './random-pool.js';
import type { AwsCall, AwsTarget } from '../../shared/domain/aws-call.js';
import { profileCredentials, resolveAwsAccess, type CredentialResolver } from './aws-access.js';
import type { FunctionConfig } from '../../shared/domain/function-config.js';
import type { InvocationRecord } from '../../shared/domain/invocation.js';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, LIMITS } from '../../shared/lambda/limits.js';
import { traceHeader } from '../../shared/lambda/trace-header.js';
import { ExecutionEnvironment } from './execution-environment.js';
import type { EnvironmentDeps, LogEntry } from './environment-types.js';
import { EngineClosedError, FunctionConfigError, FunctionNotFoundError } from './engine-errors.js';
import { Reaper } from './reaper.js';
import { SparePools } from './spare-pool.js';
import { launcherFor, type Launcher } from './runtime-launcher.js';
import { runtimeInfo } from '../../shared/lambda/runtimes.js';
import { defaultCacheDir } from './code/build-cache.js';
import { prepareCode, unpreparedCode, type PreparedCode } from './code/prepare-code.js';
import { inSandbox } from './runtime-process.js';
import { resolveFunctionRef } from './function-ref.js';
import { ProvisionedConcurrency } from './provisioned-concurrency.js';
import { outcomeResult, throttledResult } from './invocation-result.js';
import { sandboxSupport, type SandboxSupport } from './sandbox/sandbox-support.js';
import { ensureCgroupBase, releaseAllCgroups } from './sandbox/process-limit.js';

const LOCAL_TARGET: AwsTarget = { mode: 'local' };

export interface EngineOptions {
  functions: FunctionConfig[];
  /** Configuration errors per logical id: such functions refuse to run, with these messages. */
  problems?: Record<string, string[]>;
  region?: string;
  accountId?: string;
  /** The account's concurrency limit (Lambda's default: 1,000). */
  concurrencyLimit?: number;
  /** Node.js runtime processes kept started ahead of need. */
  spareProcesses?: number;
  /** Freeze environments between invocations with SIGSTOP, as Lambda does (POSIX only). */
  freeze?: boolean;
  /** An idle environment is reclaimed after this long. */
  idleTimeoutMs?: number;
  nodeBinary?: string;
  /** Where installed dependencies and builds are cached (default: defaultCacheDir()). */
  cacheDir?: string;
  /** faaslab's local AWS endpoint (http://127.0.0.1:port): functions get it as AWS_ENDPOINT_URL. */
  awsEndpoint?: string;
  /** How a real AWS profile's credentials are found (default: as the AWS CLI finds them). */
  resolveAwsCredentials?: CredentialResolver;
  /** 'off' runs functions unsandboxed (default: FAASLAB_SANDBOX, else sandboxed where the machine can). */
  sandbox?: 'auto' | 'off';
  /** Where bwrap and prlimit are looked for (default: PATH). */
  sandboxSearchPath?: string;
  /**
   * CPU in proportion to Memory Size, as on Lambda (one vCPU at 1,769 MB), where the sandbox can
   * have a cpu cgroup (see cpuScaled). Off by default: a 128 MB function then runs ~14 times slower.
   */
  cpuScaling?: boolean;
}

/** A line of an install or build that runs before a function's environment starts. */
export interface BuildProgress {
  logicalId: string;
  line: string;
}

export interface InvokeRequest {
  payload?: Buffer | string;
  /** JSON text, as the base64-decoded X-Amz-Client-Context. */
  clientContext?: string;
  cognitoIdentity?: string;
  /** Set by callers that announce the id before the run (an Event invocation's 202). */
  requestId?: string;
  /**
   * Who asked ('invoke-api', 'async:sns', or a trigger with its route): the history's trigger.
   * A trigger that says so here is stored with the invocation in one write.
   */
  source?: string | { kind: string; route?: string };
}

export type ThrottleReason = 'ReservedFunctionConcurrentInvocationLimitExceeded' | 'ConcurrentInvocationLimitExceeded';

export interface InvokeResult {
  record: InvocationRecord;
  /** The bytes Lambda returns to the caller: the response, or the error JSON. */
  payload: Buffer;
  /** Set when Lambda would send X-Amz-Function-Error. */
  functionError?: 'Unhandled';
  throttleReason?: ThrottleReason;
}

export interface EnvironmentInfo {
  id: string;
  logicalId: string;
  state: ExecutionEnvironment['state'];
  logStream: string;
  lastUsed: number;
  /** The process group's leader: bwrap's process in a sandbox. */
  pid?: number;
  /** The runtime's own process (the same as pid without a sandbox), whose memory counts. */
  runtimePid?: number;
}

/**
 * Runs a workspace's functions the way Lambda does: an execution environment per concurrent
 * invocation, reused while warm, reclaimed when idle, throttled at the concurrency limits.
 */
/** 'invocation' also carries the event (payload bytes) the function was given, for the history store. */
export class Engine extends EventEmitter<{ log: [LogEntry]; invocation: [InvocationRecord, Buffer?, InvokeRequest['source']?]; build: [BuildProgress] }> {
  readonly region: string;
  readonly accountId: string;
  private fns: Map<string, FunctionConfig>;
  private problems: Record<string, string[]>;
  private readonly idle = new Map<string, ExecutionEnvironment[]>();
  private readonly all = new Set<ExecutionEnvironment>();
  private readonly inFlight = new Map<string, number>();
  private readonly provisioned = new ProvisionedConcurrency({
    closed: () => this.closed,
    current: (id) => this.fns.get(id),
    runnable: (id) => this.problemsOf(id).length === 0,
    live: () => this.all,
    create: (fn) => this.createEnvironment(fn, true),
    makeIdle: (env) => this.idleList(env.fn.logicalId).push(env),
  });
  /** Invocations in flight by request id, so one can be cancelled (the UI's Stop button). */
  private readonly running = new Map<string, { env?: ExecutionEnvironment; cancelled: boolean }>();
  private totalInFlight = 0;
  private readonly deps: EnvironmentDeps;
  private readonly spares: SparePools;
  private readonly spareCount: number;
  private readonly cacheDir: string;
  private readonly nodeBinary: string;
  private readonly reaper: Reaper;
  private readonly tmpRoot: string;
  private readonly reclaimTimer: NodeJS.Timeout;
  private readonly concurrencyLimit: number;
  private readonly idleTimeoutMs: number;
  private closed = false;
  /** faaslab's local AWS endpoint its functions call (AWS_ENDPOINT_URL), if any. */
  readonly awsEndpoint: string | undefined;
  private readonly resolveAwsCredentials: CredentialResolver;
  private awsTargets: (logicalId: string) => AwsTarget = () => LOCAL_TARGET;
  /** How functions are isolated here, or why they are not (every record says which). */
  readonly sandbox: SandboxSupport;
  /** Engines of this process share its cgroup folder: the last to close removes it. */
  private static readonly open = new Set<Engine>();

  constructor(opts: EngineOptions) {
    super();
    this.sandbox = sandboxSupport({ ...(opts.sandbox ? { mode: opts.sandbox } : {}), ...(opts.sandboxSearchPath !== undefined ? { searchPath: opts.sandboxSearchPath } : {}) });
    if (this.sandbox.kind === 'bubblewrap') {
      ensureCgroupBase(this.sandbox.processLimit);
      Engine.open.add(this);
    }
    this.region = opts.region ?? DEFAULT_REGION;
    this.accountId = opts.accountId ?? DEFAULT_ACCOUNT_ID;
    this.awsEndpoint = opts.awsEndpoint;
    this.resolveAwsCredentials = opts.resolveAwsCredentials ?? profileCredentials;
    this.fns = new Map(opts.functions.map((f) => [f.logicalId, f]));
    this.problems = opts.problems ?? {};
    this.concurrencyLimit = opts.concurrencyLimit ?? LIMITS.accountConcurrency;
    this.idleTimeoutMs = opts.idleTimeoutMs ?? 10 * 60_000;
    const nodeBinary = opts.nodeBinary ?? process.execPath;
    this.tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'faaslab-'));
    this.reaper = new Reaper(nodeBinary);
    this.nodeBinary = nodeBinary;
    this.cacheDir = opts.cacheDir ?? defaultCacheDir();
    this.spareCount = opts.spareProcesses ?? 1;
    this.spares = new SparePools(this.reaper, this.spareCount);
    this.prestart(opts.functions);
    this.deps = {
      region: this.region,
      nodeBinary,
      spares: this.spares,
      reaper: this.reaper,
      tmpRoot: this.tmpRoot,
      freeze: opts.freeze ?? true,
      sandbox: this.sandbox,
      cpuScaling: opts.cpuScaling === true && this.sandbox.kind === 'bubblewrap' && this.sandbox.cpu !== undefined,
      // A function that calls AWS gets credentials that name faaslab, never the host's; the
      // access key id is the environment's own (ASIA, as Lambda's temporary keys begin).
      credentials: (envId) => ({ accessKeyId: `ASIAFAASLAB${envId.slice(0, 9).toUpperCase()}`, secretAccessKey: 'faaslab-local-secret', sessionToken: `faaslab-local-session-${envId}` }),
      ...(opts.awsEndpoint ? { awsEndpoint: opts.awsEndpoint } : {}),
      functionArn: (fn) => this.functionArn(fn),
      onLog: (entry) => this.emit('log', entry),
    };
    this.reclaimTimer = setInterval(() => this.reclaimIdle(), Math.min(30_000, this.idleTimeoutMs)).unref();
    for (const fn of opts.functions) this.provisioned.ensure(fn);
  }

  /**
   * Where each function's AWS calls go (the workspace setting). Environments started before keep
   * theirs: the caller retires them (a changed target is a new deployment).
   */
  setAwsTargets(targetOf: (logicalId: string) => AwsTarget): void {
    this.awsTargets = targetOf;
  }

  awsTargetOf(logicalId: string): AwsTarget {
    return this.awsTargets(logicalId);
  }

  /**
   * Files a call to the local AWS endpoint under the environment whose access key made it (it
   * lands in that environment's current or next invocation); false when no environment has the key.
   */
  noteAwsCall(accessKeyId: string | undefined, call: AwsCall): boolean {
    if (!accessKeyId) return false;
    for (const env of this.all) {
      if (env.accessKeyId !== accessKeyId) continue;
      env.noteAwsCall(call);
      return true;
    }
    return false;
  }

  listFunctions(): FunctionConfig[] {
    return [...this.fns.values()];
  }

  /** A function by logical id, name, ARN or partial ARN (ARCHITECTURE.md, Lambda behaviour 2). */
  resolveFunction(ref: string): { fn: FunctionConfig; qualifier?: string } | undefined {
    return resolveFunctionRef(ref, this.listFunctions(), this.accountId, this.region);
  }

  /** Why a function cannot run (its configuration would not deploy); empty when it can. */
  problemsOf(logicalId: string): string[] {
    return this.problems[logicalId] ?? [];
  }

  functionArn(fn: FunctionConfig): string {
    return `arn:aws:lambda:${this.region}:${this.accountId}:function:${fn.functionName}`;
  }

  environments(logicalId?: string): EnvironmentInfo[] {
    return [...this.all]
      .filter((e) => !logicalId || e.fn.logicalId === logicalId)
      .map((e) => ({ id: e.id, logicalId: e.fn.logicalId, state: e.state, logStream: e.logStream, lastUsed: e.lastUsed, pid: e.pid, runtimePid: e.runtimePid }));
  }

  get concurrentExecutions(): number {
    return this.totalInFlight;
  }

  async invoke(logicalId: string, req: InvokeRequest = {}): Promise<InvokeResult> {
    if (this.closed) throw new EngineClosedError();
    const fn = this.fns.get(logicalId);
    if (!fn) throw new FunctionNotFoundError(logicalId);
    const problems = this.problemsOf(logicalId);
    if (problems.length) throw new FunctionConfigError(logicalId, problems);
    const requestId = req.requestId ?? randomUUID();
    const startedAt = new Date().toISOString();
    const payload = typeof req.payload === 'string' ? Buffer.from(req.payload) : (req.payload ?? Buffer.from('{}'));

    const running = this.inFlight.get(logicalId) ?? 0;
    const reason: ThrottleReason | undefined =
      fn.reservedConcurrency !== undefined && running >= fn.reservedConcurrency
        ? 'ReservedFunctionConcurrentInvocationLimitExceeded'
        : this.totalInFlight >= this.concurrencyLimit
          ? 'ConcurrentInvocationLimitExceeded'
          : undefined;
    if (reason) {
      const throttled = throttledResult(fn, requestId, startedAt, reason, this.sandbox.kind);
      this.emit('invocation', throttled.record, payload, req.source);
      return throttled;
    }

    this.inFlight.set(logicalId, running + 1);
    this.totalInFlight++;
    const slot: { env?: ExecutionEnvironment; cancelled: boolean } = { cancelled: false };
    this.running.set(requestId, slot);
    try {
      const env = this.takeIdle(logicalId) ?? (await this.createEnvironment(fn));
      slot.env = env;
      if (slot.cancelled) env.kill(); // cancelled while its environment was being created
      const outcome = await env.invoke({
        requestId,
        payload,
        traceId: traceHeader(new Date(), randomHex, { lineage: 'faaslab' }),
        clientContext: req.clientContext,
        cognitoIdentity: req.cognitoIdentity,
      });
      if (env.state === 'idle' && !this.closed) this.idleList(logicalId).push(env);
      const result = outcomeResult(fn, requestId, startedAt, outcome, this.sandbox.kind);
      this.emit('invocation', result.record, payload, req.source);
      return result;
    } finally {
      if (this.running.get(requestId) === slot) this.running.delete(requestId);
      this.inFlight.set(logicalId, (this.inFlight.get(logicalId) ?? 1) - 1);
      this.totalInFlight--;
    }
  }

  /**
   * Ends the environment running this request, as a crash would: the invocation resolves at once
   * with status 'crashed' and the next one is a cold start. False when no such run is in flight.
   */
  cancel(requestId: string): boolean {
    const slot = this.running.get(requestId);
    if (!slot || slot.cancelled) return false;
    slot.cancelled = true;
    slot.env?.kill();
    return true;
  }

  /**
   * Replaces the workspace's functions (the template or code changed). Environments of a function
   * whose configuration changed, or that is gone, are ended: like a deployment, the next
   * invocation runs the new version in a new environment.
   */
  setFunctions(functions: FunctionConfig[], problems: Record<string, string[]> = {}): void {
    const next = new Map(functions.map((f) => [f.logicalId, f]));
    for (const [id, old] of this.fns) {
      const now = next.get(id);
      if (!now || JSON.stringify(now) !== JSON.stringify(old)) this.retire(id);
    }
    this.fns = next;
    this.problems = problems;
    this.prestart(functions);
    for (const fn of functions) this.provisioned.ensure(fn);
  }

  /**
   * The function's code as sam build would make it (dependencies installed, TypeScript built),
   * cached; what failed is the environment's init error. Progress goes out as 'build' events.
   */
  private async prepare(fn: FunctionConfig, launcher: Launcher | { error: string }): Promise<PreparedCode | { error: string }> {
    // A Python function's requirements are installed by the interpreter that will run it.
    const python = runtimeInfo(fn.runtime)?.family === 'python' && !('error' in launcher) && launcher.kind === 'spare' ? launcher.launch.command : undefined;
    try {
      return await prepareCode(fn, {
        cacheDir: this.cacheDir,
        env: process.env,
        ...(python ? { python } : {}),
        progress: (line) => this.emit('build', { logicalId: fn.logicalId, line } satisfies BuildProgress),
      });
    } catch (err) {
      return { error: (err as Error).message };
    }
  }

  /** What runs the function here (INIT_START's Runtime Version), and a note when it is not Lambda's. */
  runtimeUsed(fn: FunctionConfig): { version: string; note?: string } | { error: string } {
    let launcher: ReturnType<typeof launcherFor>;
    try {
      launcher = launcherFor(fn, this.nodeBinary);
    } catch (err) {
      return { error: (err as Error).message };
    }
    if ('error' in launcher) return launcher;
    return launcher.kind === 'spare' && launcher.note ? { version: launcher.runtimeVersion, note: launcher.note } : { version: launcher.runtimeVersion };
  }

  /**
   * Starts spare runtime processes for every kind of runtime the functions use. A sandboxed spare
   * is one function's (its sandbox shows that function's code): those start with its first
   * environment, and one stays ready for its next cold start.
   */
  private prestart(functions: readonly FunctionConfig[]): void {
    if (this.sandbox.kind === 'bubblewrap') return;
    for (const fn of functions) {
      const launcher = launcherFor(fn, this.nodeBinary);
      // A runtime that cannot start is reported when the function is invoked.
      if (!('error' in launcher) && launcher.kind === 'spare') this.spares.pool(launcher.launch, this.spareCount);
    }
  }

  /**
   * Starts the function's sandboxed spare ahead of its first invocation (the workbench asks when
   * it shows a function): a sandboxed spare is one function's, so none waits at open. Only for
   * code with nothing to install or build, whose sandbox is known without preparing it.
   * Unsandboxed, the spare per runtime started at open serves already.
   */
  prewarm(logicalId: string): boolean {
    const fn = this.fns.get(logicalId);
    if (this.closed || this.sandbox.kind !== 'bubblewrap' || !fn || this.problems[logicalId]?.length || this.spareCount === 0) return false;
    const launcher = launcherFor(fn, this.nodeBinary);
    const prepared = unpreparedCode(fn);
    if ('error' in launcher || launcher.kind !== 'spare' || !prepared) return false;
    this.spares.pool(inSandbox(fn, this.deps, prepared, launcher.launch, launcher.extras), this.spareCount);
    return true;
  }

  /** The processes of the spares waiting now (a test sees which one an environment took). */
  sparePids(): number[] {
    return this.spares.pids();
  }

  /** Ends every environment of the function: idle ones now, busy ones when they finish. */
  retire(logicalId: string): void {
    this.resetEnvironments(logicalId);
    this.spares.closeOwnedBy(logicalId);
    for (const env of this.all) if (env.fn.logicalId === logicalId) env.retireAfterInvocation();
  }

  /**
   * "Force cold start": ends the function's idle environments now and its busy ones once their
   * invocation is over, so its next invocation starts a new environment. Its spares stay.
   */
  forceColdStart(logicalId: string): number {
    let ended = 0;
    for (const env of this.all) {
      if (env.fn.logicalId !== logicalId) continue;
      env.retireAfterInvocation();
      ended++;
    }
    return ended;
  }

  /**
   * Kills one environment now, as Lambda does a crashed sandbox: an invocation it is running ends
   * with Runtime.ExitError. False when there is no such environment.
   */
  killEnvironment(id: string): boolean {
    const env = [...this.all].find((e) => e.id === id);
    if (!env) return false;
    env.kill();
    return true;
  }

  /** Ends the function's idle environments, so its next invocation is a cold start. */
  resetEnvironments(logicalId: string): void {
    for (const env of this.idle.get(logicalId)?.splice(0) ?? []) env.kill();
  }

  /** Resolves once the spare runtime processes are started (a cold start then skips process start). */
  sparesReady(): Promise<void> {
    return this.spares.ready();
  }

  /** Ends every environment and helper process; the engine cannot be used afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.reclaimTimer);
    this.spares.close();
    for (const env of this.all) env.kill();
    this.all.clear();
    this.idle.clear();
    this.reaper.close();
    if (this.sandbox.kind === 'bubblewrap' && Engine.open.delete(this) && Engine.open.size === 0) {
      await Promise.all([releaseAllCgroups(this.sandbox.processLimit.kind === 'cgroup' ? this.sandbox.processLimit.base : undefined), releaseAllCgroups(this.sandbox.cpu?.base)]);
    }
    rmSync(this.tmpRoot, { recursive: true, force: true });
  }

  private async createEnvironment(fn: FunctionConfig, provisioned = false): Promise<ExecutionEnvironment> {
    const launcher = launcherFor(fn, this.nodeBinary);
    const target = this.awsTargetOf(fn.logicalId);
    const [code, access] = await Promise.all([this.prepare(fn, launcher), resolveAwsAccess(target, this.resolveAwsCredentials)]);
    const env = await ExecutionEnvironment.create(fn, this.deps, launcher, code, access, provisioned);
    if (env.state === 'dead') return env; // init failed at once (no bootstrap): its invoke() reports it
    this.all.add(env);
    env.onDeath(() => {
      this.all.delete(env);
      const list = this.idle.get(fn.logicalId);
      const i = list?.indexOf(env) ?? -1;
      if (i >= 0) list!.splice(i, 1);
    });
    return env;
  }

  /** An idle environment of the function, a provisioned one first (Lambda routes to those first). */
  private takeIdle(logicalId: string): ExecutionEnvironment | undefined {
    const list = this.idle.get(logicalId);
    if (!list?.length) return undefined;
    const i = list.findLastIndex((e) => e.provisioned);
    return i >= 0 ? list.splice(i, 1)[0] : list.pop();
  }

  /** Whether durations follow Memory Size here (cpuScaling asked, and a cpu cgroup to do it with). */
  get cpuScaled(): boolean {
    return this.deps.cpuScaling === true;
  }

  /** Resolves once the provisioned environments asked for so far are initialised. */
  provisionedReady(): Promise<void> {
    return this.provisioned.ready();
  }

  private idleList(logicalId: string): ExecutionEnvironment[] {
    let list = this.idle.get(logicalId);
    if (!list) this.idle.set(logicalId, (list = []));
    return list;
  }

  private reclaimIdle(): void {
    const cutoff = Date.now() - this.idleTimeoutMs;
    for (const list of this.idle.values()) {
      // Provisioned environments stay until their configuration changes, as on Lambda.
      for (const env of list.filter((e) => e.lastUsed < cutoff && !e.provisioned)) env.kill();
    }
  }
}
