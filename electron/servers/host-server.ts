/**
 * One HTTP server per host (ARCHITECTURE.md "Where each capability lives"): the Lambda Invoke API, and,
 * behind the token, the host API over a WebSocket at /api and (browser mode) the built renderer.
 * It binds 127.0.0.1 like `sam local`; see host-access.ts for who may use what.
 */
import http, { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Host } from '../services/host-types.js';
import { hostAllowed, newToken, originAllowed, requestToken, sameToken, tokenCookie, type AccessRules } from './host-access.js';
import { removeHostFile, writeHostFile } from './host-file.js';
import { serveHostSocket } from './host-socket.js';
import { createInvokeApi, type RequestHandler } from './invoke-api.js';
import { plain, securityHeaders, serveStatic } from './static-files.js';

export interface HostServerOptions {
  /** Default 127.0.0.1. Another address opens the Invoke API (only) to other machines. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** The built renderer (dist/renderer); when set, GET / serves it (browser mode). */
  rendererDir?: string;
  /** Default: 32 random bytes, hex. */
  token?: string;
  /** Where problems nobody waits for go (failed Event invocations, host.json not writable). */
  log?: (message: string) => void;
}

export interface HostServer {
  /** The Invoke API's base URL, e.g. http://127.0.0.1:3001. */
  url: string;
  port: number;
  token: string;
  /** The renderer's URL with the token, when a rendererDir is served. */
  uiUrl?: string;
  close(): Promise<void>;
}

export const API_PATH = '/api';
const NEEDS_TOKEN = 'faaslab: this address needs the token faaslab printed. Open the whole URL it printed (the one ending in ?token=...).';

export async function startHostServer(host: Host, opts: HostServerOptions = {}): Promise<HostServer> {
  const { host: address = '127.0.0.1', port: wantedPort = 0, rendererDir } = opts;
  const token = opts.token ?? newToken();
  const log = opts.log ?? ((message: string) => console.error(message));
  const rules: AccessRules = { port: 0, remoteInvoke: !isLoopback(address) };
  // The engine and its queue are replaced when the host opens another workspace: look them up on every request.
  const invokeApi: RequestHandler = (req, res) => createInvokeApi(host.engine, { log, async: host.async })(req, res);

  const server = http.createServer((req, res) => {
    handleRequest(req, res, { rules, token, rendererDir, invokeApi }).catch((err: unknown) => {
      if (res.headersSent) res.destroy();
      else plain(res, 500, `faaslab: ${err instanceof Error ? err.message : String(err)}`);
    });
  });
  // Sockets are handed over on 'upgrade' only after the checks; ws never listens by itself.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refusal = upgradeRefusal(req, rules, token);
    if (refusal) return refuseUpgrade(socket, refusal);
    wss.handleUpgrade(req, socket, head, (ws) => serveHostSocket(ws, host));
  });

  await listen(server, wantedPort, address);
  const port = (server.address() as AddressInfo).port;
  rules.port = port;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  // Browsers and clients must use a name the Host check accepts, whatever address is bound.
  const localUrl = `http://127.0.0.1:${port}`;

  let workspaceDir = host.workspaceDir;
  const record = () => {
    try {
      writeHostFile(workspaceDir, { pid: process.pid, url: localUrl, port, token, awsEndpoint: host.awsEndpoint });
    } catch (err) {
      log(`faaslab: cannot write ${workspaceDir}/.faaslab/host.json: ${(err as Error).message}`);
    }
  };
  record();
  // host.json belongs in the folder the host has open: follow workspace.open. Any push will do
  // to notice (opening one pushes its environments, not always a 'workspace' event).
  const unsubscribe = host.subscribe(() => {
    if (host.workspaceDir === workspaceDir) return;
    removeHostFile(workspaceDir, token);
    workspaceDir = host.workspaceDir;
    record();
  });

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    token,
    uiUrl: rendererDir ? `${localUrl}/?token=${token}` : undefined,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        unsubscribe();
        removeHostFile(workspaceDir, token);
        // 1001 "going away": the page shows it lost the host instead of guessing.
        for (const ws of wss.clients) ws.close(1001, 'faaslab is stopping');
        wss.close();
        server.close((err) => (err ? reject(err) : resolve()));
        // SDK clients keep sockets alive; without this, close() waits for them to time out.
        server.closeAllConnections();
        // A page that does not answer the close frame must not hold the host open.
        setTimeout(() => wss.clients.forEach((ws) => ws.terminate()), 1000).unref();
      })),
  };
}

interface Context {
  rules: AccessRules;
  token: string;
  rendererDir: string | undefined;
  invokeApi: RequestHandler;
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, ctx: Context): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://host.invalid');
  const local = hostAllowed(req, ctx.rules);
  if (!local && !ctx.rules.remoteInvoke) return plain(res, 403, `faaslab: unexpected Host header '${req.headers.host ?? ''}'; use 127.0.0.1:${ctx.rules.port}`);
  // A page on another site can POST here (no preflight for text/plain): refuse what it sends.
  const reads = req.method === 'GET' || req.method === 'HEAD';
  if (!reads && !originAllowed(req, ctx.rules)) return plain(res, 403, `faaslab: requests from ${req.headers.origin} are not allowed`);
  if (ctx.invokeApi(req, res)) return;
  if (!local) return plain(res, 403, `faaslab: only the Lambda Invoke API is served to other machines`);

  const headers = securityHeaders(ctx.rules.port);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  const given = url.searchParams.get('token');
  if (given !== null) {
    if (!sameToken(given, ctx.token)) return plain(res, 401, NEEDS_TOKEN);
    // Trade the token in the URL for a cookie, so it leaves the address bar and the history.
    url.searchParams.delete('token');
    const location = `/${url.pathname.replace(/^\/+/, '')}${url.search}`; // never "//host": an open redirect
    res.writeHead(303, { Location: location, 'Set-Cookie': tokenCookie(ctx.token, req), 'Cache-Control': 'no-store' });
    return void res.end();
  }
  if (!sameToken(requestToken(req, url), ctx.token)) return plain(res, 401, NEEDS_TOKEN);
  if (!ctx.rendererDir) return plain(res, 404, `faaslab: this host serves no UI here; run 'faaslab ui' for one. The host API is the WebSocket at ${API_PATH}.`);
  await serveStatic(ctx.rendererDir, url.pathname, req, res);
}

function upgradeRefusal(req: IncomingMessage, rules: AccessRules, token: string): { status: number; text: string } | undefined {
  const url = new URL(req.url ?? '/', 'http://host.invalid');
  if (!hostAllowed(req, rules)) return { status: 403, text: 'unexpected Host header' };
  if (!originAllowed(req, rules)) return { status: 403, text: `WebSocket connections from ${req.headers.origin} are not allowed` };
  if (url.pathname !== API_PATH) return { status: 404, text: `the host API is at ${API_PATH}` };
  if (!sameToken(requestToken(req, url), token)) return { status: 401, text: NEEDS_TOKEN };
  return undefined;
}

/** An HTTP answer written on the raw socket: the upgrade never reached the WebSocket server. */
function refuseUpgrade(socket: Duplex, { status, text }: { status: number; text: string }): void {
  const body = `${text}\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` + `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

function listen(server: http.Server, port: number, address: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export function isLoopback(address: string): boolean {
  return address === 'localhost' || address === '::1' || address.startsWith('127.');
}
