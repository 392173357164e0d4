/**
 * The HTTP trigger server: one node:http server (default port 3000, as `sam local start-api`)
 * answering every API of the workspace and every Function URL.
 *
 * - HTTP API and REST API routes are all served at the root, as sam local does, in one route
 *   table: the most specific route wins across APIs (shared/http/routes.ts), and the loader
 *   reports two APIs declaring the same route. A REST API's stage is not in the URL (it is in
 *   requestContext.path and stage, as on AWS).
 * - Each Function URL has its own base path, /_url/<LogicalId>/: a request to
 *   /_url/Fn/a/b?x=1 reaches Fn with rawPath /a/b, as https://<url-id>.lambda-url... would.
 * - No route: 404 {"message":"Not Found"}, or a REST API's 403 {"message":"Missing
 *   Authentication Token"} when only REST APIs know the path (or only REST APIs exist).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpEndpoint, HttpTriggerModel, TriggerActivity } from '../../../shared/domain/triggers.js';
import { isPreflight, preflightResponse, restPreflightResponse, withCorsHeaders } from '../../../shared/http/cors.js';
import { GATEWAY_ERRORS } from '../../../shared/http/gateway-errors.js';
import { traceHeader } from '../../../shared/lambda/trace-header.js';
import { withGatewayHeaders, type HttpRequest } from '../../../shared/http/request.js';
import { gatewayError, type GatewayResponse } from '../../../shared/http/responses.js';
import { DEFAULT_ROUTE, matchPath, matchRoute, methodsOfPath } from '../../../shared/http/routes.js';
import { activityOf, dispatch, type Log, type Target, type TriggerEngine } from './dispatch.js';
import { answerBeforeBodyEnd, readRequest, writeResponse } from './http-io.js';
import { randomHex } from '../../engine/random-pool.js';

export const DEFAULT_API_PORT = 3000;
export const FUNCTION_URL_PREFIX = '/_url/';

export interface HttpTriggerOptions {
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Every request that reached a route or Function URL, once answered. */
  onActivity?: (activity: TriggerActivity) => void;
  /** Why a request failed on faaslab's side (function error, malformed result, integration timeout). */
  log?: Log;
}

export interface HttpTriggerServer {
  url: string;
  port: number;
  /** Every route and Function URL, with a URL to call it. */
  readonly endpoints: HttpEndpoint[];
  /** Serves another model (the template changed); requests in flight finish with the old one. */
  update(model: HttpTriggerModel): void;
  close(): Promise<void>;
}

