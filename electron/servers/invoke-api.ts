/**
 * Lambda's Invoke API over HTTP (ARCHITECTURE.md, Lambda behaviour 2), so the AWS SDKs and the AWS CLI can call
 * faaslab's functions with `--endpoint-url`, as they call `sam local start-lambda`. Besides Invoke
 * it answers the read-only calls tools make first (ListFunctions, GetFunction).
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { FunctionConfig } from '../../shared/domain/function-config.js';
import { LIMITS } from '../../shared/lambda/limits.js';
import { readBoundedBody } from '../base/bounded-body.js';
import type { Engine, InvokeRequest, InvokeResult } from '../engine/engine.js';
import { FunctionConfigError, FunctionNotFoundError } from '../engine/engine-errors.js';
import { runOnce, type EventInvoker } from '../triggers/event-invoker.js';
import { functionConfiguration, getFunctionResponse } from './function-configuration.js';

/** Handles a request and returns true, or returns false when the path is not an Invoke API route. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface InvokeApiOptions {
  /** Where failures nobody waits for go: Event invocations run after their 202 was sent. */
  log?: (message: string) => void;
  /** Where Event invocations go: a host's workspace session queues them (retries, destinations, DLQ); without one each runs once. */
  async?: EventInvoker;
}

export interface InvokeApiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A service error: `name` becomes x-amzn-ErrorType, which the SDK maps to its exception class. */
class ApiError extends Error {
  constructor(
    readonly status: number,
    override readonly name: string,
    message: string,
    readonly type: 'User' | 'Service' = 'User',
  ) {
    super(message);
  }
}

interface Call {
  engine: Engine;
  async: EventInvoker;
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
  requestId: string;
  log: (message: string) => void;
}

type Route = { method: string; path: RegExp; run: (call: Call, ref: string) => Promise<void> };

/** Everything under it is Lambda's: an unknown path there is an unknown operation, not another server's. */
const API_PREFIX = '/2015-03-31/';
const ROUTES: Route[] = [
  { method: 'POST', path: /^\/2015-03-31\/functions\/([^/]+)\/invocations$/, run: invoke },
  // The SDK asks for /functions, the AWS CLI for /functions/.
  { method: 'GET', path: /^\/2015-03-31\/functions\/?()$/, run: listFunctions },
  { method: 'GET', path: /^\/2015-03-31\/functions\/([^/]+)$/, run: getFunction },
  { method: 'GET', path: /^\/2015-03-31\/functions\/([^/]+)\/configuration$/, run: getFunctionConfiguration },
  { method: 'POST', path: /^\/2021-11-15\/functions\/([^/]+)\/response-streaming-invocations$/, run: invokeWithResponseStream },
];

export function createInvokeApi(engine: Engine, opts: InvokeApiOptions = {}): RequestHandler {
  const log = opts.log ?? ((message: string) => console.error(message));
  const async = opts.async ?? runOnce(engine, { log });
  return (req, res) => {
    const [pathname = '', search = ''] = (req.url ?? '').split('?', 2);
    const found = matchRoute(req.method, pathname);
    if (!found && !pathname.startsWith(API_PREFIX)) return false;
    const call: Call = { engine, async, req, res, query: new URLSearchParams(search), requestId: randomUUID(), log };
    const work = found
      ? Promise.resolve().then(() => found.route.run(call, found.ref))
      : Promise.reject(new ApiError(404, 'UnknownOperationException', `Unknown operation ${req.method} ${pathname}: faaslab offers Invoke, ListFunctions, GetFunction and GetFunctionConfiguration`));
    work.catch((err: unknown) => sendError(call, toApiError(err, call)));
    return true;
  };
}

function matchRoute(method: string | undefined, pathname: string): { route: Route; ref: string } | undefined {
  for (const route of ROUTES) {
    const m = route.method === method ? route.path.exec(pathname) : null;
    if (m) return { route, ref: decodeRef(m[1] ?? '') };
  }
  return undefined;
}

export async function startInvokeApiServer(engine: Engine, opts: { host?: string; port?: number } & InvokeApiOptions = {}): Promise<InvokeApiServer> {
  const { host = '127.0.0.1', port = 0 } = opts;
  const handle = createInvokeApi(engine, opts);
  const server = http.createServer((req, res) => {
    if (handle(req, res)) return;
    const call = { res, requestId: randomUUID() };
    sendError(call, new ApiError(404, 'UnknownOperationException', `No Invoke API route for ${req.method} ${req.url}`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    port: address.port,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // SDK clients keep sockets alive; without this, close() waits for them to time out.
        server.closeAllConnections();
      })),
  };
}

// --- Invoke ------------------------------------------------------------------------------------

