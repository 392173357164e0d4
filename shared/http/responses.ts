/**
 * A function's result turned into the HTTP response the caller gets (ARCHITECTURE.md, Lambda behaviour 9).
 *
 * 2.0 (HTTP APIs, Function URLs): valid JSON without statusCode is a 200 application/json whose
 * body is that JSON; a string result is the body itself on an HTTP API, while Lambda documents
 * a Function URL sending the JSON text, quotes included (stringResult 'json'); cookies[] become
 * set-cookie headers; isBase64Encoded decodes the body; multiValueHeaders is not part of 2.0
 * and is ignored, as are unknown keys.
 * 1.0: statusCode is required; headers and multiValueHeaders merge (a pair in both appears
 * once); a REST API refuses unknown keys and decodes a base64 body only for binaryMediaTypes
 * (media-types.ts), an HTTP API with payload 1.0 ignores unknown keys and always decodes.
 * Anything malformed is 502 {"message":"Internal server error"}, with the reason in `malformed`.
 */
import type { PayloadFormat } from '../domain/triggers.js';
import { fromBase64, fromUtf8, utf8 } from './bytes.js';
import { GATEWAY_ERRORS, gatewayErrorBody, type GatewayError } from './gateway-errors.js';
import { firstAccepted, matchesMediaType } from './media-types.js';

export interface GatewayResponse {
  statusCode: number;
  /** Header pairs in order; a name may repeat (set-cookie). */
  headers: Array<[string, string]>;
  body: Uint8Array;
  /** Why the function's result was refused (the caller got a 502), for the log. */
  malformed?: string;
}

export function gatewayError(error: GatewayError, malformed?: string): GatewayResponse {
  const response: GatewayResponse = { statusCode: error.statusCode, headers: [['content-type', 'application/json']], body: utf8(gatewayErrorBody(error)) };
  if (malformed) response.malformed = malformed;
  return response;
}

class Malformed extends Error {}

export interface HttpApiResponseOptions {
  /** 'body': a string result is the body (HTTP API); 'json': the JSON text is (Function URL). */
  stringResult?: 'body' | 'json';
}

/** An HTTP API's (or a Function URL's) reading of a function's result. */
export function mapHttpApiResponse(payload: Uint8Array, format: PayloadFormat, opts: HttpApiResponseOptions = {}): GatewayResponse {
  return guarded(() => {
    const text = fromUtf8(payload);
    const value = parseJson(text);
    if (format === '1.0') return v1(value, { strictKeys: false, decode: () => true });
    if (!isPlainObject(value) || !('statusCode' in value)) {
      const body = typeof value === 'string' && opts.stringResult !== 'json' ? value : text;
      return { statusCode: 200, headers: [['content-type', 'application/json']], body: utf8(body) };
    }
    const headers = headerPairs(value.headers);
    if (Array.isArray(value.cookies)) for (const c of value.cookies) headers.push(['set-cookie', String(c)]);
    return finish(statusCode(value.statusCode), headers, value.body, base64Flag(value.isBase64Encoded));
  });
}

/** A REST API's reading of a function's result. `accept` is the request's Accept header. */
export function mapRestApiResponse(payload: Uint8Array, opts: { binaryMediaTypes: readonly string[]; accept?: string }): GatewayResponse {
  return guarded(() => {
    const value = parseJson(fromUtf8(payload));
    const accepted = firstAccepted(opts.accept);
    return v1(value, { strictKeys: true, decode: () => accepted !== undefined && matchesMediaType(accepted, opts.binaryMediaTypes) });
  });
}

/**
 * A RESPONSE_STREAM Function URL's buffered answer: an HTTP-integration stream starts with a
 * JSON prelude (statusCode, headers, cookies) and eight NUL bytes; any other stream is the body.
 */
export function mapStreamingResponse(payload: Uint8Array): GatewayResponse {
  const separator = findNulRun(payload, 8);
  if (separator >= 0) {
    try {
      const prelude = JSON.parse(fromUtf8(payload.subarray(0, separator))) as unknown;
      if (isPlainObject(prelude)) {
        const headers = headerPairs(prelude.headers);
        if (Array.isArray(prelude.cookies)) for (const c of prelude.cookies) headers.push(['set-cookie', String(c)]);
        if (!headers.some(([n]) => n === 'content-type')) headers.push(['content-type', 'application/octet-stream']);
        return { statusCode: prelude.statusCode === undefined ? 200 : statusCode(prelude.statusCode), headers, body: payload.subarray(separator + 8) };
      }
    } catch {
      // not a prelude: the whole stream is the body
    }
  }
  return { statusCode: 200, headers: [['content-type', 'application/octet-stream']], body: payload };
}

