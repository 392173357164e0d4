import { canFreeze, signalGroup } from './process-control.js';
import type { FreezeMode } from './runtime-protocol.js';

/**
 * Lambda's freeze between invocations for one environment: timers and background work stand
 * still from the moment the runtime asks for its next event until the event is there. faaslab's
 * Node.js runtime holds itself (blocked on its event pipe) or asks for SIGSTOP too when worker
 * threads or child processes could run on; any other runtime is stopped with SIGSTOP while its
 * GET /next waits. POSIX only: elsewhere environments run on between invocations.
 */
export class Freezer {
  private state: false | 'stopped' | 'held' = false;

  constructor(
    private readonly enabled: boolean,
    private readonly pid: () => number | undefined,
  ) {}

  get frozen(): boolean {
    return this.state !== false;
  }

  /** Any runtime, waiting in GET /next with nothing to do. */
  stop(): void {
    if (!this.enabled || !canFreeze || this.state) return;
    if (signalGroup(this.pid(), 'SIGSTOP')) this.state = 'stopped';
  }

  /** faaslab's runtime answered and now waits for its next event, blocked. */
  answered(mode: FreezeMode): void {
    if (!this.enabled || !canFreeze || this.state) return;
    if (mode === 'hold') this.state = 'held';
    else this.stop();
  }

  /** Called once the next event is written: a held runtime woke with it, a stopped one needs SIGCONT. */
  thaw(): void {
    if (this.state === 'stopped') signalGroup(this.pid(), 'SIGCONT');
    this.state = false;
  }
}
