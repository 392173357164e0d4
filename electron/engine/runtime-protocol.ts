/** Messages between the host and faaslab's own runtime processes, over Node's IPC channel. */

/** Host -> runtime: become this function's execution environment. */
export interface AssignMessage {
  t: 'assign';
  env: Record<string, string>;
  handler: string;
  taskRoot: string;
  /**
   * Freeze between invocations by holding: once the runtime has asked for its next event, it
   * blocks in a read of its stdin until the host writes a byte there. No JavaScript runs while
   * it blocks, as under SIGSTOP, but without two signals (and two SIGCHLDs) per invocation.
   */
  hold: boolean;
}

/** How faaslab's runtime says, on an answer with GET /next right behind it, how to freeze it. */
export const FREEZE_HEADER = 'x-faaslab-next';
export type FreezeMode = 'hold' | 'stop';

/** Runtime -> host: started and waiting for an assignment; one framed log record; or about to exit. */
export type RuntimeToHost = { t: 'ready' } | { t: 'log'; line: string } | { t: 'bye' };
