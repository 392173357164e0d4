/** The invocation record and the bytes Lambda answers, from an environment's outcome or a throttle. */
import type { FunctionConfig } from '../../shared/domain/function-config.js';
import type { InvocationRecord } from '../../shared/domain/invocation.js';
import type { InvokeResult, ThrottleReason } from './engine.js';
import type { EnvironmentOutcome } from './environment-types.js';

type SandboxKind = NonNullable<InvocationRecord['sandbox']>;

export function outcomeResult(fn: FunctionConfig, requestId: string, startedAt: string, o: EnvironmentOutcome, sandbox: SandboxKind): InvokeResult {
  const record: InvocationRecord = {
    requestId,
    functionName: fn.functionName,
    logicalId: fn.logicalId,
    status: o.status,
    coldStart: o.coldStart,
    durationMs: round2(o.durationMs),
    billedDurationMs: o.billedDurationMs,
    memorySizeMb: fn.memorySizeMb,
    maxMemoryUsedMb: o.maxMemoryUsedMb,
    logStream: o.logStream,
    startedAt,
    logs: o.logs,
    sandbox,
  };
  if (o.awsCalls.length) record.awsCalls = o.awsCalls;
  if (o.awsTarget.mode === 'aws') record.awsTarget = o.awsTarget;
  if (o.initDurationMs !== undefined) record.initDurationMs = round2(o.initDurationMs);
  if (o.status === 'success') record.response = parseResponse(o.payload);
  else record.error = o.error;
  return { record, payload: o.payload, functionError: o.status === 'success' ? undefined : 'Unhandled' };
}

/** Lambda's 429: no environment, no logs, TooManyRequestsException with the throttle's reason. */
export function throttledResult(fn: FunctionConfig, requestId: string, startedAt: string, reason: ThrottleReason, sandbox: SandboxKind): InvokeResult {
  const record: InvocationRecord = {
    requestId,
    functionName: fn.functionName,
    logicalId: fn.logicalId,
    status: 'throttled',
    error: { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.', trace: [] },
    coldStart: false,
    durationMs: 0,
    billedDurationMs: 0,
    memorySizeMb: fn.memorySizeMb,
    maxMemoryUsedMb: 0,
    startedAt,
    logs: [],
    sandbox,
  };
  return { record, payload: Buffer.from(JSON.stringify({ Reason: reason, Type: 'User', message: 'Rate Exceeded.' })), throttleReason: reason };
}

function parseResponse(payload: Buffer): unknown {
  const text = payload.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
