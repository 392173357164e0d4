import type { NextInvocation } from './runtime-client.js';

export interface LambdaContext {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  clientContext?: unknown;
  identity?: unknown;
  callbackWaitsForEmptyEventLoop?: boolean;
  getRemainingTimeInMillis(): number;
  done?(err?: unknown, result?: unknown): void;
  succeed?(result?: unknown): void;
  fail?(err?: unknown): void;
}

/**
 * The context object of ARCHITECTURE.md, Lambda behaviour 6; done/succeed/fail are the legacy callbacks, which
 * nodejs24.x removed together with callbackWaitsForEmptyEventLoop (`callbacks` false).
 */
export function createContext(inv: NextInvocation, env: NodeJS.ProcessEnv, callback: (err?: unknown, result?: unknown) => void, callbacks = true): LambdaContext {
  const base = {
    functionName: env.AWS_LAMBDA_FUNCTION_NAME ?? '',
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? '$LATEST',
    invokedFunctionArn: inv.invokedFunctionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '128',
    awsRequestId: inv.requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME ?? '',
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? '',
    clientContext: parseJson(inv.clientContext),
    identity: parseJson(inv.cognitoIdentity),
    getRemainingTimeInMillis: () => Math.max(0, inv.deadlineMs - Date.now()),
  };
  if (!callbacks) return base;
  return {
    ...base,
    callbackWaitsForEmptyEventLoop: true,
    done: (err?: unknown, result?: unknown) => callback(err, result),
    succeed: (result?: unknown) => callback(null, result),
    fail: (err?: unknown) => callback(err ?? 'handled'),
  };
}

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
