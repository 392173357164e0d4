/**
 * Who may use a host server. The Lambda Invoke API is open to anything on this machine (AWS SDKs
 * cannot send a token, and `sam local start-lambda` is open too); the renderer and the host API
 * need the random token faaslab printed. Host and Origin checks stop other web pages: a DNS
 * rebinding page sends a foreign Host, a cross-site request a foreign Origin.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Browsers keep cookies per host, not per port: the port is in the name, so two faaslab hosts on
 * 127.0.0.1 (two workspaces in browser mode) do not overwrite each other's.
 */
export function tokenCookieName(port: number | undefined): string {
  return `faaslab_token_${port ?? 0}`;
}

export function newToken(): string {
  return randomBytes(32).toString('hex');
}

/** Constant time, so a page cannot learn the token a character at a time from response timings. */
export function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieToken(req: IncomingMessage): string | undefined {
  const name = tokenCookieName(req.socket.localPort);
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** HttpOnly: page scripts never see it; Strict: no other site's request carries it. */
export function tokenCookie(token: string, req: IncomingMessage): string {
  return `${tokenCookieName(req.socket.localPort)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

export interface AccessRules {
  port: number;
  /** Bound to a non-loopback address on purpose (`serve --host`): the Invoke API takes any Host. */
  remoteInvoke: boolean;
}

const LOCAL_NAMES = ['127.0.0.1', 'localhost'];

export function hostAllowed(req: IncomingMessage, rules: AccessRules): boolean {
  return LOCAL_NAMES.some((name) => req.headers.host === `${name}:${rules.port}`);
}

/** No Origin (a CLI, an SDK) is fine; a browser's must be our own page. */
export function originAllowed(req: IncomingMessage, rules: AccessRules): boolean {
  const origin = req.headers.origin;
  return origin === undefined || LOCAL_NAMES.some((name) => origin === `http://${name}:${rules.port}`);
}

/** The token of a request: from ?token= first (the printed URL), else the cookie set from it. */
export function requestToken(req: IncomingMessage, url: URL): string | undefined {
  return url.searchParams.get('token') ?? cookieToken(req);
}
