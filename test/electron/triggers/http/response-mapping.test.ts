/**
 * ARCHITECTURE.md, Lambda behaviour 9's response mapping, over real HTTP against a real engine: one function
 * returns what each request asks for, behind an HTTP API route (payload 2.0), an HTTP API route
 * with payload 1.0, a REST API route and a Function URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type Fixture } from './fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(() => fx?.close());

type Kind = 'v2' | 'v1' | 'rest' | 'url';
const PATHS: Record<Kind, string> = { v2: '/reply', v1: '/v1/reply', rest: '/rest/reply', url: '/_url/Reply/' };

interface Expected {
  status: number;
  body?: string | number[];
  /** Header values; null means absent. */
  headers?: Record<string, string | null>;
  setCookie?: string[];
}

const INTERNAL: Expected = { status: 502, body: '{"message":"Internal server error"}', headers: { 'content-type': 'application/json' } };
const PNG = [137, 80, 78, 71, 0, 255, 10];
const PNG_BASE64 = Buffer.from(PNG).toString('base64');
const JSON_TYPE = { 'content-type': 'application/json' };

const CASES: Array<{ name: string; spec: unknown } & Record<Kind, Expected>> = [
  {
    name: 'an object without statusCode',
    spec: { result: { message: 'hi' } },
    v2: { status: 200, body: '{"message":"hi"}', headers: JSON_TYPE },
    url: { status: 200, body: '{"message":"hi"}', headers: JSON_TYPE },
    v1: INTERNAL,
    rest: INTERNAL,
  },
  {
    name: 'a string',
    spec: { result: 'hello' },
    v2: { status: 200, body: 'hello', headers: JSON_TYPE },
    // Lambda's documentation shows a Function URL sending the JSON text, quotes included.
    url: { status: 200, body: '"hello"', headers: JSON_TYPE },
    v1: INTERNAL,
    rest: INTERNAL,
  },
  {
    name: 'nothing (undefined)',
    spec: {},
    v2: { status: 200, body: 'null' },
    url: { status: 200, body: 'null' },
    v1: INTERNAL,
    rest: INTERNAL,
  },
  {
    name: 'statusCode, headers and body',
    spec: { result: { statusCode: 201, headers: { 'Content-Type': 'text/plain', 'X-Custom': 'a' }, body: 'created' } },
    ...same({ status: 201, body: 'created', headers: { 'content-type': 'text/plain', 'x-custom': 'a' } }),
  },
  {
    name: 'cookies',
    spec: { result: { statusCode: 200, cookies: ['a=1; Path=/', 'b=2'], body: 'ok' } },
    v2: { status: 200, body: 'ok', setCookie: ['a=1; Path=/', 'b=2'] },
    url: { status: 200, body: 'ok', setCookie: ['a=1; Path=/', 'b=2'] },
    // Not part of payload 1.0: an HTTP API ignores the key, a REST API refuses the response.
    v1: { status: 200, body: 'ok', setCookie: [] },
    rest: INTERNAL,
  },
  {
    name: 'a base64 body',
    spec: { result: { statusCode: 200, headers: { 'content-type': 'image/png' }, body: PNG_BASE64, isBase64Encoded: true } },
    v2: { status: 200, body: PNG, headers: { 'content-type': 'image/png' } },
    v1: { status: 200, body: PNG },
    url: { status: 200, body: PNG },
    // fetch sends Accept: */*, which is not one of the API's binaryMediaTypes: the text goes out.
    rest: { status: 200, body: PNG_BASE64 },
  },
  {
    name: 'multiValueHeaders',
    spec: { result: { statusCode: 200, headers: { 'x-one': '1' }, multiValueHeaders: { 'x-multi': ['a', 'b'], 'x-one': ['1'] }, body: '' } },
    v2: { status: 200, body: '', headers: { 'x-one': '1', 'x-multi': null } },
    url: { status: 200, body: '', headers: { 'x-one': '1', 'x-multi': null } },
    v1: { status: 200, body: '', headers: { 'x-one': '1', 'x-multi': 'a, b' } },
    rest: { status: 200, body: '', headers: { 'x-one': '1', 'x-multi': 'a, b' } },
  },
  { name: 'a statusCode that is not a number', spec: { result: { statusCode: 'abc' } }, ...same(INTERNAL) },
  { name: 'an object body', spec: { result: { statusCode: 200, body: { a: 1 } } }, ...same(INTERNAL) },
  { name: 'a header that is not valid HTTP', spec: { result: { statusCode: 200, headers: { 'x-bad': 'a\nb' }, body: 'x' } }, ...same(INTERNAL) },
  { name: 'a thrown error', spec: { throw: 'boom' }, ...same(INTERNAL) },
];

