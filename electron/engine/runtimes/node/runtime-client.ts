import { HttpConnection, type HttpResponse } from './http-connection.js';

const NEXT = '/2018-06-01/runtime/invocation/next';

/** One invocation as the Runtime API hands it over (ARCHITECTURE.md, Lambda behaviour 1). */
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

/** A client of the Lambda Runtime API (ARCHITECTURE.md, Lambda behaviour 1), on one keep-alive connection. */
export class RuntimeClient {
  private readonly conn: HttpConnection;

  constructor(address: string) {
    const colon = address.lastIndexOf(':');
    this.conn = new HttpConnection(address.slice(0, colon) || '127.0.0.1', Number(address.slice(colon + 1)));
  }

  async next(): Promise<NextInvocation> {
    return toInvocation(await this.conn.request('GET', NEXT, {}));
  }

  postInitError(error: ErrorBody): Promise<unknown> {
    const headers = { 'Lambda-Runtime-Function-Error-Type': error.errorType, 'Content-Type': 'application/json' };
    return this.conn.request('POST', '/2018-06-01/runtime/init/error', headers, JSON.stringify(error));
  }
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
