/** Where the server sends a request, without an engine: preflights and the answers for no route. */
import { describe, expect, it } from 'vitest';
import { resolveTarget } from '../../../../electron/triggers/http/http-triggers.js';
import type { ApiDefinition, HttpRouteTrigger, HttpTriggerModel } from '../../../../shared/domain/triggers.js';
import { fromUtf8 } from '../../../../shared/http/bytes.js';
import type { HttpRequest } from '../../../../shared/http/request.js';

const cors = { allowOrigins: ['*'], allowMethods: ['GET'], allowHeaders: [], exposeHeaders: [], allowCredentials: false };
const api = (apiId: string, kind: ApiDefinition['kind'], withCors = false): ApiDefinition => ({ apiId, kind, stageName: 'Prod', binaryMediaTypes: [], implicit: false, ...(withCors ? { cors } : {}) });
const route = (apiId: string, kind: HttpRouteTrigger['kind'], method: HttpRouteTrigger['method'], path: string): HttpRouteTrigger => ({
  kind,
  apiId,
  method,
  path,
  logicalId: 'Fn',
  eventName: 'E',
  payloadFormat: kind === 'http-api' ? '2.0' : '1.0',
  timeoutMs: 30_000,
});
const request = (method: string, rawPath: string, headers: Array<[string, string]> = []): HttpRequest => ({
  method,
  rawPath,
  rawQueryString: '',
  headers,
  body: new Uint8Array(),
  sourceIp: '127.0.0.1',
  protocol: 'HTTP/1.1',
});
const answer = (model: HttpTriggerModel, req: HttpRequest) => {
  const r = resolveTarget(model, req);
  return 'response' in r ? { status: r.response.statusCode, body: fromUtf8(r.response.body), headers: r.response.headers } : undefined;
};

describe('resolveTarget', () => {
  const model: HttpTriggerModel = {
    apis: [api('Http', 'http-api', true), api('Rest', 'rest-api', true)],
    routes: [route('Http', 'http-api', 'GET', '/items'), route('Rest', 'rest-api', 'GET', '/legacy/{id}'), route('Rest', 'rest-api', 'OPTIONS', '/own')],
    functionUrls: [],
  };

  it('answers an HTTP API preflight even for a path no route has', () => {
    const preflight = answer(
      model,
      request('OPTIONS', '/nowhere', [
        ['Origin', 'https://a.example'],
        ['Access-Control-Request-Method', 'GET'],
      ]),
    );
    expect(preflight).toMatchObject({
      status: 204,
      headers: [
        ['access-control-allow-origin', '*'],
        ['access-control-allow-methods', 'GET'],
      ],
    });
  });

  it("invokes a REST API's own OPTIONS route instead of SAM's mock", () => {
    expect(answer(model, request('OPTIONS', '/legacy/1'))?.status).toBe(200);
    expect(resolveTarget(model, request('OPTIONS', '/own'))).toMatchObject({ target: { kind: 'route', match: { routeKey: 'OPTIONS /own' } } });
  });

  it('answers 403 Missing Authentication Token for a REST path without the method, 404 otherwise', () => {
    expect(answer(model, request('POST', '/legacy/1'))).toMatchObject({ status: 403, body: '{"message":"Missing Authentication Token"}' });
    expect(answer(model, request('POST', '/items'))).toMatchObject({ status: 404, body: '{"message":"Not Found"}' });
    expect(answer({ ...model, routes: [], apis: [] }, request('GET', '/'))).toMatchObject({ status: 404 });
  });

  it("strips a Function URL's base path, and finds a logical id given percent-encoded", () => {
    const urls: HttpTriggerModel = { ...model, functionUrls: [{ kind: 'function-url', logicalId: 'Fn', authType: 'NONE', invokeMode: 'BUFFERED' }] };
    expect(resolveTarget(urls, request('GET', '/_url/%46n/a/b'))).toMatchObject({ target: { kind: 'url' }, scoped: { rawPath: '/a/b' } });
    expect(answer(urls, request('GET', '/_url/Other/'))?.status).toBe(404);
  });
});
