import { HttpConnection, type HttpResponse } from './http-connection.js';

const NEXT = '/2018-06-01/runtime/invocation/next';

/** One invocation as the Runtime API hands it over (LAMBDA-SPEC section 1). */
export interface NextInvocation {
  requestId: string;
  deadlineMs: number;
  invokedFunctionArn: string;
  traceId?: string;
  clientContext?: string;
  cognitoIdentity?: string;
  event: Buffer;
}

export interface ErrorBody {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

/** Extra headers only faaslab's own runtimes send; a custom runtime never needs them. */
export type RuntimeExtras = Record<string, string>;

/** A client of the Lambda Runtime API (LAMBDA-SPEC section 1), on one keep-alive connection. */
export class RuntimeClient {
  private readonly conn: HttpConnection;

  constructor(address: string) {
    const colon = address.lastIndexOf(':');
    this.conn = new HttpConnection(address.slice(0, colon) || '127.0.0.1', Number(address.slice(colon + 1)));
  }

  async next(): Promise<NextInvocation> {
    return toInvocation(await this.conn.request('GET', NEXT, {}));
  }

  postError(requestId: string, error: ErrorBody, extras: RuntimeExtras = {}): Promise<unknown> {
    return this.conn.request('POST', `/2018-06-01/runtime/invocation/${requestId}/error`, errorHeaders(error, extras), JSON.stringify(error));
  }

  postInitError(error: ErrorBody, extras: RuntimeExtras = {}): Promise<unknown> {
    return this.conn.request('POST', '/2018-06-01/runtime/init/error', errorHeaders(error, extras), JSON.stringify(error));
  }
}

function errorHeaders(error: ErrorBody, extras: RuntimeExtras): Record<string, string> {
  return { ...extras, 'Lambda-Runtime-Function-Error-Type': error.errorType, 'Content-Type': 'application/json' };
}

function toInvocation(res: HttpResponse): NextInvocation {
  const h = res.headers;
  return {
    requestId: h['lambda-runtime-aws-request-id'] ?? '',
    deadlineMs: Number(h['lambda-runtime-deadline-ms'] ?? Date.now() + 3000),
    invokedFunctionArn: h['lambda-runtime-invoked-function-arn'] ?? '',
    traceId: h['lambda-runtime-trace-id'],
    clientContext: h['lambda-runtime-client-context'],
    cognitoIdentity: h['lambda-runtime-cognito-identity'],
    event: res.body,
  };
}
