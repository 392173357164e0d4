import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { WebSocket } from 'ws';
import type { Host } from '../../../electron/services/host-types.js';
import { startHostServer, type HostServer } from '../../../electron/servers/host-server.js';
import { createHost } from '../../../electron/services/create-host.js';
import { makeTempDir, removeTempDir, waitFor, writeFiles } from '../../helpers/functions.js';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  HelloFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: hello/
      Handler: index.handler
      Runtime: nodejs20.x
`;
const HANDLER = `exports.handler = async (event) => { console.log('hello from', event.name); return { ok: event.name }; };\n`;

let dir: string;
/** Each host records recent workspaces in a state folder of the test's own, not the user's. */
const createTestHost = (workspaceDir: string) => createHost({ workspaceDir, stateDir: path.join(dir, 'state') });
let rendererDir: string;
let host: Host;
let server: HostServer;
let origin: string;

beforeAll(async () => {
  dir = makeTempDir();
  writeFiles(dir, { 'ws/template.yaml': TEMPLATE, 'ws/hello/index.js': HANDLER });
  rendererDir = writeFiles(path.join(dir, 'renderer'), {
    'index.html': '<!doctype html><title>faaslab</title><script type="module" src="/assets/app.js"></script>',
    'assets/app.js': 'console.log("app");',
  });
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer folder');
  host = await createTestHost(path.join(dir, 'ws'));
  server = await startHostServer(host, { rendererDir });
  origin = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server?.close();
  await host?.close();
  removeTempDir(dir);
});

/** A raw request, so tests control Host, Origin and Cookie exactly (fetch guards some of them). */
function request(p: string, opts: { method?: string; headers?: Record<string, string>; body?: string; port?: number } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: opts.port ?? server.port, path: p, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const cookie = () => ({ cookie: `other=1; faaslab_token_${server.port}=${server.token}` });

/** Opens the host API socket; resolves with it, or with the HTTP status that refused it. */
function connect(opts: { token?: string; headers?: Record<string, string>; port?: number } = {}) {
  const query = opts.token === undefined ? '' : `?token=${opts.token}`;
  const ws = new WebSocket(`ws://127.0.0.1:${opts.port ?? server.port}/api${query}`, { headers: opts.headers });
  return new Promise<{ ws: WebSocket } | { status: number }>((resolve, reject) => {
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode! });
      res.resume();
    });
    ws.once('error', reject);
  });
}

async function open(to: HostServer = server): Promise<WebSocket> {
  const r = await connect({ token: to.token, port: to.port });
  if (!('ws' in r)) throw new Error(`refused with ${r.status}`);
  return r.ws;
}

/** Sends requests and collects every message the host sends back, answers and pushes. */
function client(ws: WebSocket) {
  const messages: any[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(d.toString())));
  let next = 1;
  return {
    messages,
    async call(method: string, params: unknown) {
      const id = next++;
      ws.send(JSON.stringify({ id, method, params }));
      return waitFor(() => messages.find((m) => m.id === id), `the answer to ${method}`);
    },
  };
}

