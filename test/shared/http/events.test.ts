import { describe, expect, it } from 'vitest';
import type { HttpRouteTrigger } from '../../../shared/domain/triggers.js';
import { fromUtf8, utf8 } from '../../../shared/http/bytes.js';
import { corsFromLists, corsFromRest } from '../../../shared/http/cors-config.js';
import { isPreflight, preflightResponse, restPreflightResponse, withCorsHeaders } from '../../../shared/http/cors.js';
import { buildFunctionUrlEvent, buildHttpApiEvent, buildRestApiEvent, type EventOptions } from '../../../shared/http/events.js';
import { isTextContentType, matchesMediaType } from '../../../shared/http/media-types.js';
import type { HttpRequest } from '../../../shared/http/request.js';
import { matchRoute } from '../../../shared/http/routes.js';

const NOW = new Date(Date.UTC(2026, 10, 27, 10, 15, 0, 123));
const OPTS: EventOptions = { requestId: 'req-1', now: NOW, accountId: '123456789012', apiId: 'abcdefghij', domainName: 'abcdefghij.execute-api.us-east-1.amazonaws.com', stage: '$default' };

function request(over: Partial<HttpRequest> = {}): HttpRequest {
  return {
    method: 'POST',
    rawPath: '/items/a%20b',
    rawQueryString: 'a=1&a=2&b=x+y&c',
    headers: [
      ['Host', 'localhost'],
      ['User-Agent', 'test/1'],
      ['X-Dup', 'one'],
      ['x-dup', 'two'],
      ['Cookie', 's=1; t=2'],
      ['Connection', 'keep-alive'],
      ['Content-Type', 'application/json'],
    ],
    body: utf8('{"a":1}'),
    sourceIp: '127.0.0.1',
    protocol: 'HTTP/1.1',
    ...over,
  };
}

function route(kind: HttpRouteTrigger['kind'], payloadFormat: HttpRouteTrigger['payloadFormat'] = kind === 'http-api' ? '2.0' : '1.0'): HttpRouteTrigger {
  return { kind, logicalId: 'Fn', eventName: 'E', apiId: 'Api', method: 'POST', path: '/items/{id}', payloadFormat, timeoutMs: 30_000 };
}

const matchOf = (r: HttpRouteTrigger) => matchRoute([r], 'POST', '/items/a%20b')!;

