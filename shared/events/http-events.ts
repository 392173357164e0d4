/** HTTP trigger payloads (ARCHITECTURE.md, Lambda behaviour 9): API Gateway REST (1.0), HTTP API and Function URLs (2.0), ALB. */
import { utf8 } from '../http/bytes.js';
import { buildFunctionUrlEvent, buildHttpApiEvent, buildRestApiEvent, type EventRoute } from '../http/events.js';
import { functionUrlDomain } from '../http/ids.js';
import { withGatewayHeaders, type HttpRequest } from '../http/request.js';
import { matchPath, type RouteMatch } from '../http/routes.js';
import { chars, digits, hex, uuid } from './random.js';
import { ACCOUNT, REGION, SOURCE_IP, USER_AGENT, albQueryParameters, apiHost, byteLength, traceId } from './http-common.js';
import { defineTemplate } from './template-types.js';

const METHOD = { name: 'method', description: 'The HTTP method' } as const;
const QUERY = { name: 'query', description: "The raw query string, without '?' (empty: none)" } as const;

/** The request a sample event stands for: a curl over HTTPS, with the headers API Gateway adds. */
function sampleRequest(v: { method: string; path: string; query: string; body: string }, headers: Array<[string, string]>, now: Date): HttpRequest {
  const request: HttpRequest = { method: v.method, rawPath: v.path, rawQueryString: v.query.replace(/^\?/, ''), headers, body: utf8(v.body), sourceIp: SOURCE_IP, protocol: 'HTTP/1.1' };
  return withGatewayHeaders(request, { port: 443, proto: 'https', traceId: traceId(now) });
}

/** The route a sample names by its path template (empty: the path itself), with the parameters it takes from the path. */
function sampleMatch<K extends EventRoute['kind']>(kind: K, template: string, path: string, routeKey: string): RouteMatch<EventRoute & { kind: K }> {
  const route = { kind, method: 'ANY' as const, path: template || path };
  return { route, routeKey, pathParameters: matchPath([route], path)?.pathParameters ?? {} };
}

/** A REST API request (payload 1.0); the request authorizer event reuses it. */
export function restRequest(v: { method: string; path: string; resource: string; query: string; body: string; stage: string; headers?: Record<string, string> }) {
  const now = new Date();
  const apiId = hex(10);
  const headers: Array<[string, string]> = [
    ['Accept', 'application/json'],
    ...(v.body ? ([['Content-Type', 'application/json']] as Array<[string, string]>) : []),
    ['Host', apiHost(apiId)],
    ['User-Agent', USER_AGENT],
    ...Object.entries(v.headers ?? {}),
  ];
  const match = sampleMatch('rest-api', v.resource, v.path, `${v.method} ${v.resource}`);
  return buildRestApiEvent(sampleRequest(v, headers, now), match, {
    requestId: uuid(),
    extendedRequestId: `${chars(15)}=`,
    now,
    accountId: ACCOUNT,
    apiId,
    domainName: apiHost(apiId),
    stage: v.stage,
  });
}

export const apigatewayAwsProxy = defineTemplate({
  id: 'apigateway-v1',
  service: 'apigateway',
  type: 'aws-proxy',
  serviceTitle: 'Amazon API Gateway',
  title: 'REST API proxy request (payload 1.0)',
  description: 'A REST API method with Lambda proxy integration: resource, path, httpMethod, headers and multiValueHeaders, query string and path parameters, requestContext, body.',
  fields: [
    { ...METHOD, default: 'GET' },
    { name: 'path', description: 'The request path', default: '/items/42' },
    { name: 'resource', description: 'The resource it matched, with {parameters} ({proxy+} takes the rest)', default: '/items/{id}' },
    { ...QUERY, default: 'verbose=true' },
    { name: 'body', description: 'The request body (empty: null)', default: '' },
    { name: 'stage', description: 'The stage name', default: 'prod' },
  ],
  make: (v) => restRequest(v),
});

type V2Fields = { method: string; path: string; query: string; body: string };

/** A payload 2.0 request's headers as a client sends them (cookies travel in the event's own field). */
function v2Headers(v: V2Fields, host: string, extra: Record<string, string> = {}): Array<[string, string]> {
  return [
    ['accept', 'application/json'],
    ...(v.body
      ? ([
          ['content-length', String(byteLength(v.body))],
          ['content-type', 'application/json'],
        ] as Array<[string, string]>)
      : []),
    ['host', host],
    ['user-agent', USER_AGENT],
    ['cookie', 'session=3f1c2a9b; theme=dark'],
    ...Object.entries(extra),
  ];
}