describe('host server: the token', () => {
  it('refuses the page, assets and the WebSocket without it (401)', async () => {
    for (const p of ['/', '/index.html', '/assets/app.js']) {
      const r = await request(p);
      expect(r.status, p).toBe(401);
      expect(r.body).toContain('Open the whole URL it printed');
      expect(r.headers['content-type']).toMatch(/^text\/plain/);
    }
    expect(await connect()).toEqual({ status: 401 });
  });

  it('refuses a wrong token, in the URL, in the cookie and on the WebSocket', async () => {
    const wrong = 'f'.repeat(64);
    expect((await request(`/?token=${wrong}`)).status).toBe(401);
    expect((await request('/', { headers: { cookie: `faaslab_token_${server.port}=${wrong}` } })).status).toBe(401);
    expect((await request('/', { headers: { cookie: `faaslab_token_${server.port}=${server.token.slice(0, 10)}` } })).status).toBe(401);
    expect(await connect({ token: wrong })).toEqual({ status: 401 });
    expect(await connect({ headers: { cookie: `faaslab_token_${server.port}=${wrong}` } })).toEqual({ status: 401 });
  });

  it("does not take another port's cookie: two hosts on 127.0.0.1 keep their own", async () => {
    expect((await request('/', { headers: { cookie: `faaslab_token_${server.port + 1}=${server.token}` } })).status).toBe(401);
    expect((await request('/', { headers: { cookie: `faaslab_token_${server.port + 1}=x; faaslab_token_${server.port}=${server.token}` } })).status).not.toBe(401);
  });

  it('trades ?token= for an HttpOnly SameSite=Strict cookie and redirects to the same path without it', async () => {
    const r = await request(`/index.html?tab=logs&token=${server.token}`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/index.html?tab=logs');
    const set = r.headers['set-cookie']![0]!;
    expect(set).toContain(`faaslab_token_${server.port}=${server.token}`);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    // A path that looks protocol-relative must not redirect off-site.
    const odd = await request(`//evil.example/?token=${server.token}`);
    expect(odd.status).toBe(303);
    expect(odd.headers.location).toMatch(/^\/(?!\/)/);
  });

  it('serves the renderer with the cookie, with a strict CSP and nosniff', async () => {
    const page = await request('/', { headers: cookie() });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<title>faaslab</title>');
    const csp = String(page.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      "worker-src 'self' blob:",
      `connect-src 'self' ws://127.0.0.1:${server.port}`,
    ])
      expect(csp).toContain(directive);
    // Scripts only from the app's own files: no inline script, no eval (zod runs jitless, Monaco
    // needs neither), no plugins, no <base> redirecting them, and no framing by another page.
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name!, values]),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(csp).not.toMatch(/unsafe-eval|wasm-unsafe-eval|\*|https?:(?!\/\/)/);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    // The one loosening, for Monaco and React style props: inline styles, never inline script.
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const asset = await request('/assets/app.js', { headers: cookie() });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['content-security-policy']).toBe(csp);
  });

  it('serves nothing outside the renderer folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/missing.js']) {
      const r = await request(p, { headers: cookie() });
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('outside the renderer folder');
    }
  });
});

describe('host server: Host and Origin', () => {
  it('answers 403 to a foreign Host header (DNS rebinding), even with the token', async () => {
    const r = await request('/', { headers: { host: `evil.example:${server.port}`, ...cookie() } });
    expect(r.status).toBe(403);
    expect((await request('/', { headers: { host: `localhost:${server.port}`, ...cookie() } })).status).toBe(200);
    const invoke = await request('/2015-03-31/functions/', { headers: { host: `evil.example:${server.port}` } });
    expect(invoke.status).toBe(403);
    expect(await connect({ token: server.token, headers: { host: `evil.example:${server.port}` } })).toEqual({ status: 403 });
  });

  it('answers 403 to a WebSocket upgrade or a POST from another Origin', async () => {
    expect(await connect({ token: server.token, headers: { origin: 'http://evil.example' } })).toEqual({ status: 403 });
    expect(await connect({ token: server.token, headers: { origin: `http://127.0.0.1:${server.port + 1}` } })).toEqual({ status: 403 });
    const ok = await connect({ token: server.token, headers: { origin } });
    expect('ws' in ok).toBe(true);
    if ('ws' in ok) ok.ws.close();
    const post = await request('/2015-03-31/functions/HelloFunction/invocations', { method: 'POST', body: '{}', headers: { origin: 'http://evil.example' } });
    expect(post.status).toBe(403);
  });
});

describe('host server: the Lambda Invoke API on the same port', () => {
  it('needs no token', async () => {
    const res = await fetch(`${server.url}/2015-03-31/functions/HelloFunction/invocations`, { method: 'POST', body: '{"name":"sdk"}' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: 'sdk' });
    const list = await request('/2015-03-31/functions/');
    expect(JSON.parse(list.body).Functions.map((f: { FunctionName: string }) => f.FunctionName)).toEqual(['HelloFunction']);
  });
});

