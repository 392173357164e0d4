import { describe, expect, it } from 'vitest';
import { fromBase64, fromUtf8, toBase64, utf8 } from '../../../shared/http/bytes.js';
import { mapHttpApiResponse, mapRestApiResponse, mapStreamingResponse, type GatewayResponse } from '../../../shared/http/responses.js';

const json = (value: unknown) => utf8(JSON.stringify(value));
const BINARY = new Uint8Array([0, 1, 2, 250, 255, 10]);
const INTERNAL = '{"message":"Internal server error"}';

function view(r: GatewayResponse) {
  return { status: r.statusCode, headers: r.headers, body: fromUtf8(r.body) };
}

describe('payload 2.0 (HTTP API)', () => {
  it.each<[string, unknown, number, Array<[string, string]>, string]>([
    ['an object without statusCode is the JSON body', { message: 'hi' }, 200, [['content-type', 'application/json']], '{"message":"hi"}'],
    ['a string is the body', 'hello', 200, [['content-type', 'application/json']], 'hello'],
    ['a number is the body', 42, 200, [['content-type', 'application/json']], '42'],
    ['null (undefined returned) is the body', null, 200, [['content-type', 'application/json']], 'null'],
    [
      'statusCode, headers and body',
      { statusCode: 201, headers: { 'Content-Type': 'text/plain', 'X-Count': 3 }, body: 'made' },
      201,
      [
        ['Content-Type', 'text/plain'],
        ['X-Count', '3'],
      ],
      'made',
    ],
    ['statusCode alone: empty body, JSON type', { statusCode: 204 }, 204, [['content-type', 'application/json']], ''],
    [
      'cookies become set-cookie headers',
      { statusCode: 200, cookies: ['a=1; Path=/', 'b=2'], body: 'ok' },
      200,
      [
        ['set-cookie', 'a=1; Path=/'],
        ['set-cookie', 'b=2'],
        ['content-type', 'application/json'],
      ],
      'ok',
    ],
    ['multiValueHeaders is not part of 2.0', { statusCode: 200, multiValueHeaders: { 'x-m': ['a'] }, body: '' }, 200, [['content-type', 'application/json']], ''],
    ['a statusCode given as text', { statusCode: '202', body: 'x' }, 202, [['content-type', 'application/json']], 'x'],
    ["the function's content-length is not trusted", { statusCode: 200, headers: { 'content-length': '999' }, body: 'ab' }, 200, [['content-type', 'application/json']], 'ab'],
  ])('%s', (_name, result, status, headers, body) => {
    expect(view(mapHttpApiResponse(json(result), '2.0'))).toEqual({ status, headers, body });
  });

  it('decodes a base64 body', () => {
    const r = mapHttpApiResponse(json({ statusCode: 200, headers: { 'content-type': 'image/png' }, body: toBase64(BINARY), isBase64Encoded: true }), '2.0');
    expect([...r.body]).toEqual([...BINARY]);
  });

  it.each([
    ['not JSON', utf8('<html>'), 'not JSON'],
    ['a statusCode that is not a status', json({ statusCode: 'abc' }), 'not an HTTP status'],
    ['a status out of range', json({ statusCode: 42 }), 'not an HTTP status'],
    ['an object body', json({ statusCode: 200, body: { a: 1 } }), 'body must be a string'],
    ['headers that are not a map', json({ statusCode: 200, headers: ['x'] }), 'headers must be an object'],
    ['a header value that is a map', json({ statusCode: 200, headers: { x: { y: 1 } } }), 'headers.x must be a string'],
    ['isBase64Encoded that is not a boolean', json({ statusCode: 200, isBase64Encoded: 1 }), 'isBase64Encoded'],
    ['a body that is not base64', json({ statusCode: 200, body: '%%%', isBase64Encoded: true }), 'not base64'],
  ])('%s is 502', (_name, payload, reason) => {
    const r = mapHttpApiResponse(payload, '2.0');
    expect(view(r)).toEqual({ status: 502, headers: [['content-type', 'application/json']], body: INTERNAL });
    expect(r.malformed).toContain(reason);
  });

  it('Function URLs send a string result as its JSON text, quotes included', () => {
    expect(fromUtf8(mapHttpApiResponse(json('hello'), '2.0', { stringResult: 'json' }).body)).toBe('"hello"');
  });
});

