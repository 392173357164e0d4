/**
 * Property-based fuzzing of the API Gateway event builder (shared/http/events.ts) and route
 * matching (shared/http/routes.ts): arbitrary methods, paths, headers, query strings and bodies.
 * Fixed seeds and bounded run counts keep `npm test` fast and a failure reproducible.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { HttpRouteTrigger, RouteMethod } from '../../shared/domain/triggers.js';
import { fromBase64, fromUtf8 } from '../../shared/http/bytes.js';
import { buildFunctionUrlEvent, buildHttpApiEvent, buildRestApiEvent, type EventOptions } from '../../shared/http/events.js';
import { forwardedHeaders, type HttpRequest } from '../../shared/http/request.js';
import { matchPath, matchRoute, pathTemplateProblem } from '../../shared/http/routes.js';
import { FUZZ_SEED, runs, trickyText } from './arbitraries.js';

const RUNS = runs(400);
const OPTS: EventOptions = {
  requestId: 'req-1',
  now: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
  accountId: '123456789012',
  apiId: 'abcdefghij',
  domainName: 'abcdefghij.execute-api.us-east-1.amazonaws.com',
  stage: 'dev',
  binaryMediaTypes: ['image/png', 'application/octet-stream'],
};

const METHODS: RouteMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'ANY'];
/** Names an object literal treats specially: a header or parameter of that name must still arrive. */
const PROTO_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];
const LITERALS = ['items', 'a', 'b', 'files', '..', '.', 'é', '%20', ...PROTO_NAMES];

const literal = fc.oneof(fc.constantFrom(...LITERALS), fc.stringMatching(/^[a-z0-9._~-]{1,8}$/));
const paramName = fc.oneof(fc.constantFrom('id', 'proxy', ...PROTO_NAMES), fc.stringMatching(/^[A-Za-z0-9._-]{1,6}$/));

/** A path template the loader accepts (pathTemplateProblem is its check), or $default. */
const pathTemplate = fc
  .tuple(
    fc.array(
      fc.oneof(
        literal,
        paramName.map((n) => `{${n}}`),
      ),
      { maxLength: 4 },
    ),
    fc.option(paramName.map((n) => `{${n}+}`)),
  )
  .map(([segments, greedy]) => `/${[...segments, ...(greedy ? [greedy] : [])].join('/')}`)
  .filter((p) => pathTemplateProblem(p) === undefined);

const route = fc.record({
  method: fc.constantFrom(...METHODS),
  path: fc.oneof({ weight: 9, arbitrary: pathTemplate }, { weight: 1, arbitrary: fc.constant('$default') }),
  kind: fc.constantFrom<HttpRouteTrigger['kind']>('http-api', 'rest-api'),
});
const routes = fc
  .array(route, { maxLength: 6 })
  .map((rs) => rs.map((r, i): HttpRouteTrigger => ({ ...r, logicalId: `Fn${i}`, eventName: `E${i}`, apiId: 'Api', payloadFormat: r.kind === 'http-api' ? '2.0' : '1.0', timeoutMs: 30_000 })));

