/**
 * faaslab's local AWS endpoint: one HTTP server on 127.0.0.1 that speaks S3, DynamoDB, SQS, SNS
 * and EventBridge over their real wire protocols, backed by the open workspace's buckets, tables,
 * queues and topics. Functions reach it through AWS_ENDPOINT_URL; the AWS CLI and SDKs on the
 * user's machine can use it too. Like the HTTP trigger server it belongs to the host, so its port
 * survives workspace switches. Every call is reported (onCall) with the caller's access key id,
 * by which the engine files it under the invocation that made it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AwsCall } from '../../shared/domain/aws-call.js';
import { readBoundedBody } from '../base/bounded-body.js';
import { describeRequest, type AwsRequest } from './aws-request.js';
import { foreignCaller } from './local-callers.js';
import type { AwsService, LocalResources } from './service.js';
import { AwsError, jsonError, xmlFields, XML_DECLARATION, type AwsAnswer } from './wire.js';

/** LocalStack's port, which AWS tooling users already know; taken when free. */
export const DEFAULT_AWS_PORT = 4566;
/** S3's single PutObject limit is 5 GB; a local endpoint holding bodies in memory stops well before. */
const BODY_LIMIT = 1024 * 1024 * 1024;

export interface EndpointOptions {
  /** 0 for any free port; DEFAULT_AWS_PORT falls back to any free port when taken. */
  port?: number;
  region: string;
  services: readonly AwsService[];
  /** The open workspace's resources, or undefined when none is open. */
  resources(): Omit<LocalResources, 'endpointUrl'> | undefined;
  onCall?(call: AwsCall, accessKeyId: string | undefined): void;
}

export class LocalAwsEndpoint {
  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly opts: EndpointOptions,
  ) {}

  static async start(opts: EndpointOptions): Promise<LocalAwsEndpoint> {
    const server = createServer({ keepAlive: true });
    const port = await listen(server, opts.port ?? DEFAULT_AWS_PORT).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE' && (opts.port ?? DEFAULT_AWS_PORT) === DEFAULT_AWS_PORT) return listen(server, 0);
      throw err;
    });
    const endpoint = new LocalAwsEndpoint(server, port, opts);
    server.on('request', (req, res) => void endpoint.serve(req, res));
    return endpoint;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedAt = Date.now();
    const t0 = performance.now();
    const refusal = foreignCaller(req);
    if (refusal) {
      // Answered unread, in the protocol's error shape; no function made it, so no call is filed.
      req.resume();
      const request = describeRequest({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.alloc(0) }, this.opts.region);
      return this.send(res, request, genericError(new AwsError('AccessDenied', refusal, 403), request));
    }
    let read;
    try {
      read = await readBoundedBody(req, BODY_LIMIT);
    } catch {
      return void res.destroy();
    }
    const request = describeRequest({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: read.ok ? read.body : Buffer.alloc(0) }, this.opts.region);
    const service = this.opts.services.find((s) => s.name === request.service);
    let answer: AwsAnswer;
    let errorCode: string | undefined;
    try {
      if (!service)
        throw new AwsError(
          'NotImplemented',
          `faaslab's local endpoint has no ${request.service} service (it has ${this.opts.services.map((s) => s.name).join(', ')}); to call the real one, set the function's AWS target to real AWS`,
          501,
        );
      if (!read.ok) throw new AwsError('EntityTooLarge', `The request body is ${read.size} bytes; faaslab's local endpoint takes at most ${BODY_LIMIT}`, 413);
      const resources = this.opts.resources();
      if (!resources) throw new AwsError('ServiceUnavailable', "faaslab has no workspace open: the local services are the open workspace's resources", 503);
      answer = await service.handle(request, { ...resources, endpointUrl: this.url });
    } catch (err) {
      const error = err instanceof AwsError ? err : new AwsError('InternalError', `faaslab's local ${request.service}: ${(err as Error).message}`, 500);
      errorCode = error.code;
      answer = service ? service.renderError(error, request) : genericError(error, request);
    }
    this.send(res, request, answer);
    this.opts.onCall?.(
      {
        service: request.service,
        operation: request.operation ?? 'Unknown',
        ...(request.resource ? { resource: request.resource } : {}),
        status: answer.status,
        ...(errorCode ? { errorCode } : {}),
        startedAt,
        durationMs: Math.round((performance.now() - t0) * 100) / 100,
      },
      request.accessKeyId,
    );
  }

  private send(res: ServerResponse, req: AwsRequest, answer: AwsAnswer): void {
    const body = answer.body === undefined ? undefined : typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body;
    const headers: Record<string, string | number> = { ...answer.headers };
    // HEAD answers carry the object's Content-Length without a body.
    if (body && headers['content-length'] === undefined) headers['content-length'] = body.length;
    res.writeHead(answer.status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}

function genericError(err: AwsError, req: AwsRequest): AwsAnswer {
  if (req.target) return jsonError(err, '');
  return { status: err.status, headers: { 'content-type': 'application/xml' }, body: `${XML_DECLARATION}<Error>${xmlFields({ Code: err.code, Message: err.message })}</Error>` };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