/** An HTTP API request (payload 2.0); its Lambda authorizer's event reuses it. */
export function v2Request(v: V2Fields & { route: string }, opts: { routeKey: string; apiId: string; domainName: string; accountId: string; requestId: string; headers?: Record<string, string> }) {
  const now = new Date();
  const request = sampleRequest(v, v2Headers(v, opts.domainName, opts.headers), now);
  const match = sampleMatch('http-api', v.route, v.path, opts.routeKey);
  return buildHttpApiEvent(request, match, { requestId: opts.requestId, now, accountId: opts.accountId, apiId: opts.apiId, domainName: opts.domainName, stage: '$default' });
}

const ORDER = JSON.stringify({ item: 'book', quantity: 2 });
export const V2_FIELDS = [
  { ...METHOD, default: 'POST' },
  { name: 'path', description: 'The request path', default: '/orders' },
  { ...QUERY, default: 'source=faaslab&dryRun=false' },
  { name: 'body', description: 'The request body (empty: none)', default: ORDER },
] as const;

export const apigatewayHttpApiProxy = defineTemplate({
  id: 'apigateway-v2',
  service: 'apigateway',
  type: 'http-api-proxy',
  serviceTitle: 'Amazon API Gateway',
  title: 'HTTP API request (payload 2.0)',
  description: 'An HTTP API route with a Lambda integration: version 2.0, routeKey, rawPath, rawQueryString, cookies, lower-case headers, requestContext.http, body.',
  fields: [...V2_FIELDS, { name: 'route', description: "The route's path, with {parameters} (empty: the request path)", default: '' }],
  make(v) {
    const apiId = hex(10);
    const routeKey = `${v.method} ${v.route || v.path}`;
    return v2Request(v, { routeKey, apiId, domainName: apiHost(apiId), accountId: ACCOUNT, requestId: `${chars(15)}=` });
  },
});

export const lambdaFunctionUrl = defineTemplate({
  id: 'function-url',
  service: 'lambda',
  type: 'function-url',
  serviceTitle: 'AWS Lambda',
  title: 'Function URL request (auth NONE, payload 2.0)',
  description: "A request to the function's own HTTPS endpoint: payload 2.0 with routeKey and stage $default and an anonymous caller. sam has no such event.",
  fields: V2_FIELDS,
  make(v) {
    const now = new Date();
    const urlId = hex(32);
    const domainName = functionUrlDomain(urlId, REGION);
    // With AuthType NONE the caller is anonymous; routeKey and stage are always $default.
    return buildFunctionUrlEvent(sampleRequest(v, v2Headers(v, domainName), now), { requestId: uuid(), now, accountId: 'anonymous', apiId: urlId, domainName });
  },
});

export const albRequest = defineTemplate({
  id: 'alb',
  service: 'alb',
  type: 'request',
  serviceTitle: 'Elastic Load Balancing',
  title: 'Application Load Balancer request',
  description: 'A request an ALB forwards to a Lambda target group (multi-value headers off): query values stay URL-encoded, as the ALB passes them.',
  fields: [
    { ...METHOD, default: 'GET' },
    { name: 'path', description: 'The request path', default: '/health' },
    { ...QUERY, default: 'deep=true' },
    { name: 'body', description: 'The request body', default: '' },
  ],
  make(v) {
    return {
      requestContext: { elb: { targetGroupArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/faaslab-targets/${hex(16)}` } },
      httpMethod: v.method,
      path: v.path,
      queryStringParameters: albQueryParameters(v.query),
      headers: {
        accept: 'application/json',
        ...(v.body ? { 'content-length': String(byteLength(v.body)), 'content-type': 'application/json' } : {}),
        host: `faaslab-alb-${digits(10)}.${REGION}.elb.amazonaws.com`,
        'user-agent': USER_AGENT,
        'x-amzn-trace-id': traceId(new Date()),
        'x-forwarded-for': SOURCE_IP,
        'x-forwarded-port': '443',
        'x-forwarded-proto': 'https',
      },
      body: v.body,
      isBase64Encoded: false,
    };
  },
});
