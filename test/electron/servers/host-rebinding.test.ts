/**
 * Browser mode against other web pages, over raw sockets so every header is exactly what an
 * attacker's browser could send. DNS rebinding: a page on evil.example whose name now points at
 * 127.0.0.1 is same-origin with itself, so only the Host header tells it apart. Cross-site
 * WebSocket hijacking: a page anywhere can open ws://127.0.0.1:<port>/api (WebSockets ignore
 * CORS), so only the Origin header and the token tell it apart. Each refusal is checked to have
 * done nothing: no function ran, no cookie was set, no host method was answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import path from 'node:path';
import { startHostServer, type HostServer } from '../../../electron/servers/host-server.js';
import { startHost, type HostFixture } from '../services/host-fixture.js';
import { waitFor, writeFiles } from '../../helpers/functions.js';

const FILES = {
  'template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  HelloFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: hello/
      Handler: index.handler
      Runtime: nodejs20.x
`,
  'hello/index.js': `exports.handler = async (event) => ({ hello: event.name ?? null });\n`,
};

let f: HostFixture;
let server: HostServer;
let port: number;

beforeAll(async () => {
  f = await startHost(FILES);
  const rendererDir = writeFiles(path.join(f.dir, '.faaslab', 'renderer'), {
    'index.html': '<!doctype html><title>faaslab</title><script type="module" src="/assets/app.js"></script>',
    'assets/app.js': 'console.log("app");',
  });
  server = await startHostServer(f.host, { rendererDir, log: () => undefined });
  port = server.port;
}, 60_000);

afterAll(async () => {
  await server?.close();
  await f?.close();
});

/**
 * Writes `bytes` on a fresh connection and returns everything the server sends until it closes
 * (every request here says Connection: close). Not ended from this side: a half-closed socket
 * may be dropped before a slow answer.
 */
function exchange(bytes: Buffer | string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks)));
    socket.write(bytes);
  });
}

/** A request as written on the wire; `host: null` sends none (HTTP/1.0 lets a client omit it). */
function rawRequest(method: string, target: string, headers: Record<string, string | null>, body = ''): string {
  const lines = [`${method} ${target} ${headers.host === null ? 'HTTP/1.0' : 'HTTP/1.1'}`];
  for (const [name, value] of Object.entries({ connection: 'close', ...headers, 'content-length': String(Buffer.byteLength(body)) })) {
    if (value !== null) lines.push(`${name}: ${value}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

interface RawAnswer {
  status: number;
  headers: string;
  body: string;
}

async function send(method: string, target: string, headers: Record<string, string | null>, body = ''): Promise<RawAnswer> {
  const text = (await exchange(rawRequest(method, target, headers, body))).toString('utf8');
  const end = text.indexOf('\r\n\r\n');
  return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), headers: text.slice(0, end).toLowerCase(), body: text.slice(end + 4) };
}

const ownHost = () => `127.0.0.1:${port}`;
const cookie = () => `faaslab_token_${port}=${server.token}`;
const runs = async () => (await f.call('history.list', { logicalId: 'HelloFunction', limit: 10_000 })).length;
const INVOKE = '/2015-03-31/functions/HelloFunction/invocations';

/** What a rebinding page could send as Host: its own name (with or without the port), look-alikes, another port. */
const FOREIGN_HOSTS = () => [`evil.example:${port}`, 'evil.example', `127.0.0.1.evil.example:${port}`, `localhost.evil.example:${port}`, `127.0.0.1:${port + 1}`, `localhost`, ''];

describe('DNS rebinding: a foreign Host header is refused (403) everywhere, even with the token', () => {
  it('the renderer, its assets and the token exchange', async () => {
    for (const host of FOREIGN_HOSTS()) {
      for (const target of ['/', '/index.html', '/assets/app.js']) {
        const r = await send('GET', target, { host, cookie: cookie() });
        expect(r.status, `${host} ${target}`).toBe(403);
        expect(r.body).not.toContain('console.log("app")');
        expect(r.body).not.toContain('<title>faaslab</title>');
      }
      const exchangeToken = await send('GET', `/?token=${server.token}`, { host });
      expect(exchangeToken.status, host).toBe(403);
      expect(exchangeToken.headers).not.toContain('set-cookie');
    }
  });

  it('the Invoke API: no listing, no configuration, and the function does not run', async () => {
    const before = await runs();
    for (const host of FOREIGN_HOSTS()) {
      const list = await send('GET', '/2015-03-31/functions/', { host });
      expect(list.status, host).toBe(403);
      expect(list.body).not.toContain('HelloFunction');
      expect((await send('GET', '/2015-03-31/functions/HelloFunction', { host })).status, host).toBe(403);
      const invoke = await send('POST', INVOKE, { host, 'content-type': 'application/json' }, '{"name":"rebinding"}');
      expect(invoke.status, host).toBe(403);
      expect(invoke.body).not.toContain('rebinding');
    }
    // A synchronous invoke answers after the run is recorded: had one run, it would be here.
    expect(await runs()).toBe(before);
  });

  it('a request without any Host header', async () => {
    expect((await send('GET', '/', { host: null, cookie: cookie() })).status).toBe(403);
    expect((await send('GET', '/2015-03-31/functions/', { host: null })).status).toBe(403);
  });

  it('while 127.0.0.1 and localhost with the port are served', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const page = await send('GET', '/', { host, cookie: cookie() });
      expect(page.status, host).toBe(200);
      expect(page.body).toContain('<title>faaslab</title>');
      expect((await send('GET', '/assets/app.js', { host, cookie: cookie() })).body).toContain('console.log("app")');
      const invoke = await send('POST', INVOKE, { host }, '{"name":"local"}');
      expect(invoke.status, host).toBe(200);
      expect(JSON.parse(invoke.body)).toEqual({ hello: 'local' });
    }
  });
});

describe('cross-site requests to the Invoke API', () => {
  it('a POST from another Origin is refused before the function runs; a GET carries no CORS grant', async () => {
    const before = await runs();
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${port + 1}`]) {
      const r = await send('POST', INVOKE, { host: ownHost(), origin, 'content-type': 'text/plain' }, '{"name":"csrf"}');
      expect(r.status, origin).toBe(403);
      // A preflight is never granted either.
      const preflight = await send('OPTIONS', INVOKE, { host: ownHost(), origin, 'access-control-request-method': 'POST' });
      expect(preflight.headers, origin).not.toContain('access-control-allow-origin');
    }
    expect(await runs()).toBe(before);
    // The page may make the request, but its browser will not hand it the answer.
    const list = await send('GET', '/2015-03-31/functions/', { host: ownHost(), origin: 'http://evil.example' });
    expect(list.headers).not.toContain('access-control-allow-origin');
    const own = await send('POST', INVOKE, { host: ownHost(), origin: `http://127.0.0.1:${port}` }, '{"name":"own page"}');
    expect(own.status).toBe(200);
  });
});