describe('payload 2.0', () => {
  it('builds the HTTP API event', () => {
    const event = buildHttpApiEvent(request(), matchOf(route('http-api')), { ...OPTS, stageVariables: { color: 'blue' } });
    expect(event).toEqual({
      version: '2.0',
      routeKey: 'POST /items/{id}',
      rawPath: '/items/a%20b',
      rawQueryString: 'a=1&a=2&b=x+y&c',
      cookies: ['s=1', 't=2'],
      headers: { host: 'localhost', 'user-agent': 'test/1', 'x-dup': 'one,two', 'content-type': 'application/json' },
      queryStringParameters: { a: '1,2', b: 'x y', c: '' },
      requestContext: {
        accountId: '123456789012',
        apiId: 'abcdefghij',
        domainName: 'abcdefghij.execute-api.us-east-1.amazonaws.com',
        domainPrefix: 'abcdefghij',
        http: { method: 'POST', path: '/items/a%20b', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test/1' },
        requestId: 'req-1',
        routeKey: 'POST /items/{id}',
        stage: '$default',
        time: '27/Nov/2026:10:15:00 +0000',
        timeEpoch: NOW.getTime(),
      },
      body: '{"a":1}',
      pathParameters: { id: 'a b' },
      isBase64Encoded: false,
      stageVariables: { color: 'blue' },
    });
  });

  it('leaves out what a request does not have, and base64-encodes a binary body', () => {
    const bare = buildHttpApiEvent(
      request({ method: 'GET', rawQueryString: '', headers: [['Host', 'h']], body: new Uint8Array() }),
      matchRoute([{ ...route('http-api'), method: 'GET', path: '$default' }], 'GET', '/x')!,
      OPTS,
    );
    expect(Object.keys(bare)).toEqual(['version', 'routeKey', 'rawPath', 'rawQueryString', 'headers', 'requestContext', 'isBase64Encoded']);
    const binary = buildHttpApiEvent(request({ headers: [['Content-Type', 'application/octet-stream']], body: new Uint8Array([0, 255]) }), matchOf(route('http-api')), OPTS);
    expect(binary).toMatchObject({ body: 'AP8=', isBase64Encoded: true });
    const untyped = buildHttpApiEvent(request({ headers: [], body: utf8('hi') }), matchOf(route('http-api')), OPTS);
    expect(untyped).toMatchObject({ body: 'aGk=', isBase64Encoded: true });
  });

  it('builds the Function URL event: routeKey and stage $default, no pathParameters', () => {
    const event = buildFunctionUrlEvent(request(), { ...OPTS, accountId: 'anonymous', domainName: 'x'.repeat(32) + '.lambda-url.us-east-1.on.aws' });
    expect(event).toMatchObject({ routeKey: '$default', requestContext: { routeKey: '$default', stage: '$default', accountId: 'anonymous', domainPrefix: 'x'.repeat(32) } });
    expect(event).not.toHaveProperty('pathParameters');
    expect(event).not.toHaveProperty('stageVariables');
  });

  it('keeps a header named __proto__ (found by fuzzing: an assignment set the prototype instead, and the header vanished)', () => {
    const event = buildFunctionUrlEvent(request({ rawPath: '//', headers: [['__proto__', 'x']], body: new Uint8Array() }), OPTS);
    expect(Object.hasOwn(event.headers, '__proto__')).toBe(true);
    expect(JSON.stringify(event.headers)).toBe('{"__proto__":"x"}');
  });
});

describe('payload 1.0', () => {
  it('builds the REST API proxy event', () => {
    const event = buildRestApiEvent(request(), matchOf(route('rest-api')), { ...OPTS, stage: 'Prod', extendedRequestId: 'ext=', binaryMediaTypes: ['image/png'] });
    expect(event).toMatchObject({
      resource: '/items/{id}',
      path: '/items/a%20b',
      httpMethod: 'POST',
      headers: { Host: 'localhost', 'User-Agent': 'test/1', 'X-Dup': 'two', Cookie: 's=1; t=2', 'Content-Type': 'application/json' },
      multiValueHeaders: { 'X-Dup': ['one', 'two'], Cookie: ['s=1; t=2'] },
      queryStringParameters: { a: '2', b: 'x y', c: '' },
      multiValueQueryStringParameters: { a: ['1', '2'], b: ['x y'], c: [''] },
      requestContext: {
        resourcePath: '/items/{id}',
        stage: 'Prod',
        path: '/Prod/items/a%20b',
        httpMethod: 'POST',
        requestId: 'req-1',
        extendedRequestId: 'ext=',
        identity: { sourceIp: '127.0.0.1', userAgent: 'test/1' },
        requestTime: '27/Nov/2026:10:15:00 +0000',
        requestTimeEpoch: NOW.getTime(),
        protocol: 'HTTP/1.1',
      },
      pathParameters: { id: 'a b' },
      stageVariables: null,
      body: '{"a":1}',
      isBase64Encoded: false,
    });
    expect(event).not.toHaveProperty('version');
    expect(event.headers).not.toHaveProperty('Connection');
  });

  it('base64-encodes only binaryMediaTypes; an HTTP API with 1.0 says version 1.0', () => {
    const png = request({ headers: [['Content-Type', 'image/png']], body: new Uint8Array([1, 2]) });
    expect(buildRestApiEvent(png, matchOf(route('rest-api')), { ...OPTS, binaryMediaTypes: ['image/*'] })).toMatchObject({ body: 'AQI=', isBase64Encoded: true });
    expect(buildRestApiEvent(png, matchOf(route('rest-api')), OPTS)).toMatchObject({ body: '\u0001\u0002', isBase64Encoded: false });
    const empty = buildRestApiEvent(request({ rawQueryString: '', body: new Uint8Array() }), matchOf(route('rest-api')), OPTS);
    expect(empty).toMatchObject({ body: null, queryStringParameters: null, multiValueQueryStringParameters: null });
    const v1 = buildRestApiEvent(png, matchOf(route('http-api', '1.0')), OPTS);
    expect(v1).toMatchObject({ version: '1.0', isBase64Encoded: true, requestContext: { path: '/items/a%20b', resourceId: null } });
  });
});

describe('media types', () => {
  it.each(['text/plain', 'text/html; charset=utf-8', 'application/json', 'application/vnd.api+json', 'application/xml', 'application/javascript', 'application/x-www-form-urlencoded'])(
    '%s is text',
    (t) => {
      expect(isTextContentType(t)).toBe(true);
    },
  );
  it.each([undefined, '', 'application/octet-stream', 'image/png', 'multipart/form-data; boundary=x', 'application/pdf'])('%s is binary', (t) => {
    expect(isTextContentType(t)).toBe(false);
  });
  it('matches binaryMediaTypes with wildcards', () => {
    expect(matchesMediaType('image/png', ['image/*'])).toBe(true);
    expect(matchesMediaType('IMAGE/PNG; q=1', ['image/png'])).toBe(true);
    expect(matchesMediaType('text/plain', ['*/*'])).toBe(true);
    expect(matchesMediaType('*/*', ['image/png'])).toBe(false);
  });
});

describe('CORS', () => {
  const http = corsFromLists({ AllowOrigins: ['https://app.example'], AllowMethods: ['get', 'POST'], AllowHeaders: ['x-a'], ExposeHeaders: ['x-id'], MaxAge: 60, AllowCredentials: true }, 'C');
  const preflight = (origin: string) =>
    request({
      method: 'OPTIONS',
      headers: [
        ['Origin', origin],
        ['Access-Control-Request-Method', 'POST'],
      ],
      body: new Uint8Array(),
    });

  it('reads the three configuration shapes', () => {
    expect(http).toEqual({
      cors: { allowOrigins: ['https://app.example'], allowMethods: ['GET', 'POST'], allowHeaders: ['x-a'], exposeHeaders: ['x-id'], maxAge: 60, allowCredentials: true },
      warnings: [],
    });
    expect(corsFromLists(true, 'C').cors).toEqual({ allowOrigins: ['*'], allowHeaders: [], exposeHeaders: [], allowCredentials: false });
    expect(corsFromRest("'*'", 'C').cors?.allowOrigins).toEqual(['*']);
    const rest = corsFromRest({ AllowOrigin: "'https://a.example'", AllowMethods: "'GET, POST'", MaxAge: "'600'", Unknown: 1 }, 'Api.Cors');
    expect(rest.cors).toEqual({ allowOrigins: ['https://a.example'], allowMethods: ['GET', 'POST'], allowHeaders: [], exposeHeaders: [], maxAge: 600, allowCredentials: false });
    expect(rest.warnings).toEqual(['Api.Cors.Unknown is not a CORS setting; ignored']);
    expect(corsFromRest({ AllowOrigin: 'https://a.example' }, 'Api.Cors').warnings[0]).toContain('single quotes');
  });

  it('answers a preflight for an allowed origin, and without CORS headers otherwise', () => {
    expect(isPreflight(preflight('https://app.example'))).toBe(true);
    expect(isPreflight(request({ method: 'OPTIONS', headers: [] }))).toBe(false);
    expect(preflightResponse(http.cors!, preflight('https://app.example'))).toMatchObject({
      statusCode: 204,
      headers: [
        ['access-control-allow-origin', 'https://app.example'],
        ['access-control-allow-methods', 'GET,POST'],
        ['access-control-allow-headers', 'x-a'],
        ['access-control-max-age', '60'],
        ['access-control-allow-credentials', 'true'],
      ],
    });
    expect(preflightResponse(http.cors!, preflight('https://evil.example')).headers).toEqual([]);
  });

  it("replaces the function's CORS headers on responses", () => {
    const response = {
      statusCode: 200,
      headers: [
        ['Access-Control-Allow-Origin', '*'],
        ['x', '1'],
      ] as Array<[string, string]>,
      body: new Uint8Array(),
    };
    expect(withCorsHeaders(response, http.cors!, preflight('https://app.example')).headers).toEqual([
      ['x', '1'],
      ['access-control-allow-origin', 'https://app.example'],
      ['access-control-allow-credentials', 'true'],
      ['access-control-expose-headers', 'x-id'],
    ]);
    expect(withCorsHeaders(response, http.cors!, request()).headers).toEqual([['x', '1']]);
  });

  it("a REST API's OPTIONS mock lists the path's methods by default", () => {
    const cors = corsFromRest("'https://a.example'", 'C').cors!;
    const r = restPreflightResponse(cors, ['GET', 'POST']);
    expect(r.statusCode).toBe(200);
    expect(r.headers).toContainEqual(['Access-Control-Allow-Methods', 'GET,OPTIONS,POST']);
    expect(restPreflightResponse(cors, ['ANY']).headers).toContainEqual(['Access-Control-Allow-Methods', 'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT']);
    expect(fromUtf8(r.body)).toBe('');
  });
});
