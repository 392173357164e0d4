/** A sample event and a live request's event come from one builder: the same fields, in the same order. */
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../../shared/http/bytes.js';
import { buildFunctionUrlEvent, buildHttpApiEvent, buildRestApiEvent, type EventOptions } from '../../../shared/http/events.js';
import type { HttpRequest } from '../../../shared/http/request.js';
import { matchRoute } from '../../../shared/http/routes.js';
import type { HttpRouteTrigger } from '../../../shared/domain/triggers.js';
import { findEventTemplate } from '../../../shared/events/templates.js';

type Json = Record<string, any>;
const OPTS: EventOptions = { requestId: 'r', now: new Date(), accountId: '123456789012', apiId: 'abcdefghij', domainName: 'abcdefghij.execute-api.us-east-1.amazonaws.com', stage: 'prod' };
const request: HttpRequest = {
  method: 'POST',
  rawPath: '/items/42',
  rawQueryString: 'verbose=true',
  body: utf8('{"a":1}'),
  sourceIp: '127.0.0.1',
  protocol: 'HTTP/1.1',
  headers: [
    ['Host', 'localhost'],
    ['User-Agent', 'test/1'],
    ['Content-Type', 'application/json'],
    ['Cookie', 'a=1'],
  ],
};
const route = (kind: HttpRouteTrigger['kind']): HttpRouteTrigger => ({
  kind,
  logicalId: 'Fn',
  eventName: 'E',
  apiId: 'Api',
  method: 'POST',
  path: '/items/{id}',
  payloadFormat: kind === 'http-api' ? '2.0' : '1.0',
  timeoutMs: 30_000,
});
const match = (kind: HttpRouteTrigger['kind']) => matchRoute([route(kind)], 'POST', '/items/42')!;
const sample = (id: string, fields: Record<string, string>) => findEventTemplate(id)!.build(fields) as Json;

/** Every key path of an object, in order (arrays and plain values are leaves). */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => [`${prefix}${k}`, ...(k === 'headers' || k === 'multiValueHeaders' ? [] : keyPaths(v, `${prefix}${k}.`))]);
}

describe('sample and live API Gateway events', () => {
  it('REST API (payload 1.0): the same shape, the identity block included', () => {
    const live = buildRestApiEvent(request, match('rest-api'), OPTS);
    const made = sample('apigateway-v1', { method: 'POST', path: '/items/42', resource: '/items/{id}', query: 'verbose=true', body: '{"a":1}', stage: 'prod' });
    expect(keyPaths(made)).toEqual(keyPaths(live));
    expect(made.pathParameters).toEqual(live.pathParameters);
    expect(live.requestContext.identity).toMatchObject({ apiKey: null, apiKeyId: null, clientCert: null });
  });

  it('HTTP API and Function URL (payload 2.0): the same shape', () => {
    const live = buildHttpApiEvent(request, match('http-api'), { ...OPTS, stage: '$default' });
    const made = sample('apigateway-v2', { method: 'POST', path: '/items/42', route: '/items/{id}', query: 'verbose=true', body: '{"a":1}' });
    expect(keyPaths(made)).toEqual(keyPaths(live));
    expect(made).toMatchObject({ routeKey: live.routeKey, pathParameters: live.pathParameters });
    const url = sample('function-url', { method: 'POST', path: '/items/42', query: 'verbose=true', body: '{"a":1}' });
    expect(keyPaths(url)).toEqual(keyPaths(buildFunctionUrlEvent(request, OPTS)));
  });
});