describe('host server: the host API over the WebSocket', () => {
  it('answers a method of the contract, a validation error and an unknown method', async () => {
    const ws = await open();
    const c = client(ws);
    const current = await c.call('workspace.current', {});
    expect(current.result.dir).toBe(path.join(dir, 'ws'));
    expect(current.result.functions.map((f: { logicalId: string }) => f.logicalId)).toEqual(['HelloFunction']);
    const invalid = await c.call('invoke.run', { logicalId: 'not a logical id!', payload: '{}' });
    expect(invalid.error.code).toBe('ValidationError');
    expect(invalid.error.fields).toHaveProperty('logicalId');
    const unknown = await c.call('toString', {});
    expect(unknown.error).toEqual({ code: 'ValidationError', message: "unknown method 'toString'" });
    ws.close();
  });

  it('pushes the log lines and the record of an invocation it runs', async () => {
    const ws = await open();
    const c = client(ws);
    const run = await c.call('invoke.run', { logicalId: 'HelloFunction', payload: '{"name":"ws"}' });
    expect(run.result.status).toBe('success');
    expect(run.result.response).toEqual({ ok: 'ws' });
    const log = await waitFor(() => c.messages.find((m) => m.event === 'log' && m.data.line.includes('hello from ws')), 'the pushed log line');
    expect(log.data).toMatchObject({ logicalId: 'HelloFunction', requestId: run.result.requestId });
    await waitFor(() => c.messages.find((m) => m.event === 'invocation' && m.data.requestId === run.result.requestId), 'the pushed record');
    ws.close();
  });

  it('accepts the cookie instead of ?token=, and closes with 1003 on malformed JSON', async () => {
    const r = await connect({ headers: cookie() });
    if (!('ws' in r)) throw new Error(`refused with ${r.status}`);
    const closed = new Promise<number>((resolve) => r.ws.once('close', (code) => resolve(code)));
    r.ws.send('{not json');
    expect(await closed).toBe(1003);
  });
});

describe('host server: host.json', () => {
  it('is written with mode 0600 while serving and removed on close', async () => {
    const other = makeTempDir();
    try {
      writeFiles(other, { 'template.yaml': TEMPLATE, 'hello/index.js': HANDLER });
      const h = await createTestHost(other);
      const s = await startHostServer(h, {});
      const file = path.join(other, '.faaslab', 'host.json');
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ pid: process.pid, url: `http://127.0.0.1:${s.port}`, port: s.port, token: s.token, awsEndpoint: h.awsEndpoint });
      expect(s.token).toMatch(/^[0-9a-f]{64}$/);
      if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(s.uiUrl).toBeUndefined();
      // Without a renderer folder the token still guards everything but the Invoke API.
      expect((await request('/', { port: s.port })).status).toBe(401);
      const noUi = await request(`/?token=${s.token}`, { port: s.port, headers: { cookie: `faaslab_token_${s.port}=${s.token}` } });
      expect(noUi.status).toBe(303);
      expect((await request('/', { port: s.port, headers: { cookie: `faaslab_token_${s.port}=${s.token}` } })).status).toBe(404);
      await s.close();
      expect(fs.existsSync(file)).toBe(false);
      await h.close();
    } finally {
      removeTempDir(other);
    }
  });

  it('tells connected pages it is going away (1001) when it closes', async () => {
    const s = await startHostServer(host, {});
    const ws = await open(s);
    const code = new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
    await s.close();
    expect(await code).toBe(1001);
    // Closing one server leaves the host and its other server serving.
    expect((await fetch(`${server.url}/2015-03-31/functions/`)).status).toBe(200);
  });

  it('moves to the workspace the host opens', async () => {
    const other = makeTempDir();
    try {
      writeFiles(other, { 'a/template.yaml': TEMPLATE, 'a/hello/index.js': HANDLER, 'b/template.yaml': TEMPLATE, 'b/hello/index.js': HANDLER });
      const h = await createTestHost(path.join(other, 'a'));
      const s = await startHostServer(h, {});
      const ws = await open(s);
      await client(ws).call('workspace.open', { dir: path.join(other, 'b') });
      const moved = path.join(other, 'b', '.faaslab', 'host.json');
      await waitFor(() => fs.existsSync(moved), 'host.json in the opened workspace');
      expect(JSON.parse(fs.readFileSync(moved, 'utf8')).token).toBe(s.token);
      expect(fs.existsSync(path.join(other, 'a', '.faaslab', 'host.json'))).toBe(false);
      ws.close();
      await s.close();
      expect(fs.existsSync(moved)).toBe(false);
      await h.close();
    } finally {
      removeTempDir(other);
    }
  });
});
