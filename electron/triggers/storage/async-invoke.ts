/**
 * Asynchronous invocation (InvocationType Event), which S3 notifications use. In a host session
 * the engine's asyncInvoke (the session's async queue: retries, ages, destinations) takes them;
 * this adapter is the fallback without one (and a test seam): it runs the function at once
 * through engine.invoke without the caller waiting.
 */
import type { Engine, InvokeResult } from '../../engine/engine.js';

/** Starts an invocation; resolves with its result when it ends (callers need not wait). */
export type AsyncInvoke = (logicalId: string, payload: string, source: string) => Promise<InvokeResult>;

export function directAsyncInvoke(engine: Engine): AsyncInvoke {
  return (logicalId, payload) => engine.invoke(logicalId, { payload });
}
