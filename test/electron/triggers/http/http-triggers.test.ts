/** The HTTP trigger server over real HTTP, against a real engine: routing, events, limits, CORS. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { echoed, startFixture, type Fixture } from './fixture.js';
import { encodeRequest, rawExchange } from '../../../fuzz/raw-http.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(() => fx?.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${fx.server.url}${path}`, { headers });
type Body = NonNullable<Parameters<typeof fetch>[1]>['body'];
const send = (method: string, path: string, body: Body, headers: Record<string, string> = {}) => fetch(`${fx.server.url}${path}`, { method, body, headers });

describe('endpoints', () => {
  it('lists every route and Function URL with a URL to call', () => {
    const base = fx.server.url;
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fx.server.endpoints).toContainEqual(
      expect.objectContaining({ kind: 'http-api', logicalId: 'Echo', apiId: 'ServerlessHttpApi', method: 'GET', path: '/items/{id}', url: `${base}/items/{id}` }),
    );
    expect(fx.server.endpoints).toContainEqual(expect.objectContaining({ kind: 'http-api', logicalId: 'Echo', apiId: 'ServerlessHttpApi', method: 'ANY', path: '$default', url: `${base}/` }));
    expect(fx.server.endpoints).toContainEqual(
      expect.objectContaining({ kind: 'rest-api', logicalId: 'Echo', apiId: 'RestApi', method: 'GET', path: '/rest/items/{id}', url: `${base}/rest/items/{id}` }),
    );
    expect(fx.server.endpoints).toContainEqual(expect.objectContaining({ kind: 'function-url', logicalId: 'Reply', method: 'ANY', path: '/_url/Reply/', url: `${base}/_url/Reply/` }));
  });
});

describe('routing', () => {
  it.each([
    ['GET', '/items/special', 'GET /items/special', undefined],
    ['GET', '/items/7', 'GET /items/{id}', { id: '7' }],
    ['GET', '/items/a%20b', 'GET /items/{id}', { id: 'a b' }],
    ['GET', '/items', 'GET /items', undefined],
    ['DELETE', '/files/a/b/c', 'ANY /files/{proxy+}', { proxy: 'a/b/c' }],
    ['POST', '/files/a', 'POST /files/{proxy+}', { proxy: 'a' }],
    ['DELETE', '/items', '$default', undefined],
    ['GET', '/nothing/here', '$default', undefined],
  ])('%s %s -> %s', async (method, path, routeKey, pathParameters) => {
    const { event } = await echoed(await fetch(`${fx.server.url}${path}`, { method, body: method === 'POST' ? 'x' : undefined }));
    expect(event.routeKey).toBe(routeKey);
    expect(event.pathParameters).toEqual(pathParameters);
  });

  it('routes REST API paths at the root too, the most specific route winning across APIs', async () => {
    const item = (await echoed(await get('/rest/items/5'))).event;
    expect(item).toMatchObject({ resource: '/rest/items/{id}', pathParameters: { id: '5' } });
    const any = (await echoed(await send('PUT', '/rest/a/b', 'x', { 'content-type': 'text/plain' }))).event;
    expect(any).toMatchObject({ resource: '/rest/{proxy+}', httpMethod: 'PUT', pathParameters: { proxy: 'a/b' }, body: 'x' });
  });

  it('answers 404 for a Function URL that does not exist, and 403/404 as the APIs would without $default', async () => {
    expect(await (await get('/_url/Nope/')).json()).toEqual({ message: 'Not Found' });
    const model = fx.triggers;
    try {
      fx.server.update({ ...model, routes: model.routes.filter((r) => r.kind === 'rest-api') });
      const res = await get('/nowhere');
      expect([res.status, await res.json()]).toEqual([403, { message: 'Missing Authentication Token' }]);
      fx.server.update({ ...model, routes: model.routes.filter((r) => r.path !== '$default') });
      expect((await get('/nowhere')).status).toBe(404);
      expect((await get('/rest/items/1')).status).toBe(200);
    } finally {
      fx.server.update(model);
    }
  });
});

describe('events', () => {
  it('builds the HTTP API event (payload 2.0) from the request', async () => {
    const res = await get('/items/42?a=1&a=2&b=x%20y&c', { cookie: 's=1; t=2', 'user-agent': 'faaslab-test', 'x-custom': 'yes' });
    const { event, requestId } = await echoed(res);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /items/{id}',
      rawPath: '/items/42',
      rawQueryString: 'a=1&a=2&b=x%20y&c',
      cookies: ['s=1', 't=2'],
      queryStringParameters: { a: '1,2', b: 'x y', c: '' },
      pathParameters: { id: '42' },
      isBase64Encoded: false,
      requestContext: {
        accountId: '123456789012',
        routeKey: 'GET /items/{id}',
        stage: '$default',
        http: { method: 'GET', path: '/items/42', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'faaslab-test' },
      },
    });
    expect(event.headers).toMatchObject({ 'user-agent': 'faaslab-test', 'x-custom': 'yes', 'x-forwarded-for': '127.0.0.1', 'x-forwarded-proto': 'http', 'x-forwarded-port': String(fx.server.port) });
    expect(event.headers).not.toHaveProperty('cookie');
    expect(Object.keys(event.headers).every((k) => k === k.toLowerCase())).toBe(true);
    expect(event).not.toHaveProperty('body');
    const ctx = event.requestContext;
    expect(ctx.apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(ctx.domainName).toBe(`${ctx.apiId}.execute-api.us-east-1.amazonaws.com`);
    expect(ctx.domainPrefix).toBe(ctx.apiId);
    expect(ctx.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(Math.abs(ctx.timeEpoch - Date.now())).toBeLessThan(60_000);
    expect(res.headers.get('apigw-requestid')).toBe(ctx.requestId);
    expect(fx.activity.find((a) => a.requestId === requestId)).toMatchObject({ trigger: 'http', kind: 'http-api', logicalId: 'Echo', route: 'GET /items/{id}', status: 'success', statusCode: 200 });
  });

  it('builds the REST API event (payload 1.0) with multi-value query strings, stage and stage variables', async () => {
    const { event } = await echoed(await get('/rest/items/5?a=1&a=2', { 'X-Custom': 'yes' }));
    expect(event).toMatchObject({
      resource: '/rest/items/{id}',
      path: '/rest/items/5',
      httpMethod: 'GET',
      queryStringParameters: { a: '2' },
      multiValueQueryStringParameters: { a: ['1', '2'] },
      pathParameters: { id: '5' },
      stageVariables: { color: 'blue' },
      body: null,
      isBase64Encoded: false,
      requestContext: { stage: 'dev', path: '/dev/rest/items/5', resourcePath: '/rest/items/{id}', httpMethod: 'GET', identity: { sourceIp: '127.0.0.1' } },
    });
    expect(event.headers['x-custom'] ?? event.headers['X-Custom']).toBe('yes');
    expect(event.requestContext.requestTimeEpoch).toBeTypeOf('number');
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("joins duplicate headers with commas in 2.0 and keeps every value in 1.0's multiValueHeaders", async () => {
    const raw = (path: string) =>
      new Promise<Record<string, any>>((resolve, reject) => {
        // fetch joins repeated headers itself; node:http sends raw pairs (Host included: it adds none then).
        const headers = ['Host', `127.0.0.1:${fx.server.port}`, 'X-Dup', 'one', 'X-Dup', 'two'];
        const req = http.request(`${fx.server.url}${path}`, { headers }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c));
          res.on('end', () => resolve(JSON.parse(text).event));
        });
        req.on('error', reject);
        req.end();
      });
    expect((await raw('/items/1')).headers['x-dup']).toBe('one,two');
    const rest = await raw('/rest/items/1');
    expect(rest.headers['X-Dup']).toBe('two');
    expect(rest.multiValueHeaders['X-Dup']).toEqual(['one', 'two']);
  });

  it('sends binary bodies base64-encoded: by content type on an HTTP API, by binaryMediaTypes on a REST API', async () => {
    const bytes = new Uint8Array([0, 1, 2, 253, 254, 255]);
    const b64 = Buffer.from(bytes).toString('base64');
    const binary = (await echoed(await send('POST', '/files/upload', bytes, { 'content-type': 'application/octet-stream' }))).event;
    expect(binary).toMatchObject({ isBase64Encoded: true, body: b64 });
    const text = (await echoed(await send('POST', '/files/note', 'héllo', { 'content-type': 'text/plain; charset=utf-8' }))).event;
    expect(text).toMatchObject({ isBase64Encoded: false, body: 'héllo' });
    const rest = (await echoed(await send('POST', '/rest/upload', bytes, { 'content-type': 'application/octet-stream' }))).event;
    expect(rest).toMatchObject({ isBase64Encoded: true, body: b64 });
    const restText = (await echoed(await send('POST', '/rest/upload', 'plain', { 'content-type': 'image/jpeg' }))).event;
    expect(restText).toMatchObject({ isBase64Encoded: false, body: 'plain' });
  });
});

describe('limits', () => {
  it('answers 413 above 6 MB without invoking, also when base64 takes the event over', async () => {
    const before = fx.records.length;
    for (const size of [6_500_000, 5_000_000]) {
      const res = await send('POST', '/files/big', new Uint8Array(size), { 'content-type': 'application/octet-stream' });
      expect([res.status, await res.json()]).toEqual([413, { message: 'Request Entity Too Large' }]);
    }
    expect(fx.records.length).toBe(before);
    // Text is not inflated: the same 5 MB as text fits.
    const ok = await send('POST', '/rest/big', 'a'.repeat(5_000_000), { 'content-type': 'text/plain' });
    expect(ok.status).toBe(200);
  });

  it('answers 413 above 10 MB too, before a reset (found by fuzzing: a 30 MB POST sent with Connection: close got a reset and no answer)', async () => {
    for (const framing of ['length', 'chunked'] as const) {
      const request = encodeRequest({ method: 'POST', target: '/items', version: 'HTTP/1.1', headers: [], body: Buffer.alloc(30 * 1024 * 1024, 120), framing });
      const answer = await rawExchange(fx.server.port, request);
      expect([answer.status, JSON.parse(answer.body.toString())]).toEqual([413, { message: 'Request Entity Too Large' }]);
    }
    const res = await send('POST', '/items', new Uint8Array(30 * 1024 * 1024));
    expect([res.status, await res.json()]).toEqual([413, { message: 'Request Entity Too Large' }]);
    // The connection served its 413 and the server still answers.
    expect((await get('/items/7')).status).toBe(200);
  });

  it('answers 429 when the function is throttled', async () => {
    const res = await get('/blocked');
    expect([res.status, await res.json()]).toEqual([429, { message: 'Too Many Requests' }]);
    expect(fx.activity.find((a) => a.route === 'GET /blocked')).toMatchObject({ status: 'throttled', statusCode: 429 });
  });
});

describe('CORS', () => {
  const preflight = (path: string, origin: string) => fetch(`${fx.server.url}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });

  it('an HTTP API answers preflights from its CorsConfiguration without invoking the function', async () => {
    const before = fx.records.length;
    const res = await preflight('/items/1', 'https://app.example.com');
    expect(res.status).toBe(204);
    expect(Object.fromEntries([...res.headers].filter(([k]) => k.startsWith('access-control-')))).toEqual({
      'access-control-allow-origin': 'https://app.example.com',
      'access-control-allow-methods': 'GET,POST',
      'access-control-allow-headers': 'content-type,x-custom',
      'access-control-max-age': '600',
      'access-control-allow-credentials': 'true',
    });
    const denied = await preflight('/items/1', 'https://evil.example');
    expect(denied.status).toBe(204);
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    expect(fx.records.length).toBe(before);
  });

  it("an HTTP API puts its own CORS headers on responses, in place of the function's", async () => {
    const allowed = await get('/items/1', { origin: 'https://app.example.com' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect((await get('/items/1', { origin: 'https://evil.example' })).headers.get('access-control-allow-origin')).toBeNull();
  });

  it("a REST API answers OPTIONS with SAM's mock and leaves other responses to the function", async () => {
    const res = await preflight('/rest/items/1', 'https://anyone.example');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://rest.example.com');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,OPTIONS');
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type');
    const normal = await get('/rest/items/1', { origin: 'https://rest.example.com' });
    expect(normal.headers.get('access-control-allow-origin')).toBe('https://function.example');
  });

  it('a Function URL answers preflights from its own Cors', async () => {
    const res = await preflight('/_url/Echo/x', 'https://anywhere.example');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe('*');
  });
});

describe('Function URLs', () => {
  it('serve each function under /_url/<LogicalId>/ with a 2.0 event whose routeKey is $default', async () => {
    const res = await get('/_url/Echo/some/path?x=1');
    const { event, requestId } = await echoed(res);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/some/path',
      rawQueryString: 'x=1',
      queryStringParameters: { x: '1' },
      requestContext: { routeKey: '$default', stage: '$default', accountId: 'anonymous', requestId, http: { method: 'GET', path: '/some/path' } },
    });
    expect(event.requestContext.domainName).toMatch(/^[a-z0-9]{32}\.lambda-url\.us-east-1\.on\.aws$/);
    expect(event).not.toHaveProperty('pathParameters');
    expect(res.headers.get('x-amzn-requestid')).toBe(requestId);
    expect(fx.activity.find((a) => a.requestId === requestId)).toMatchObject({ kind: 'function-url', route: 'function-url', logicalId: 'Echo', statusCode: 200 });
    // Its CORS replaces the function's header: any origin is allowed.
    expect((await get('/_url/Echo/', { origin: 'https://x.example' })).headers.get('access-control-allow-origin')).toBe('*');
  });

  it('take the bare base path as /', async () => {
    expect((await echoed(await get('/_url/Echo'))).event.rawPath).toBe('/');
  });
});