const INVOCATION_TYPES = ['RequestResponse', 'Event', 'DryRun'] as const;
type InvocationType = (typeof INVOCATION_TYPES)[number];

async function invoke(call: Call, ref: string): Promise<void> {
  const { engine, req } = call;
  const type = invocationType(header(req, 'x-amz-invocation-type'));
  const logType = header(req, 'x-amz-log-type') ?? 'None';
  if (logType !== 'None' && logType !== 'Tail') {
    throw new ApiError(400, 'InvalidParameterValueException', `LogType "${logType}" is not valid: use None or Tail`);
  }
  const limit = type === 'Event' ? LIMITS.asyncPayloadBytes : LIMITS.syncPayloadBytes;
  const read = await readBoundedBody(req, limit);
  if (!read.ok) throw new ApiError(413, 'RequestTooLargeException', `Request must be smaller than ${limit} bytes for the InvokeFunction operation`);
  const fn = findFunction(call, ref);
  const request: InvokeRequest = { payload: checkJson(read.body), clientContext: clientContext(header(req, 'x-amz-client-context')) };

  const problems = engine.problemsOf(fn.logicalId);
  if (problems.length) throw new ApiError(400, 'InvalidParameterValueException', `${fn.functionName} cannot run: ${problems.join('; ')}`);
  if (type === 'DryRun') return send(call, 204);
  if (type === 'Event') {
    // Lambda queues the event and answers at once; the invocation's outcome reaches the UI
    // through the engine's events. The 202's request id is the one the invocation then runs
    // with, as on Lambda.
    call.async.enqueue(fn.logicalId, { ...request, requestId: call.requestId }, 'lambda');
    return send(call, 202);
  }

  // One id for the answer and the invocation, throttled or not: the x-amzn-RequestId a caller
  // sees is the one its record has in the history (and the function's awsRequestId).
  const result = await engine.invoke(fn.logicalId, { ...request, requestId: call.requestId, source: 'invoke-api' });
  if (result.throttleReason) {
    // The engine's payload is already Lambda's throttle body: {Reason, Type, message}.
    return send(call, 429, result.payload, { 'x-amzn-ErrorType': 'TooManyRequestsException', 'Retry-After': '1' });
  }
  send(call, 200, result.payload, invokeHeaders(result, logType === 'Tail'));
}

function invokeHeaders(result: InvokeResult, tail: boolean): Record<string, string> {
  const headers: Record<string, string> = { 'X-Amz-Executed-Version': '$LATEST' };
  if (result.functionError) headers['X-Amz-Function-Error'] = result.functionError;
  if (tail) headers['X-Amz-Log-Result'] = logTail(result.record.logs);
  return headers;
}

function invocationType(value: string | undefined): InvocationType {
  if (value === undefined || value === '') return 'RequestResponse'; // the AWS CLI sends none
  if ((INVOCATION_TYPES as readonly string[]).includes(value)) return value as InvocationType;
  throw new ApiError(400, 'InvalidParameterValueException', `InvocationType "${value}" is not valid: use RequestResponse, Event or DryRun`);
}

/** The payload the engine gets: the exact bytes, once they are known to be JSON. */
function checkJson(body: Buffer): Buffer | undefined {
  if (body.length === 0) return undefined; // the engine sends {} for an empty payload
  try {
    JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new ApiError(400, 'InvalidRequestContentException', `Could not parse request body into json: ${(err as Error).message}`);
  }
  return body;
}

/** X-Amz-Client-Context is base64 of a JSON object; the runtime receives the JSON text. */
function clientContext(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const invalid = new ApiError(400, 'InvalidRequestContentException', 'Client context must be a valid Base64-encoded JSON object.');
  const bytes = Buffer.from(value, 'base64');
  // Node's decoder skips characters it does not know; re-encoding shows whether any were there.
  if (bytes.toString('base64').replace(/=+$/, '') !== value.replace(/=+$/, '')) throw invalid;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid;
    return text;
  } catch {
    throw invalid;
  }
}

/** The end of the invocation's log, at most 4 KB, without a split UTF-8 character at its start. */
export function logTail(lines: string[]): string {
  const bytes = Buffer.from(lines.join('\n'), 'utf8');
  let start = Math.max(0, bytes.length - LIMITS.logTailBytes);
  while (start < bytes.length && (bytes[start]! & 0xc0) === 0x80) start++; // skip continuation bytes
  return bytes.subarray(start).toString('base64');
}

// --- Read-only calls ----------------------------------------------------------------------------

const PAGE_SIZE = 50;

