import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LIMITS } from '../../shared/lambda/limits.js';
import { readBoundedBody, type BodyRead } from '../base/bounded-body.js';

/** An invocation waiting to be handed to the runtime by GET /runtime/invocation/next. */
export interface PendingEvent {
  requestId: string;
  deadlineMs: number;
  functionArn: string;
  traceId: string;
  clientContext?: string;
  cognitoIdentity?: string;
  payload: Buffer;
}

export interface RuntimePost {
  requestId: string;
  body: Buffer;
  headers: http.IncomingHttpHeaders;
  /** The function's error type, from the header or the streaming trailer. */
  errorType?: string;
}

export interface RuntimeApiHandlers {
  /** The runtime asked for work: init is over (first call), or the last invocation is answered. */
  onNext(): void;
  onResponse(post: RuntimePost): void;
  onError(post: RuntimePost): void;
  onInitError(post: RuntimePost): void;
  /** The function answered more than Lambda's 6 MB: the runtime got 413. */
  onResponseTooLarge(requestId: string, size: number): void;
}

const PREFIX = '/2018-06-01/runtime/';

/**
 * The Lambda Runtime API (ARCHITECTURE.md, Lambda behaviour 1) for one execution environment, on 127.0.0.1.
 * One environment serves one invocation at a time, so there is at most one event in flight.
 */
export class RuntimeApiServer {
  private waiting: http.ServerResponse | undefined;
  private queued: PendingEvent | undefined;
  private inFlight: string | undefined;
  private initialized = false;

  private constructor(
    private readonly server: http.Server,
    private readonly handlers: RuntimeApiHandlers,
  ) {}

  static async start(handlers: RuntimeApiHandlers): Promise<RuntimeApiServer> {
    // The server calls back only after listen(), by which time api is set.
    const server = http.createServer((req, res) => api.route(req, res));
    server.keepAliveTimeout = 0; // a runtime may poll for minutes between invocations
    server.headersTimeout = 0;
    server.requestTimeout = 0;
    const api = new RuntimeApiServer(server, handlers);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return api;
  }

  /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
  get address(): string {
    const { port } = this.server.address() as AddressInfo;
    return `127.0.0.1:${port}`;
  }

  /** The runtime is blocked in GET /next: it has finished its work and waits for more. */
  get runtimeWaiting(): boolean {
    return this.waiting !== undefined && !this.waiting.writableEnded;
  }

  deliver(event: PendingEvent): void {
    this.queued = event;
    if (this.waiting) this.sendNext(this.waiting);
  }

  close(): void {
    this.waiting?.destroy();
    this.server.closeAllConnections();
    this.server.close();
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = req.url ?? '';
    if (!url.startsWith(PREFIX)) return reply(res, 404, { errorType: 'NotFound', errorMessage: `No route for ${url}` });
    const rest = url.slice(PREFIX.length);
    if (req.method === 'GET' && rest === 'invocation/next') return this.next(res);
    if (req.method === 'POST' && rest === 'init/error') return this.initError(req, res);
    const m = /^invocation\/([^/]+)\/(response|error)$/.exec(rest);
    if (req.method === 'POST' && m) return this.post(req, res, decodeURIComponent(m[1]!), m[2] as 'response' | 'error');
    reply(res, 404, { errorType: 'NotFound', errorMessage: `No route for ${req.method} ${url}` });
  }

  private next(res: http.ServerResponse): void {
    if (this.waiting && !this.waiting.writableEnded) {
      return reply(res, 403, { errorType: 'InvalidStateTransition', errorMessage: 'Another /next request is already waiting' });
    }
    this.initialized = true;
    this.inFlight = undefined;
    this.waiting = res;
    res.on('close', () => {
      if (this.waiting === res) this.waiting = undefined;
    });
    if (this.queued) this.sendNext(res);
    else this.handlers.onNext();
  }

  private sendNext(res: http.ServerResponse): void {
    const ev = this.queued!;
    this.queued = undefined;
    this.waiting = undefined;
    this.inFlight = ev.requestId;
    const headers: http.OutgoingHttpHeaders = {
      'content-type': 'application/json',
      'content-length': ev.payload.length,
      'lambda-runtime-aws-request-id': ev.requestId,
      'lambda-runtime-deadline-ms': String(ev.deadlineMs),
      'lambda-runtime-invoked-function-arn': ev.functionArn,
      'lambda-runtime-trace-id': ev.traceId,
    };
    if (ev.clientContext) headers['lambda-runtime-client-context'] = ev.clientContext;
    if (ev.cognitoIdentity) headers['lambda-runtime-cognito-identity'] = ev.cognitoIdentity;
    res.writeHead(200, headers);
    res.end(ev.payload);
  }

  private initError(req: http.IncomingMessage, res: http.ServerResponse): void {
    whenRead(req, (read) => {
      if (this.initialized) {
        return reply(res, 403, { errorType: 'InvalidStateTransition', errorMessage: 'Init already finished' });
      }
      reply(res, 202, { status: 'OK' });
      this.handlers.onInitError({ requestId: '', body: read.ok ? read.body : Buffer.alloc(0), headers: req.headers, errorType: header(req, 'lambda-runtime-function-error-type') });
    });
  }

  private post(req: http.IncomingMessage, res: http.ServerResponse, requestId: string, kind: 'response' | 'error'): void {
    if (requestId !== this.inFlight) {
      req.resume();
      return reply(res, 400, { errorType: 'InvalidRequestID', errorMessage: `Invalid request ID: "${requestId}"` });
    }
    // Claimed now, not when the body has arrived: a pipelined GET /next is parsed before this
    // body's end (a runtime may pipeline), and a second answer to the same invocation must fail.
    this.inFlight = undefined;
    whenRead(req, (read) => {
      if (!read.ok) {
        reply(res, 413, { errorType: 'RequestEntityTooLarge', errorMessage: `Exceeded maximum allowed payload size (${LIMITS.syncPayloadBytes} bytes).` });
        return this.handlers.onResponseTooLarge(requestId, read.size);
      }
      const { body } = read;
      reply(res, 202, { status: 'OK' });
      // A streamed response reports a late error in trailers (ARCHITECTURE.md, Lambda behaviour 1).
      const trailerType = header(req, 'lambda-runtime-function-error-type', req.trailers);
      const errorType = header(req, 'lambda-runtime-function-error-type') ?? trailerType;
      if (kind === 'error') return this.handlers.onError({ requestId, body, headers: req.headers, errorType });
      if (trailerType) {
        const encoded = header(req, 'lambda-runtime-function-error-body', req.trailers);
        const errorBody = encoded ? Buffer.from(encoded, 'base64') : body;
        return this.handlers.onError({ requestId, body: errorBody, headers: req.headers, errorType: trailerType });
      }
      this.handlers.onResponse({ requestId, body, headers: req.headers });
    });
  }
}

function header(req: http.IncomingMessage, name: string, from: NodeJS.Dict<string | string[]> = req.headers): string | undefined {
  const v = from[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The body, up to Lambda's 6 MB; a runtime that goes away mid-body is its environment's death, reported there. */
function whenRead(req: http.IncomingMessage, then: (read: BodyRead) => void): void {
  readBoundedBody(req, LIMITS.syncPayloadBytes).then(then, () => undefined);
}

function reply(res: http.ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
