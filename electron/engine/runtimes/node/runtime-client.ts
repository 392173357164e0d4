import http from 'node:http';

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

/** A minimal client of the Lambda Runtime API, on one keep-alive connection. */
export class RuntimeClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly host: string;
  private readonly port: number;

  constructor(address: string) {
    const [host, port] = address.split(':');
    this.host = host ?? '127.0.0.1';
    this.port = Number(port);
  }

  async next(): Promise<NextInvocation> {
    const res = await this.request('GET', '/2018-06-01/runtime/invocation/next');
    const h = res.headers;
    const header = (name: string) => {
      const v = h[name];
      return Array.isArray(v) ? v[0] : v;
    };
    return {
      requestId: header('lambda-runtime-aws-request-id') ?? '',
      deadlineMs: Number(header('lambda-runtime-deadline-ms') ?? Date.now() + 3000),
      invokedFunctionArn: header('lambda-runtime-invoked-function-arn') ?? '',
      traceId: header('lambda-runtime-trace-id'),
      clientContext: header('lambda-runtime-client-context'),
      cognitoIdentity: header('lambda-runtime-cognito-identity'),
      event: res.body,
    };
  }

  postResponse(requestId: string, body: Buffer | string, extras: RuntimeExtras = {}): Promise<unknown> {
    return this.request('POST', `/2018-06-01/runtime/invocation/${requestId}/response`, body, extras);
  }

  postError(requestId: string, error: ErrorBody, extras: RuntimeExtras = {}): Promise<unknown> {
    return this.request('POST', `/2018-06-01/runtime/invocation/${requestId}/error`, JSON.stringify(error), {
      ...extras,
      'Lambda-Runtime-Function-Error-Type': error.errorType,
      'content-type': 'application/json',
    });
  }

  postInitError(error: ErrorBody, extras: RuntimeExtras = {}): Promise<unknown> {
    return this.request('POST', '/2018-06-01/runtime/init/error', JSON.stringify(error), {
      ...extras,
      'Lambda-Runtime-Function-Error-Type': error.errorType,
      'content-type': 'application/json',
    });
  }

  private request(method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}) {
    return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = http.request(
        { host: this.host, port: this.port, method, path, agent: this.agent, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}
