/**
 * ProvisionedConcurrencyConfig (ARCHITECTURE.md, Lambda behaviour 7): environments initialised
 * ahead, as Lambda allocates them, with AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency.
 * They wait idle, are never reclaimed, and are replaced when one ends, unless its init failed
 * (a broken function is not restarted in a loop).
 */
import type { FunctionConfig } from '../../shared/domain/function-config.js';
import type { ExecutionEnvironment } from './execution-environment.js';

/** What provisioning needs of the engine. */
export interface ProvisionHost {
  closed(): boolean;
  /** The function's configuration now (it may have changed or gone since). */
  current(logicalId: string): FunctionConfig | undefined;
  runnable(logicalId: string): boolean;
  live(): Iterable<ExecutionEnvironment>;
  create(fn: FunctionConfig): Promise<ExecutionEnvironment>;
  /** Hands an environment to the function's idle ones. */
  makeIdle(env: ExecutionEnvironment): void;
}

export class ProvisionedConcurrency {
  private readonly creating = new Map<string, number>();
  private readonly waits = new Set<Promise<void>>();

  constructor(private readonly host: ProvisionHost) {}

  /** Starts what the function lacks of its provisioned environments. */
  ensure(fn: FunctionConfig): void {
    const want = fn.provisionedConcurrency ?? 0;
    if (!want || this.host.closed() || !this.host.runnable(fn.logicalId)) return;
    let have = this.creating.get(fn.logicalId) ?? 0;
    for (const env of this.host.live()) if (env.fn.logicalId === fn.logicalId && env.provisioned && !env.leaving) have++;
    for (let i = have; i < want; i++) {
      const pending = this.provisionOne(fn);
      this.waits.add(pending);
      void pending.finally(() => this.waits.delete(pending));
    }
  }

  /** Resolves once the provisioned environments asked for so far are initialised. */
  async ready(): Promise<void> {
    while (this.waits.size) await Promise.allSettled([...this.waits]);
  }

  private async provisionOne(fn: FunctionConfig): Promise<void> {
    const id = fn.logicalId;
    this.creating.set(id, (this.creating.get(id) ?? 0) + 1);
    let env: ExecutionEnvironment;
    try {
      env = await this.host.create(fn);
    } finally {
      this.creating.set(id, (this.creating.get(id) ?? 1) - 1);
    }
    if (env.state === 'dead') return;
    if (this.host.closed() || this.host.current(id)?.provisionedConcurrency === undefined) return env.kill();
    this.host.makeIdle(env);
    const ok = await env.initialized();
    env.onDeath(() => {
      const now = this.host.current(id);
      if (ok && now && !this.host.closed()) this.ensure(now);
    });
  }
}