describe('payload 1.0', () => {
  const rest = (result: unknown, accept?: string) => view(mapRestApiResponse(json(result), { binaryMediaTypes: ['image/png', 'application/*'], accept }));

  it('needs statusCode', () => {
    expect(rest({ body: 'x' }).status).toBe(502);
    expect(rest('hello').status).toBe(502);
    expect(view(mapHttpApiResponse(json({ message: 'hi' }), '1.0')).status).toBe(502);
  });

  it('merges headers and multiValueHeaders, a pair in both once', () => {
    const r = rest({ statusCode: 200, headers: { 'X-One': '1', 'X-Two': '2' }, multiValueHeaders: { 'X-One': ['1'], 'X-Multi': ['a', 'b'] }, body: 'ok' });
    expect(r).toEqual({
      status: 200,
      headers: [
        ['X-One', '1'],
        ['X-Multi', 'a'],
        ['X-Multi', 'b'],
        ['X-Two', '2'],
        ['content-type', 'application/json'],
      ],
      body: 'ok',
    });
  });

  it('a REST API refuses keys it does not know; an HTTP API with 1.0 ignores them', () => {
    const result = { statusCode: 200, cookies: ['a=1'], body: 'ok' };
    expect(rest(result).status).toBe(502);
    expect(view(mapHttpApiResponse(json(result), '1.0'))).toEqual({ status: 200, headers: [['content-type', 'application/json']], body: 'ok' });
  });

  it('a REST API decodes base64 only when the first Accept type is a binary media type', () => {
    const result = { statusCode: 200, headers: { 'content-type': 'image/png' }, body: toBase64(BINARY), isBase64Encoded: true };
    expect([...mapRestApiResponse(json(result), { binaryMediaTypes: ['image/png'], accept: 'image/png, */*' }).body]).toEqual([...BINARY]);
    expect([...mapRestApiResponse(json(result), { binaryMediaTypes: ['application/*'], accept: 'application/pdf' }).body]).toEqual([...BINARY]);
    expect(rest(result, '*/*').body).toBe(toBase64(BINARY));
    expect(rest(result, 'text/html, image/png').body).toBe(toBase64(BINARY));
    expect(rest(result).body).toBe(toBase64(BINARY));
    expect([...mapRestApiResponse(json(result), { binaryMediaTypes: ['*/*'], accept: '*/*' }).body]).toEqual([...BINARY]);
  });

  it('an HTTP API with payload 1.0 always decodes base64', () => {
    const r = mapHttpApiResponse(json({ statusCode: 200, body: toBase64(BINARY), isBase64Encoded: true }), '1.0');
    expect([...r.body]).toEqual([...BINARY]);
  });
});

describe('RESPONSE_STREAM Function URLs', () => {
  it('reads an HTTP-integration prelude, eight NUL bytes, then the body', () => {
    const prelude = utf8(JSON.stringify({ statusCode: 201, headers: { 'content-type': 'text/plain' }, cookies: ['s=1'] }));
    const payload = new Uint8Array([...prelude, 0, 0, 0, 0, 0, 0, 0, 0, ...utf8('streamed')]);
    expect(view(mapStreamingResponse(payload))).toEqual({
      status: 201,
      headers: [
        ['content-type', 'text/plain'],
        ['set-cookie', 's=1'],
      ],
      body: 'streamed',
    });
  });

  it('takes any other stream as an octet-stream body', () => {
    expect(view(mapStreamingResponse(utf8('plain')))).toEqual({ status: 200, headers: [['content-type', 'application/octet-stream']], body: 'plain' });
  });
});

describe('bytes', () => {
  it('round-trips base64 of every byte value, and refuses what is not base64', () => {
    const all = new Uint8Array(256 * 3 + 1).map((_, i) => i % 256);
    for (const n of [0, 1, 2, 3, 100, all.length]) {
      const part = all.subarray(0, n);
      expect(toBase64(part)).toBe(Buffer.from(part).toString('base64'));
      expect([...fromBase64(toBase64(part))!]).toEqual([...part]);
    }
    expect(fromBase64('a$b=')).toBeUndefined();
    expect([...fromBase64('-_8')!]).toEqual([...Buffer.from('+/8=', 'base64')]);
  });
});