async function listFunctions(call: Call): Promise<void> {
  const all = call.engine.listFunctions();
  // NextMarker is the index of the next function: opaque to callers, stable while the workspace is.
  const marker = call.query.get('Marker');
  const start = marker ? Number(marker) : 0;
  if (!Number.isInteger(start) || start < 0 || start > all.length) {
    throw new ApiError(400, 'InvalidParameterValueException', `Marker "${marker}" is not one this endpoint returned`);
  }
  const maxItems = call.query.get('MaxItems');
  const max = maxItems ? Number(maxItems) : PAGE_SIZE;
  // Lambda accepts up to 10,000 but never returns more than 50 at a time.
  if (!Number.isInteger(max) || max < 1 || max > 10_000) {
    throw new ApiError(400, 'InvalidParameterValueException', `MaxItems "${maxItems}" is not valid: a whole number from 1 to 10000`);
  }
  const end = Math.min(start + Math.min(max, PAGE_SIZE), all.length);
  const functions = await Promise.all(all.slice(start, end).map((fn) => functionConfiguration(call.engine, fn)));
  sendJson(call, 200, { Functions: functions, ...(end < all.length ? { NextMarker: String(end) } : {}) });
}

async function getFunction(call: Call, ref: string): Promise<void> {
  sendJson(call, 200, await getFunctionResponse(call.engine, findFunction(call, ref)));
}

async function getFunctionConfiguration(call: Call, ref: string): Promise<void> {
  sendJson(call, 200, await functionConfiguration(call.engine, findFunction(call, ref)));
}

async function invokeWithResponseStream(call: Call, ref: string): Promise<void> {
  findFunction(call, ref);
  throw new ApiError(400, 'InvalidParameterValueException', 'faaslab does not support response streaming yet: call Invoke (the /invocations path) instead');
}

// --- Shared pieces ------------------------------------------------------------------------------

/**
 * The function a request names, from the path and the Qualifier parameter. Only $LATEST runs
 * locally: a workspace has no published versions or aliases to resolve a qualifier against.
 */
function findFunction(call: Call, ref: string): FunctionConfig {
  const { engine } = call;
  const found = engine.resolveFunction(ref);
  if (!found) throw new ApiError(404, 'ResourceNotFoundException', `Function not found: ${requestedArn(engine, ref)}`);
  const queried = call.query.get('Qualifier') || undefined;
  if (queried && found.qualifier && queried !== found.qualifier) {
    throw new ApiError(400, 'InvalidParameterValueException', 'The derived qualifier from the function name does not match the specified qualifier.');
  }
  const qualifier = queried ?? found.qualifier;
  if (qualifier && qualifier !== '$LATEST') {
    const arn = `${engine.functionArn(found.fn)}:${qualifier}`;
    throw new ApiError(404, 'ResourceNotFoundException', `Function not found: ${arn} (faaslab runs $LATEST only: versions and aliases are not published locally)`);
  }
  return found.fn;
}

/** The ARN Lambda names in "Function not found", whichever form the caller used. */
function requestedArn(engine: Engine, ref: string): string {
  if (ref.startsWith('arn:')) return ref;
  if (/^\d{12}:function:/.test(ref)) return `arn:aws:lambda:${engine.region}:${ref}`;
  return `arn:aws:lambda:${engine.region}:${engine.accountId}:function:${ref}`;
}

function decodeRef(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a stray % cannot name a function; resolving it gives an honest 404
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function toApiError(err: unknown, call: Call): ApiError {
  if (err instanceof ApiError) return err;
  // The engine can still refuse after the lookup: a closed engine, a function with problems.
  if (err instanceof FunctionNotFoundError) return new ApiError(404, 'ResourceNotFoundException', err.message);
  if (err instanceof FunctionConfigError) return new ApiError(400, 'InvalidParameterValueException', err.message);
  call.log(`Invoke API: ${call.req.method} ${call.req.url} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return new ApiError(500, 'ServiceException', `faaslab could not complete the request: ${err instanceof Error ? err.message : String(err)}`, 'Service');
}

function sendError(call: Pick<Call, 'res' | 'requestId'>, err: ApiError): void {
  if (call.res.headersSent) return void call.res.destroy();
  const body = Buffer.from(JSON.stringify({ Type: err.type, Message: err.message }));
  send(call, err.status, body, { 'x-amzn-ErrorType': err.name });
}

function sendJson(call: Call, status: number, value: unknown): void {
  send(call, status, Buffer.from(JSON.stringify(value)));
}

function send(call: Pick<Call, 'res' | 'requestId'>, status: number, body?: Buffer, headers: Record<string, string> = {}): void {
  const { res } = call;
  res.statusCode = status;
  res.setHeader('x-amzn-RequestId', call.requestId);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (body) {
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Content-Length', body.length);
  }
  res.end(body);
}
