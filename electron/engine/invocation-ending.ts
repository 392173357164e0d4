import type { FunctionError, InvocationStatus } from '../../shared/domain/invocation.js';
import { LIMITS } from '../../shared/lambda/limits.js';
import { timeoutMessage } from '../../shared/lambda/log-lines.js';
import type { RuntimePost } from './runtime-api-server.js';

/** How init ended: the runtime asked for work, or it failed (error, exit, timeout, memory). */
export type InitResult = { ok: true } | { ok: false; status: InvocationStatus; error: FunctionError; payload?: Buffer; reportStatus: 'error' | 'timeout' };

/**
 * An answer faaslab's runtime sent over its channel (runtime-protocol.ts), behind all its log
 * records; `fatal`: an uncaught exception or unhandled rejection, after which it exits.
 */
export interface ChannelAnswer {
  fatal: boolean;
}

/** How an invocation in flight ended: an answer (by the Runtime API, or faaslab's channel) or not. */
export type Ending =
  | { kind: 'response'; post: RuntimePost; channel?: ChannelAnswer }
  | { kind: 'error'; post: RuntimePost; channel?: ChannelAnswer }
  | { kind: 'tooLarge'; size: number }
  | { kind: 'exit'; reason: string }
  | { kind: 'timeout' }
  | { kind: 'oom' };

/** Lambda's answer to an ending, and whether the environment survives it. */
export interface Interpreted {
  status: InvocationStatus;
  payload: Buffer;
  error?: FunctionError;
  endsEnvironment: boolean;
  /** What the REPORT line says after the figures: Status: timeout, or Status: error. */
  reportStatus?: 'error' | 'timeout';
}

export function interpretEnding(ending: Ending, requestId: string, timeoutSeconds: number): Interpreted {
  const fail = (status: InvocationStatus, error: FunctionError, endsEnvironment: boolean, reportStatus?: 'error' | 'timeout'): Interpreted => ({
    status,
    error,
    // Lambda's own errors (timeout, out of memory) carry no trace in the payload.
    payload: Buffer.from(JSON.stringify(status === 'error' || status === 'crashed' ? error : { errorType: error.errorType, errorMessage: error.errorMessage })),
    endsEnvironment,
    reportStatus,
  });
  switch (ending.kind) {
    case 'response':
      return { status: 'success', payload: ending.post.body, endsEnvironment: false };
    case 'error': {
      // faaslab's runtime marks an uncaught exception or unhandled rejection: it then exits.
      const fatal = ending.channel?.fatal === true;
      const error = parseError(ending.post.body, ending.post.errorType);
      return { status: fatal ? 'crashed' : 'error', payload: ending.post.body, error, endsEnvironment: fatal, reportStatus: fatal ? 'error' : undefined };
    }
    case 'tooLarge':
      return fail(
        'error',
        {
          errorType: 'Function.ResponseSizeTooLarge',
          errorMessage: `Response payload size (${ending.size} bytes) exceeded maximum allowed payload size (${LIMITS.syncPayloadBytes} bytes).`,
          trace: [],
        },
        false,
      );
    case 'exit':
      return fail('crashed', { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${ending.reason}`, trace: [] }, true, 'error');
    case 'oom':
      return fail('oom', { errorType: 'Runtime.OutOfMemory', errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`, trace: [] }, true, 'error');
    case 'timeout':
      return fail('timeout', { errorType: 'Sandbox.Timedout', errorMessage: timeoutMessage(requestId, timeoutSeconds), trace: [] }, true, 'timeout');
  }
}

export function failedInit(reportStatus: 'error' | 'timeout', error: FunctionError, payload?: Buffer): InitResult {
  return { ok: false, status: reportStatus === 'timeout' ? 'timeout' : 'error', error, payload, reportStatus };
}

/** Reads an error body posted by a runtime; Node uses `trace`, Python `stackTrace`. */
export function parseError(body: Buffer, headerType: string | undefined): FunctionError {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    const trace = (parsed.trace ?? parsed.stackTrace ?? []) as unknown;
    return {
      errorType: String(parsed.errorType ?? headerType ?? 'Unhandled'),
      errorMessage: String(parsed.errorMessage ?? ''),
      trace: Array.isArray(trace) ? trace.map(String) : [],
    };
  } catch {
    return { errorType: headerType ?? 'Unhandled', errorMessage: body.toString('utf8'), trace: [] };
  }
}
