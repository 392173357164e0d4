/**
 * HTTP requests written byte for byte on a plain TCP socket, so a fuzz test can send what no HTTP
 * client would (a broken request line, bytes outside latin-1 in a header, a body that is not
 * UTF-8), and read the status line of whatever answer comes back.
 */
import net from 'node:net';
import fc from 'fast-check';
import { TRICKY } from './arbitraries.js';

export interface RawAnswer {
  /** The status of the first response, or undefined when the socket closed without one. */
  status?: number;
  head: string;
  body: Buffer;
  /** Set when the client gave up waiting: the server neither answered nor closed. */
  hung?: true;
}

export interface RawRequest {
  method: string;
  target: string;
  version: string;
  headers: Array<[string, string]>;
  body: Buffer;
  framing: 'length' | 'chunked' | 'none';
}

export function encodeRequest(r: RawRequest): Buffer {
  // Node answers an HTTP/1.1 request without Host with 400, as the RFC asks: every client sends one.
  const headers: Array<[string, string]> = [['Host', 'localhost'], ...r.headers];
  if (r.framing === 'length') headers.push(['Content-Length', String(r.body.length)]);
  if (r.framing === 'chunked') headers.push(['Transfer-Encoding', 'chunked']);
  headers.push(['Connection', 'close']);
  const head = `${r.method} ${r.target} ${r.version}\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`;
  const body =
    r.framing === 'chunked'
      ? Buffer.concat(r.body.length ? [Buffer.from(`${r.body.length.toString(16)}\r\n`), r.body, Buffer.from('\r\n0\r\n\r\n')] : [Buffer.from('0\r\n\r\n')])
      : r.framing === 'length'
        ? r.body
        : Buffer.alloc(0);
  // Header text is written as latin-1 bytes, as HTTP/1.1 carries it; anything else a fuzzer made stays as is, bytes and all.
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

/** Percent-encodes the UTF-8 of any text (a lone surrogate too, which encodeURIComponent refuses). */
export function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => (/[A-Za-z0-9._~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** Sends the bytes and waits for the answer (Connection: close ends it), or for the socket to close. */
export function rawExchange(port: number, bytes: Buffer, giveUpMs = 60_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1');
    let done = false;
    const finish = (hung?: true) => {
      if (done) return;
      done = true;
      socket.destroy();
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      const head = end < 0 ? all.toString('latin1') : all.subarray(0, end).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
      resolve({ ...(status ? { status: Number(status) } : {}), head, body: end < 0 ? Buffer.alloc(0) : all.subarray(end + 4), ...(hung ? { hung } : {}) });
    };
    socket.on('data', (chunk) => chunks.push(chunk));
    // A reset after the answer arrived is the server closing a connection we still wrote to: the answer stands.
    socket.on('error', () => finish());
    socket.on('close', () => finish());
    socket.setTimeout(giveUpMs, () => finish(true));
    socket.write(bytes);
  });
}

/** Methods, request targets' pieces, header names and values, and bodies a fuzzer draws from. */
export const rawMethod = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('POST', 'GET') },
  { weight: 2, arbitrary: fc.constantFrom('PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'BREW', 'post') },
  { weight: 1, arbitrary: fc.constantFrom('', 'GE T', 'G\u0000T', 'X'.repeat(100)) },
);
export const rawVersion = fc.oneof({ weight: 10, arbitrary: fc.constant('HTTP/1.1') }, { weight: 1, arbitrary: fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1', 'FOO/1.1', '') });
export const headerName = fc.oneof(
  fc.constantFrom('Content-Type', 'Accept', 'Cookie', 'X-Forwarded-For', 'Host', 'Origin', 'X-Amz-Date', '__proto__'),
  fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,16}$/),
  fc.constantFrom('Bad Name', 'Bad:Name', '', '\u00e9'),
);
export const headerValue = fc.oneof(fc.stringMatching(/^[\t\x20-\x7e]{0,40}$/), fc.constantFrom(...TRICKY.filter((t) => t.length < 100)), fc.constant('v'.repeat(20_000)));

/** A JSON string of n bytes' worth of x, which a failure report names by its size instead of printing. */
function bigJsonString(n: number): Buffer {
  const body = Buffer.from(`"${'x'.repeat(n)}"`);
  return Object.defineProperty(body, fc.toStringMethod, { value: () => `Buffer(a JSON string of ${body.length} bytes)` });
}

/** JSON, almost-JSON, bytes that are not UTF-8, and sizes around Lambda's payload limits. */
export const rawBody = fc.oneof(
  { weight: 6, arbitrary: fc.json().map((j) => Buffer.from(j)) },
  { weight: 2, arbitrary: fc.constantFrom('', '{', '{"a":', 'null', '"\\ud800"', '{"a":1}garbage', '\ufeff{}', '[1,2', '{"__proto__":{"x":1}}').map((t) => Buffer.from(t)) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)) },
  { weight: 1, arbitrary: fc.constantFrom(Buffer.from([0x22, 0xff, 0xfe, 0x22]), Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x22, 0x7d])) },
  { weight: 1, arbitrary: fc.constantFrom(256 * 1024 + 1, 6 * 1024 * 1024 + 1, 30 * 1024 * 1024).map(bigJsonString) },
);
