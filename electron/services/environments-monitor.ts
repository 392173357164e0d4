import type { EventData } from '../../shared/api/contract.js';
import type { Engine } from '../engine/engine.js';

type EnvironmentsState = EventData<'environments'>;

/** Polled as well as checked on events: idle reclaim and starting invocations have no event of their own. */
const POLL_MS = 1000;

/**
 * Pushes the warm (idle) and busy environment counts per function whenever they change: after
 * invocations, retirements and resets, and on a slow poll for everything else.
 */
export class EnvironmentsMonitor {
  private last = '';
  private readonly timer: NodeJS.Timeout;
  private scheduled = false;
  private closed = false;

  constructor(
    private readonly engine: () => { engine: Engine; functions: string[] } | undefined,
    private readonly push: (state: EnvironmentsState) => void,
  ) {
    this.timer = setInterval(() => this.check(), POLL_MS).unref();
  }

  static state(engine: Engine, functions: string[]): EnvironmentsState {
    const counts = new Map(functions.map((id) => [id, { logicalId: id, warm: 0, busy: 0 }]));
    for (const env of engine.environments()) {
      const c = counts.get(env.logicalId) ?? { logicalId: env.logicalId, warm: 0, busy: 0 };
      if (env.state === 'idle') c.warm++;
      else if (env.state === 'busy' || env.state === 'initializing') c.busy++;
      counts.set(env.logicalId, c);
    }
    return [...counts.values()];
  }

  /** Checks on the next turn, once environments that are ending have been removed. */
  soon(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.check();
    });
  }

  /** The counts now, for a client that has just connected (pushes only report changes). */
  snapshot(): EnvironmentsState | undefined {
    const open = this.engine();
    return open && EnvironmentsMonitor.state(open.engine, open.functions);
  }

  check(): void {
    if (this.closed) return;
    const open = this.engine();
    if (!open) return; // the host closed meanwhile
    const { engine, functions } = open;
    const state = EnvironmentsMonitor.state(engine, functions);
    const key = JSON.stringify(state);
    if (key === this.last) return;
    this.last = key;
    this.push(state);
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
  }
}