const V1_KEYS = new Set(['statusCode', 'body', 'headers', 'multiValueHeaders', 'isBase64Encoded']);

function v1(value: unknown, opts: { strictKeys: boolean; decode: () => boolean }): GatewayResponse {
  if (!isPlainObject(value)) throw new Malformed('payload 1.0 needs an object with statusCode');
  if (!('statusCode' in value)) throw new Malformed('statusCode is missing');
  const unknown = Object.keys(value).filter((k) => !V1_KEYS.has(k));
  if (opts.strictKeys && unknown.length) throw new Malformed(`keys a REST API does not accept: ${unknown.join(', ')}`);
  const headers: Array<[string, string]> = [];
  const multi = multiValuePairs(value.multiValueHeaders);
  headers.push(...multi);
  for (const [name, v] of headerPairs(value.headers)) {
    if (!multi.some(([n, mv]) => n.toLowerCase() === name.toLowerCase() && mv === v)) headers.push([name, v]);
  }
  const flag = base64Flag(value.isBase64Encoded);
  return finish(statusCode(value.statusCode), headers, value.body, flag && opts.decode());
}

/** Hop-by-hop and length headers are the server's to set, not the function's. */
const SERVER_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

function finish(status: number, headers: Array<[string, string]>, rawBody: unknown, decode: boolean): GatewayResponse {
  const kept = headers.filter(([n]) => !SERVER_HEADERS.has(n.toLowerCase()));
  if (!kept.some(([n]) => n.toLowerCase() === 'content-type')) kept.push(['content-type', 'application/json']);
  const text = bodyText(rawBody);
  let body: Uint8Array;
  if (decode) {
    const bytes = fromBase64(text);
    if (!bytes) throw new Malformed('isBase64Encoded is true but the body is not base64');
    body = bytes;
  } else {
    body = utf8(text);
  }
  return { statusCode: status, headers: kept, body };
}

function guarded(map: () => GatewayResponse): GatewayResponse {
  try {
    return map();
  } catch (err) {
    if (err instanceof Malformed) return gatewayError(GATEWAY_ERRORS.internal, err.message);
    throw err;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Malformed('the response is not JSON');
  }
}

function statusCode(value: unknown): number {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 100 || n > 599) throw new Malformed(`statusCode ${JSON.stringify(value)} is not an HTTP status`);
  return n;
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (typeof body === 'number' || typeof body === 'boolean') return String(body);
  throw new Malformed('body must be a string (JSON.stringify objects)');
}

function base64Flag(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new Malformed(`isBase64Encoded must be true or false, got ${JSON.stringify(value)}`);
}

function scalar(value: unknown, where: string): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Malformed(`${where} must be a string, got ${JSON.stringify(value)}`);
}

function headerPairs(headers: unknown): Array<[string, string]> {
  if (headers === undefined || headers === null) return [];
  if (!isPlainObject(headers)) throw new Malformed('headers must be an object');
  return Object.entries(headers)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([n, v]) => [n, scalar(v, `headers.${n}`)]);
}

function multiValuePairs(headers: unknown): Array<[string, string]> {
  if (headers === undefined || headers === null) return [];
  if (!isPlainObject(headers)) throw new Malformed('multiValueHeaders must be an object');
  return Object.entries(headers).flatMap(([n, values]) => {
    if (values === null || values === undefined) return [];
    if (!Array.isArray(values)) throw new Malformed(`multiValueHeaders.${n} must be a list`);
    return values.map((v): [string, string] => [n, scalar(v, `multiValueHeaders.${n}`)]);
  });
}

function findNulRun(bytes: Uint8Array, length: number): number {
  let run = 0;
  for (let i = 0; i < bytes.length; i++) {
    run = bytes[i] === 0 ? run + 1 : 0;
    if (run === length) return i - length + 1;
  }
  return -1;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