// --- The host API's WebSocket --------------------------------------------------------------------

/** A client's text frame (masked, as RFC 6455 requires of clients), for payloads under 126 bytes. */
function textFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  expect(payload.length).toBeLessThan(126);
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]);
}

const CALL = JSON.stringify({ id: 1, method: 'workspace.current', params: {} });

/** An upgrade to /api with a host method call in the same packet: answered only if the upgrade is accepted. */
function upgrade(headers: Record<string, string | undefined>, query = ''): Buffer {
  const lines = [`GET /api${query} HTTP/1.1`, 'Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='];
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) lines.push(`${name}: ${value}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), textFrame(CALL)]);
}

describe('cross-site WebSocket hijacking: the host API socket', () => {
  const refusals = () => [
    { why: 'a foreign Origin with the token in the URL', headers: { host: ownHost(), origin: 'http://evil.example' }, query: `?token=${server.token}`, status: 403 },
    // Cookies are per host, not per port: a page of another server on 127.0.0.1 is same-site and
    // its WebSocket carries even a SameSite=Strict cookie. Only the Origin refuses it.
    { why: "another local port's page with the cookie", headers: { host: ownHost(), origin: `http://127.0.0.1:${port + 1}`, cookie: cookie() }, query: '', status: 403 },
    { why: 'a sandboxed frame or file:// page (Origin: null)', headers: { host: ownHost(), origin: 'null', cookie: cookie() }, query: '', status: 403 },
    { why: 'a rebinding page (foreign Host) with the token', headers: { host: `evil.example:${port}`, origin: `http://evil.example:${port}` }, query: `?token=${server.token}`, status: 403 },
    { why: 'our own Origin without the token', headers: { host: ownHost(), origin: `http://127.0.0.1:${port}` }, query: '', status: 401 },
    { why: 'a wrong token', headers: { host: ownHost(), origin: `http://127.0.0.1:${port}` }, query: `?token=${'0'.repeat(64)}`, status: 401 },
  ];

  it('refuses each with an HTTP answer and closes, before any message is answered', async () => {
    for (const { why, headers, query, status } of refusals()) {
      const reply = (await exchange(upgrade(headers, query))).toString('latin1');
      expect(reply.slice(0, 12), why).toBe(`HTTP/1.1 ${status}`);
      expect(reply, why).not.toContain('101 Switching Protocols');
      expect(reply, why).not.toContain('"id":1');
      expect(reply, why).not.toContain(f.dir);
    }
  });

  it('answers the same call from our own page, with the token or the cookie, on either local name', async () => {
    const cases = [
      { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}`, query: `?token=${server.token}` },
      { host: `localhost:${port}`, origin: `http://localhost:${port}`, cookie: cookie() },
      // A CLI or SDK sends no Origin at all.
      { host: `127.0.0.1:${port}`, query: `?token=${server.token}` },
    ];
    for (const { query = '', ...headers } of cases) {
      const socket = net.connect(port, '127.0.0.1');
      let received = '';
      socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
      socket.write(upgrade(headers, query));
      await waitFor(() => received.includes('"id":1'), 'the answer to workspace.current');
      expect(received.startsWith('HTTP/1.1 101 Switching Protocols')).toBe(true);
      expect(received).toContain(JSON.stringify(f.dir).slice(1, -1));
      socket.destroy();
    }
  });
});