function same(expected: Expected): Record<Kind, Expected> {
  return { v2: expected, v1: expected, rest: expected, url: expected };
}

async function check(res: Response, expected: Expected): Promise<void> {
  expect(res.status).toBe(expected.status);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (Array.isArray(expected.body)) expect([...bytes]).toEqual(expected.body);
  else if (expected.body !== undefined) expect(Buffer.from(bytes).toString('utf8')).toBe(expected.body);
  for (const [name, value] of Object.entries(expected.headers ?? {})) expect(res.headers.get(name), name).toBe(value);
  if (expected.setCookie) expect(res.headers.getSetCookie()).toEqual(expected.setCookie);
}

describe('function result -> HTTP response', () => {
  for (const c of CASES) {
    for (const kind of ['v2', 'v1', 'rest', 'url'] as const) {
      it(`${c.name} (${kind})`, async () => {
        const res = await fetch(`${fx.server.url}${PATHS[kind]}`, { method: 'POST', body: JSON.stringify(c.spec), headers: { 'content-type': 'application/json' } });
        await check(res, c[kind]);
      });
    }
  }

  it('a REST API decodes base64 when the first Accept type is a binary media type', async () => {
    const spec = { result: { statusCode: 200, headers: { 'content-type': 'image/png' }, body: PNG_BASE64, isBase64Encoded: true } };
    const res = await fetch(`${fx.server.url}/rest/reply`, { method: 'POST', body: JSON.stringify(spec), headers: { 'content-type': 'application/json', accept: 'image/png' } });
    await check(res, { status: 200, body: PNG, headers: { 'content-type': 'image/png' } });
  });

  it('says why a response was refused in the log', () => {
    expect(fx.logged.some((l) => l.includes('/reply') && l.includes('malformed response: body must be a string'))).toBe(true);
    expect(fx.logged.some((l) => l.includes('Error: boom'))).toBe(true);
  });
});

describe('function failures', () => {
  it('a function timeout is 502', async () => {
    const res = await fetch(`${fx.server.url}/slow`, { method: 'POST', body: JSON.stringify({ sleepMs: 1500, result: 'late' }), headers: { 'content-type': 'application/json' } });
    await check(res, INTERNAL);
    expect(fx.activity.find((a) => a.route === 'POST /slow')).toMatchObject({ status: 'timeout', statusCode: 502 });
  });

  it('an HTTP API integration timeout (TimeoutInMillis) is 503 while the function carries on', async () => {
    const res = await fetch(`${fx.server.url}/gate`, { method: 'POST', body: JSON.stringify({ sleepMs: 800, result: 'late' }), headers: { 'content-type': 'application/json' } });
    await check(res, { status: 503, body: '{"message":"Service Unavailable"}' });
    const activity = fx.activity.find((a) => a.route === 'POST /gate')!;
    expect(activity.status).toBeUndefined();
    // The invocation still finishes, as on AWS, and is recorded like any other.
    await expect.poll(() => fx.records.find((r) => r.requestId === activity.requestId)?.status, { timeout: 5000 }).toBe('success');
  });
});
