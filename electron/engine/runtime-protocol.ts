/** Messages between the host and faaslab's own runtime processes, over Node's IPC channel. */

/** Host -> runtime: become this function's execution environment. */
export interface AssignMessage {
  t: 'assign';
  env: Record<string, string>;
  handler: string;
  taskRoot: string;
}

/** Runtime -> host: started and waiting for an assignment; one framed log record; or about to exit. */
export type RuntimeToHost = { t: 'ready' } | { t: 'log'; line: string } | { t: 'bye' };
