import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoundedBody, type BodyRead } from '../../../electron/base/bounded-body.js';
import { waitFor } from '../../helpers/functions.js';

const LIMIT = 1000;
const DRAIN = 5000;
/** What the server read, by request path; a read that failed is its error message. */
const reads = new Map<string, BodyRead | string>();
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    readBoundedBody(req, LIMIT, req.url === '/drain' ? { drainLimit: DRAIN } : {}).then(
      (read) => {
        reads.set(req.url!, read);
        if (!read.ok && !read.drained) res.setHeader('connection', 'close');
        res.end(read.ok ? `got ${read.body.length}` : `too large: ${read.size}`);
      },
      (err: Error) => reads.set(req.url!, err.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const post = async (path: string, size: number) => (await fetch(`${base}${path}`, { method: 'POST', body: 'x'.repeat(size) })).text();

describe('readBoundedBody', () => {
  it('gives the whole body up to the limit', async () => {
    expect(await post('/small', LIMIT)).toBe(`got ${LIMIT}`);
    expect(reads.get('/small')).toEqual({ ok: true, body: Buffer.from('x'.repeat(LIMIT)) });
  });

  it('reads a larger body to its end without keeping it, so the client gets the answer', async () => {
    expect(await post('/large', 3 * LIMIT)).toBe(`too large: ${3 * LIMIT}`);
    expect(reads.get('/large')).toEqual({ ok: false, size: 3 * LIMIT, drained: true });
  });

  it('stops reading past the drain limit', async () => {
    await post('/drain', 20 * DRAIN).catch(() => undefined); // the server may close before the client has sent it all
    const read = await waitFor(() => reads.get('/drain'), 'the read');
    expect(read).toMatchObject({ ok: false, drained: false });
    expect((read as { size: number }).size).toBeGreaterThan(DRAIN);
  });

  it('fails when the client goes away before the end of the body', async () => {
    const { port } = server.address() as AddressInfo;
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('POST /gone HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly part');
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    // Node reports it as the request's 'aborted' error, or only as a 'close' before the end.
    expect(await waitFor(() => reads.get('/gone'), 'the failed read')).toMatch(/^(aborted|the client closed the connection before sending the whole body)$/);
  });
});
