import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { killGroup } from './process-control.js';
import type { Reaper } from './reaper.js';
import type { ProcessLaunch } from './runtime-launcher.js';

interface Spare {
  proc: ChildProcess;
  ready: Promise<ChildProcess>;
}

/**
 * Runtime processes of one kind (faaslab's Node.js runtime, or its Python runtime on one
 * interpreter) started ahead of need, not yet bound to any function (ARCHITECTURE.md, "One invocation"):
 * a cold start then costs the function's own init, not a process start.
 */
export class SparePool {
  private readonly spares: Spare[] = [];
  private closed = false;

  constructor(
    private readonly launch: ProcessLaunch,
    private readonly reaper: Reaper,
    private size: number,
  ) {}

  /** Grows the pool to at least `size` spares (a workspace gained functions of this runtime). */
  ensureSize(size: number): void {
    this.size = Math.max(this.size, size);
    this.fill();
  }

  /** Starts spares up to the pool size, in the background. */
  fill(): void {
    while (!this.closed && this.spares.length < this.size) this.spares.push(this.startSpare());
  }

  /** A started runtime process, waiting for its assignment. */
  async take(): Promise<ChildProcess> {
    const spare = this.spares.shift() ?? this.startSpare();
    // The next spare starts once this one is up: two runtimes starting at once on a small
    // machine would make the cold start under way wait for both.
    const refill = () => setImmediate(() => this.fill());
    spare.ready.then(refill, refill);
    return spare.ready;
  }

  async ready(): Promise<void> {
    this.fill();
    await Promise.allSettled(this.spares.map((s) => s.ready));
  }

  get count(): number {
    return this.spares.length;
  }

  get pids(): number[] {
    return this.spares.flatMap((s) => (s.proc.pid ? [s.proc.pid] : []));
  }

  get owner(): string | undefined {
    return this.launch.owner;
  }

  close(): void {
    this.closed = true;
    for (const s of this.spares.splice(0)) {
      killGroup(s.proc.pid);
      this.reaper.forget(s.proc.pid);
      this.launch.release?.(s.proc.pid);
    }
  }

  private startSpare(): Spare {
    const proc = spawn(this.launch.command, this.launch.args, {
      // fd 4 is the event pipe (runtime-protocol.ts).
      stdio: ['ignore', 'pipe', 'pipe', 'ipc', 'pipe'],
      detached: true,
      windowsHide: true,
      cwd: os.tmpdir(),
      // Only what must be known at process start; the function's variables replace all of it.
      env: this.launch.env,
    });
    this.reaper.watch(proc.pid);
    const spare: Spare = {
      proc,
      ready: new Promise((resolve, reject) => {
        const onMessage = (msg: { t?: string }) => {
          if (msg?.t !== 'ready') return;
          proc.off('message', onMessage);
          resolve(proc);
        };
        proc.on('message', onMessage);
        proc.once('error', reject);
        proc.once('exit', (code, signal) => {
          const i = this.spares.indexOf(spare);
          if (i >= 0) this.spares.splice(i, 1);
          this.reaper.forget(proc.pid);
          this.launch.release?.(proc.pid);
          reject(new Error(`the ${this.launch.name} runtime process exited before it was ready (${signal ?? `exit status ${code}`})`));
        });
      }),
    };
    spare.ready.catch(() => {}); // a spare nobody took may fail unobserved
    return spare;
  }
}

/** One pool per kind of runtime process, made on first use. */
export class SparePools {
  private readonly pools = new Map<string, SparePool>();
  private closed = false;

  /** `size`: spares kept per pool (0: none; a one-shot `faaslab invoke` wants no second process). */
  constructor(
    private readonly reaper: Reaper,
    private readonly size = 1,
  ) {}

  pool(launch: ProcessLaunch, size = this.size): SparePool {
    let pool = this.pools.get(launch.key);
    if (!pool) {
      pool = new SparePool(launch, this.reaper, this.closed ? 0 : size);
      this.pools.set(launch.key, pool);
      pool.fill();
    } else if (!this.closed) pool.ensureSize(size);
    return pool;
  }

  take(launch: ProcessLaunch): Promise<ChildProcess> {
    return this.pool(launch).take();
  }

  async ready(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.ready()));
  }

  pids(): number[] {
    return [...this.pools.values()].flatMap((p) => p.pids);
  }

  /** Ends the spares started for one function (sandboxed spares are per function). */
  closeOwnedBy(owner: string): void {
    for (const [key, pool] of this.pools) {
      if (pool.owner !== owner) continue;
      pool.close();
      this.pools.delete(key);
    }
  }

  get count(): number {
    let n = 0;
    for (const p of this.pools.values()) n += p.count;
    return n;
  }

  close(): void {
    this.closed = true;
    for (const p of this.pools.values()) p.close();
  }
}
