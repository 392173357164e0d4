/** Reading a node:http request into the pure HttpRequest, and writing a GatewayResponse back. */
import type http from 'node:http';
import { readBoundedBody } from '../../base/bounded-body.js';
import { LIMITS } from '../../../shared/lambda/limits.js';
import type { HttpRequest } from '../../../shared/http/request.js';
import type { GatewayResponse } from '../../../shared/http/responses.js';

/** API Gateway's own payload quota: past it the 413 is sent at once, without waiting for the body's end. */
const DRAIN_LIMIT_BYTES = 10 * 1024 * 1024;
/** How long the rest of such a body is still read and dropped after its 413 (nginx's lingering_time). */
const LINGER_MS = 30_000;

export type ReadResult = { ok: true; request: HttpRequest } | { ok: false; tooLarge: true; size: number; drained: boolean };

/**
 * Reads the whole request. A body over Lambda's 6 MB synchronous payload limit cannot reach the
 * function, so it is not kept: the rest is read and dropped so the client gets the 413 rather
 * than a reset connection (past 10 MB the 413 goes first: answerBeforeBodyEnd).
 */
export async function readRequest(req: http.IncomingMessage): Promise<ReadResult> {
  const read = await readBoundedBody(req, LIMITS.syncPayloadBytes, { drainLimit: DRAIN_LIMIT_BYTES });
  if (!read.ok) return { ok: false, tooLarge: true, size: read.size, drained: read.drained };
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return {
    ok: true,
    request: {
      method: (req.method ?? 'GET').toUpperCase(),
      rawPath: q < 0 ? url : url.slice(0, q),
      rawQueryString: q < 0 ? '' : url.slice(q + 1),
      headers: pairs(req.rawHeaders),
      body: read.body,
      sourceIp: clientIp(req),
      protocol: `HTTP/${req.httpVersion}`,
    },
  };
}

function pairs(raw: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
  return out;
}

function clientIp(req: http.IncomingMessage): string {
  const ip = req.socket.remoteAddress ?? '127.0.0.1';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

/** Writes a mapped response; false when its headers are not valid HTTP (the caller sends a 502). */
export function writeResponse(res: http.ServerResponse, response: GatewayResponse, extraHeaders: Array<[string, string]> = []): boolean {
  const flat: string[] = [];
  for (const [name, value] of [...response.headers, ...extraHeaders]) flat.push(name, value);
  flat.push('content-length', String(response.body.length));
  try {
    res.writeHead(response.statusCode, flat);
  } catch {
    return false; // an invalid header name or value from the function
  }
  res.end(response.body);
  return true;
}

/**
 * Answers a request whose body has not ended (past DRAIN_LIMIT_BYTES). Closing the connection
 * with unread bytes in it makes the kernel reset it, and a client still sending then gets the
 * reset instead of the answer (found by fuzzing: a 30 MB POST got no 413). So the whole answer
 * is written at once, and the response ends (Node then closes the connection if it was asked
 * to) only when the rest of the body has been read and dropped, or after LINGER_MS of it.
 */
export function answerBeforeBodyEnd(req: http.IncomingMessage, res: http.ServerResponse, response: GatewayResponse): void {
  res.writeHead(response.statusCode, [...response.headers.flat(), 'content-length', String(response.body.length)]);
  res.write(response.body);
  const timer = setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
  req.once('end', () => {
    clearTimeout(timer);
    res.end();
  });
  req.socket.once('close', () => clearTimeout(timer));
  req.resume();
}