const segment = fc.oneof(literal, fc.stringMatching(/^(%[0-9A-Fa-f]{2}|%|[^/?#])*$/), trickyText);
const rawPath = fc.oneof(
  fc.array(segment, { maxLength: 6 }).map((s) => `/${s.join('/')}`),
  fc.tuple(fc.array(segment, { maxLength: 3 }), fc.constantFrom('/', '//', '/../', '/./')).map(([s, tail]) => `/${s.join('/')}${tail}`),
  fc.constant(`/${'x/'.repeat(2000)}`),
);
const queryPart = fc.oneof(literal, fc.stringMatching(/^(%[0-9A-Fa-f]{2}|%|\+|[^&=#])*$/), trickyText);
const rawQueryString = fc.oneof(
  fc.constant(''),
  fc.array(fc.tuple(queryPart, fc.option(queryPart)), { maxLength: 5 }).map((pairs) => pairs.map(([k, v]) => (v === null ? k : `${k}=${v}`)).join('&')),
  fc.string(),
);
const headerName = fc.oneof(
  fc.constantFrom('Cookie', 'cookie', 'Content-Type', 'content-type', 'User-Agent', 'X-Dup', 'x-dup', 'Connection', 'Host', 'X-Forwarded-For', ...PROTO_NAMES),
  fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,12}$/),
);
const contentType = fc.constantFrom(
  'application/json',
  'text/plain; charset=utf-8',
  'image/png',
  'application/octet-stream',
  'application/vnd.api+json',
  'multipart/form-data; boundary=x',
  '',
  ';;',
  'TEXT/HTML',
);
const headers = fc.array(
  fc.oneof(
    fc.tuple(headerName, fc.oneof(trickyText, fc.string())),
    contentType.map((v): [string, string] => ['Content-Type', v]),
    fc.array(fc.stringMatching(/^[a-z]{1,4}=[^;]{0,6}$/), { maxLength: 3 }).map((c): [string, string] => ['Cookie', c.join('; ')]),
  ),
  { maxLength: 10 },
);
const body = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.string({ unit: 'binary' }).map((s) => new TextEncoder().encode(s)),
);

const request = fc.record({
  method: fc.oneof(fc.constantFrom(...METHODS.filter((m) => m !== 'ANY')), fc.stringMatching(/^[A-Z]{1,10}$/)),
  rawPath,
  rawQueryString,
  headers,
  body,
  sourceIp: fc.constantFrom('127.0.0.1', '::1'),
  protocol: fc.constant('HTTP/1.1'),
}) satisfies fc.Arbitrary<HttpRequest>;

/** What a function would make of the event's body: the bytes, or the text as UTF-8 decodes them. */
function bodyOf(event: { body?: string | null; isBase64Encoded: boolean }, sent: Uint8Array): void {
  if (sent.length === 0) {
    expect(event.body ?? undefined).toBeUndefined();
    return;
  }
  expect(typeof event.body).toBe('string');
  if (event.isBase64Encoded) expect(fromBase64(event.body!)).toEqual(sent);
  else expect(event.body).toBe(fromUtf8(sent));
}

function jsonRoundTrip(event: unknown): void {
  expect(JSON.parse(JSON.stringify(event))).toEqual(event);
}

const lower = (name: string) => name.toLowerCase();

describe('fuzz: route matching', () => {
  it('never throws, and a match is a route for the method whose parameters are the template names', () => {
    fc.assert(
      fc.property(routes, request, (rs, req) => {
        const match = matchRoute(rs, req.method, req.rawPath);
        if (match) expect(matchPath(rs, req.rawPath)).toBeDefined();
        if (!match) {
          // Without a match, no route of this method (or ANY) may be $default, which takes everything.
          expect(rs.some((r) => r.path === '$default' && (r.method === 'ANY' || r.method === req.method.toUpperCase()))).toBe(false);
          return;
        }
        expect(rs).toContain(match.route);
        expect(['ANY', req.method.toUpperCase()]).toContain(match.route.method);
        const names = [...match.route.path.matchAll(/\{([^}]+?)\+?\}/g)].map((m) => m[1]!);
        expect(Object.keys(match.pathParameters).sort()).toEqual(match.route.path === '$default' ? [] : [...names].sort());
        for (const value of Object.values(match.pathParameters)) expect(typeof value === 'string' && value !== '').toBe(true);
        expect(matchRoute(rs, req.method, req.rawPath)).toEqual(match);
      }),
      { seed: FUZZ_SEED, numRuns: RUNS },
    );
  });
});

describe('fuzz: API Gateway events', () => {
  it('payload 2.0 (HTTP API and Function URL): JSON-serialisable, the body round-trips, every header and cookie arrives', () => {
    fc.assert(
      fc.property(routes, request, (rs, req) => {
        const match = matchRoute(rs, req.method, req.rawPath);
        const events = [buildFunctionUrlEvent(req, OPTS), ...(match ? [buildHttpApiEvent(req, match, OPTS)] : [])];
        for (const event of events) {
          jsonRoundTrip(event);
          bodyOf(event, req.body);
          expect(event.rawPath).toBe(req.rawPath);
          expect(event.rawQueryString).toBe(req.rawQueryString);
          const sent = forwardedHeaders(req).filter(([n]) => lower(n) !== 'cookie');
          expect(Object.keys(event.headers).sort()).toEqual([...new Set(sent.map(([n]) => lower(n)))].sort());
          for (const [name] of sent) {
            expect(Object.hasOwn(event.headers, lower(name))).toBe(true);
            expect(event.headers[lower(name)]).toBe(
              sent
                .filter(([n]) => lower(n) === lower(name))
                .map(([, v]) => v)
                .join(','),
            );
          }
          const cookieText = req.headers.filter(([n]) => lower(n) === 'cookie').map(([, v]) => v);
          for (const cookie of event.cookies ?? []) expect(cookieText.some((t) => t.includes(cookie))).toBe(true);
        }
      }),
      { seed: FUZZ_SEED, numRuns: RUNS },
    );
  });

  it('payload 1.0 (REST API, HTTP API 1.0): single-value headers and query parameters are the last of the multi-value ones', () => {
    fc.assert(
      fc.property(routes, request, (rs, req) => {
        const match = matchRoute(rs, req.method, req.rawPath);
        if (!match) return;
        const event = buildRestApiEvent(req, match, OPTS);
        jsonRoundTrip(event);
        bodyOf(event, req.body);
        expect(Object.keys(event.headers)).toEqual(Object.keys(event.multiValueHeaders));
        for (const [name, values] of Object.entries(event.multiValueHeaders)) expect(event.headers[name]).toBe(values[values.length - 1]);
        const forwarded = forwardedHeaders(req);
        expect(Object.values(event.multiValueHeaders).flat().length).toBe(forwarded.length);
        expect(Object.keys(event.multiValueHeaders).map(lower).sort()).toEqual([...new Set(forwarded.map(([n]) => lower(n)))].sort());
        expect(event.queryStringParameters === null).toBe(event.multiValueQueryStringParameters === null);
        if (event.multiValueQueryStringParameters) {
          expect(Object.keys(event.queryStringParameters!)).toEqual(Object.keys(event.multiValueQueryStringParameters));
          for (const [name, values] of Object.entries(event.multiValueQueryStringParameters)) expect(event.queryStringParameters![name]).toBe(values[values.length - 1]);
        }
        // The 2.0 event of the same request joins what 1.0 lists.
        const v2 = buildHttpApiEvent(req, match, OPTS);
        for (const [name, values] of Object.entries(event.multiValueQueryStringParameters ?? {})) expect(v2.queryStringParameters?.[name]).toBe(values.join(','));
      }),
      { seed: FUZZ_SEED, numRuns: RUNS },
    );
  });
});
