import type { EventData, EventName, MethodName, Output } from '../../shared/api/contract.js';
import type { HostErrorShape } from '../../shared/api/contract.js';

export type Push = { [E in EventName]: { event: E; data: EventData<E> } }[EventName];

/**
 * The host API as the transports see it: one call() that validates its input against the
 * contract (shared/api/contract.ts) and answers the contract's output, and one event stream.
 * Electron IPC (preload.ts) and the WebSocket of browser mode both sit on this.
 */
export interface Host {
  call<M extends MethodName>(method: M, params: unknown): Promise<Output<M>>;
  subscribe(listener: (push: Push) => void): () => void;
  /** The workspace folder open now (it changes with workspace.open). */
  readonly workspaceDir: string;
  /** The engine of the workspace open now, for the Invoke API that shares the host's server. */
  readonly engine: import('../engine/engine.js').Engine;
  /** The async invocation queue of the workspace open now, where the Invoke API's Event invocations go. */
  readonly async: import('../triggers/event-invoker.js').EventInvoker;
  /** faaslab's local AWS endpoint (http://127.0.0.1:port), the AWS_ENDPOINT_URL of every function. */
  readonly awsEndpoint: string;
  close(): Promise<void>;
}

/** A failure with a code the renderer can act on; anything else becomes a ServiceError. */
export class HostError extends Error {
  constructor(
    readonly code: HostErrorShape['code'],
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }

  toShape(): HostErrorShape {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}
