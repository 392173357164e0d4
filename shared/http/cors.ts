/**
 * CORS as AWS applies it in front of a function.
 *
 * HTTP APIs and Function URLs with a CORS configuration answer every preflight themselves, even
 * with no OPTIONS route, without invoking the function; on other responses they add
 * Access-Control-Allow-Origin (and -Credentials, -Expose-Headers) when the request's Origin is
 * allowed, and ignore the CORS headers the function returned.
 * A REST API's Cors is different: SAM adds an OPTIONS method (a mock integration) to each path,
 * answering with the configured headers whatever the Origin, and leaves every other response
 * alone: there, the function must return Access-Control-Allow-Origin itself.
 */
import type { Cors } from '../domain/triggers.js';
import { utf8 } from './bytes.js';
import type { HttpRequest } from './request.js';
import { headerValue } from './request.js';
import type { GatewayResponse } from './responses.js';

/** A browser's preflight: OPTIONS with an Origin and Access-Control-Request-Method. */
export function isPreflight(req: HttpRequest): boolean {
  return req.method === 'OPTIONS' && headerValue(req, 'origin') !== undefined && headerValue(req, 'access-control-request-method') !== undefined;
}

export function originAllowed(cors: Cors, origin: string | undefined): boolean {
  if (!origin) return false;
  return cors.allowOrigins.some((o) => o === '*' || o.toLowerCase() === origin.toLowerCase());
}

/** The Allow-Origin value: '*' when configured so (and credentials are off), else the caller's origin. */
function allowOrigin(cors: Cors, origin: string): string {
  return cors.allowOrigins.includes('*') && !cors.allowCredentials ? '*' : origin;
}

/** An HTTP API's or Function URL's answer to a preflight: 204, with CORS headers if the origin is allowed. */
export function preflightResponse(cors: Cors, req: HttpRequest): GatewayResponse {
  const origin = headerValue(req, 'origin');
  const headers: Array<[string, string]> = [];
  if (originAllowed(cors, origin)) {
    headers.push(['access-control-allow-origin', allowOrigin(cors, origin!)]);
    if (cors.allowMethods?.length) headers.push(['access-control-allow-methods', cors.allowMethods.join(',')]);
    if (cors.allowHeaders.length) headers.push(['access-control-allow-headers', cors.allowHeaders.join(',')]);
    if (cors.maxAge !== undefined) headers.push(['access-control-max-age', String(cors.maxAge)]);
    if (cors.allowCredentials) headers.push(['access-control-allow-credentials', 'true']);
  }
  return { statusCode: 204, headers, body: new Uint8Array() };
}

/** What SAM's OPTIONS mock answers on a REST API path; `pathMethods` are the path's methods. */
export function restPreflightResponse(cors: Cors, pathMethods: readonly string[]): GatewayResponse {
  const headers: Array<[string, string]> = [['Content-Type', 'application/json']];
  if (cors.allowOrigins[0]) headers.push(['Access-Control-Allow-Origin', cors.allowOrigins[0]]);
  headers.push(['Access-Control-Allow-Methods', (cors.allowMethods ?? defaultRestMethods(pathMethods)).join(',')]);
  if (cors.allowHeaders.length) headers.push(['Access-Control-Allow-Headers', cors.allowHeaders.join(',')]);
  if (cors.maxAge !== undefined) headers.push(['Access-Control-Max-Age', String(cors.maxAge)]);
  if (cors.allowCredentials) headers.push(['Access-Control-Allow-Credentials', 'true']);
  return { statusCode: 200, headers, body: utf8('') };
}

/** SAM's default Allow-Methods: the path's methods plus OPTIONS, every method for ANY, sorted. */
function defaultRestMethods(pathMethods: readonly string[]): string[] {
  const all = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];
  if (pathMethods.includes('ANY')) return all;
  return [...new Set([...pathMethods, 'OPTIONS'])].sort();
}

/** An HTTP API's or Function URL's CORS headers on an ordinary response. */
export function withCorsHeaders(response: GatewayResponse, cors: Cors, req: HttpRequest): GatewayResponse {
  const headers = response.headers.filter(([n]) => !n.toLowerCase().startsWith('access-control-'));
  const origin = headerValue(req, 'origin');
  if (originAllowed(cors, origin)) {
    headers.push(['access-control-allow-origin', allowOrigin(cors, origin!)]);
    if (cors.allowCredentials) headers.push(['access-control-allow-credentials', 'true']);
    if (cors.exposeHeaders.length) headers.push(['access-control-expose-headers', cors.exposeHeaders.join(',')]);
  }
  return { ...response, headers };
}