export async function startHttpTriggers(engine: TriggerEngine, model: HttpTriggerModel, opts: HttpTriggerOptions = {}): Promise<HttpTriggerServer> {
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? (() => {});
  let current = model;
  let port = 0;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      log(`HTTP trigger: ${err.message}`);
      if (!res.headersSent) writeResponse(res, gatewayError(GATEWAY_ERRORS.internal));
      else res.destroy();
    });
  });
  // API Gateway holds a slow integration for 29-30 s; no socket timeout must cut it shorter.
  server.requestTimeout = 0;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const at = new Date();
    const read = await readRequest(req);
    if (!read.ok) {
      if (read.drained) writeResponse(res, gatewayError(GATEWAY_ERRORS.tooLarge));
      else answerBeforeBodyEnd(req, res, gatewayError(GATEWAY_ERRORS.tooLarge));
      return;
    }
    const model = current;
    const request = withGatewayHeaders(read.request, { port, proto: 'http', traceId: traceHeader(at, randomHex) });
    const resolved = resolveTarget(model, request);
    if ('response' in resolved) {
      writeResponse(res, resolved.response);
      return;
    }
    const { target, scoped } = resolved;
    const cors = target.kind === 'url' ? target.url.cors : target.api.kind === 'http-api' ? target.api.cors : undefined;
    const outcome = await dispatch(engine, target, scoped, log);
    const response = cors ? withCorsHeaders(outcome.response, cors, scoped) : outcome.response;
    if (!writeResponse(res, response, outcome.extraHeaders)) {
      log(`${target.kind === 'url' ? target.url.logicalId : target.match.routeKey}: the response has a header that is not valid HTTP`);
      outcome.response = gatewayError(GATEWAY_ERRORS.internal);
      writeResponse(res, outcome.response, outcome.extraHeaders);
    }
    opts.onActivity?.(activityOf(target, outcome, at));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? DEFAULT_API_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    port,
    get endpoints() {
      return endpointsOf(current, url);
    },
    update(next) {
      current = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type Resolved = { target: Target; scoped: HttpRequest } | { response: GatewayResponse };

/**
 * Where a request goes (with the request as the function sees it), or the answer API Gateway
 * gives without a function (a preflight, 404).
 */
export function resolveTarget(model: HttpTriggerModel, req: HttpRequest): Resolved {
  if (req.rawPath.startsWith(FUNCTION_URL_PREFIX)) return functionUrlTarget(model, req);
  const apis = new Map(model.apis.map((a) => [a.apiId, a]));

  if (req.method === 'OPTIONS') {
    const byPath = matchPath(model.routes, req.rawPath);
    // An HTTP API's CORS covers the whole API: it answers a preflight even for a path it lacks.
    const api = byPath ? apis.get(byPath.route.apiId) : model.apis.find((a) => a.kind === 'http-api' && a.cors);
    if (api?.kind === 'http-api' && api.cors && isPreflight(req)) return { response: preflightResponse(api.cors, req) };
    if (byPath && api?.kind === 'rest-api' && api.cors) {
      // SAM adds its OPTIONS mock only to paths without an OPTIONS method of their own.
      const own = model.routes.find((r) => r.apiId === api.apiId && r.path === byPath!.route.path && r.method === 'OPTIONS');
      if (!own)
        return {
          response: restPreflightResponse(
            api.cors,
            methodsOfPath(
              model.routes.filter((r) => r.apiId === api.apiId),
              byPath!.route.path,
            ),
          ),
        };
    }
  }

  const match = matchRoute(model.routes, req.method, req.rawPath);
  const api = match && apis.get(match.route.apiId);
  if (match && api) return { target: { kind: 'route', match, api }, scoped: req };
  const byPath = matchPath(model.routes, req.rawPath);
  const restOnly = byPath ? byPath.route.kind === 'rest-api' : model.routes.length > 0 && model.routes.every((r) => r.kind === 'rest-api');
  return { response: gatewayError(restOnly ? GATEWAY_ERRORS.missingToken : GATEWAY_ERRORS.notFound) };
}

function functionUrlTarget(model: HttpTriggerModel, req: HttpRequest): Resolved {
  const rest = req.rawPath.slice(FUNCTION_URL_PREFIX.length);
  const slash = rest.indexOf('/');
  const name = decodeURIComponentSafe(slash < 0 ? rest : rest.slice(0, slash));
  const url = model.functionUrls.find((u) => u.logicalId === name);
  if (!url) return { response: gatewayError(GATEWAY_ERRORS.notFound) };
  // The function sees its own URL's path, without faaslab's /_url/<LogicalId> prefix.
  const scoped = { ...req, rawPath: slash < 0 ? '/' : rest.slice(slash) };
  if (url.cors && isPreflight(scoped)) return { response: preflightResponse(url.cors, scoped) };
  return { target: { kind: 'url', url }, scoped };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function endpointsOf(model: HttpTriggerModel, base: string): HttpEndpoint[] {
  const routes = model.routes.map((r): HttpEndpoint => ({
    kind: r.kind,
    logicalId: r.logicalId,
    apiId: r.apiId,
    method: r.method,
    path: r.path,
    url: `${base}${r.path === DEFAULT_ROUTE ? '/' : r.path}`,
    eventName: r.eventName,
    line: r.line,
  }));
  const urls = model.functionUrls.map((u): HttpEndpoint => {
    const path = `${FUNCTION_URL_PREFIX}${encodeURIComponent(u.logicalId)}/`;
    return { kind: 'function-url', logicalId: u.logicalId, method: 'ANY', path, url: `${base}${path}`, line: u.line };
  });
  return [...routes, ...urls];
}
