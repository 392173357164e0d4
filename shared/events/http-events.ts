/** HTTP trigger payloads (LAMBDA-SPEC section 9): API Gateway REST (1.0), HTTP API and Function URLs (2.0), ALB. */
import { chars, clfTime, digits, hex, uuid } from './random.js';
import { ACCOUNT, REGION, SOURCE_IP, USER_AGENT, apiHost, byteLength, multiValue, parseQuery, pathParameters, restIdentity, traceId } from './http-common.js';
import { defineTemplate } from './template-types.js';

const METHOD = { name: 'method', description: 'The HTTP method' } as const;
const QUERY = { name: 'query', description: "The raw query string, without '?' (empty: none)" } as const;

/** A REST API request (payload 1.0); the request authorizer event reuses it. */
export function restRequest(v: { method: string; path: string; resource: string; query: string; body: string; stage: string; headers?: Record<string, string> }) {
  const now = new Date();
  const apiId = hex(10);
  const host = apiHost(apiId);
  const headers: Record<string, string> = {
    Accept: 'application/json',
    ...(v.body ? { 'Content-Type': 'application/json' } : {}),
    Host: host,
    'User-Agent': USER_AGENT,
    'X-Amzn-Trace-Id': traceId(now),
    'X-Forwarded-For': SOURCE_IP,
    'X-Forwarded-Port': '443',
    'X-Forwarded-Proto': 'https',
    ...v.headers,
  };
  const query = parseQuery(v.query);
  return {
    resource: v.resource,
    path: v.path,
    httpMethod: v.method,
    headers,
    multiValueHeaders: multiValue(headers),
    queryStringParameters: query.empty ? null : query.last,
    multiValueQueryStringParameters: query.empty ? null : query.all,
    pathParameters: pathParameters(v.resource, v.path) ?? null,
    stageVariables: null,
    requestContext: {
      accountId: ACCOUNT,
      apiId,
      domainName: host,
      domainPrefix: apiId,
      extendedRequestId: `${chars(15)}=`,
      httpMethod: v.method,
      identity: restIdentity(),
      path: `/${v.stage}${v.path}`,
      protocol: 'HTTP/1.1',
      requestId: uuid(),
      requestTime: clfTime(now),
      requestTimeEpoch: now.getTime(),
      resourceId: hex(6),
      resourcePath: v.resource,
      stage: v.stage,
    },
    body: v.body || null,
    isBase64Encoded: false,
  };
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

/** Payload 2.0, shared by HTTP APIs, their Lambda authorizers and Function URLs. */
export function v2Request(v: { method: string; path: string; query: string; body: string; route: string }, opts: { routeKey: string; apiId: string; domainName: string; accountId: string; requestId: string; headers?: Record<string, string> }) {
  const now = new Date();
  const query = parseQuery(v.query);
  const params = v.route ? pathParameters(v.route, v.path) : undefined;
  return {
    version: '2.0',
    routeKey: opts.routeKey,
    rawPath: v.path,
    rawQueryString: v.query,
    cookies: ['session=3f1c2a9b', 'theme=dark'],
    headers: {
      accept: 'application/json',
      ...(v.body ? { 'content-length': String(byteLength(v.body)), 'content-type': 'application/json' } : {}),
      host: opts.domainName,
      'user-agent': USER_AGENT,
      'x-amzn-trace-id': traceId(now),
      'x-forwarded-for': SOURCE_IP,
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
      ...opts.headers,
    },
    ...(query.empty ? {} : { queryStringParameters: query.joined }),
    requestContext: {
      accountId: opts.accountId,
      apiId: opts.apiId,
      domainName: opts.domainName,
      domainPrefix: opts.apiId,
      http: { method: v.method, path: v.path, protocol: 'HTTP/1.1', sourceIp: SOURCE_IP, userAgent: USER_AGENT },
      requestId: opts.requestId,
      routeKey: opts.routeKey,
      stage: '$default',
      time: clfTime(now),
      timeEpoch: now.getTime(),
    },
    ...(v.body ? { body: v.body } : {}),
    ...(params ? { pathParameters: params } : {}),
    isBase64Encoded: false,
  };
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
  description: "An HTTP API route with a Lambda integration: version 2.0, routeKey, rawPath, rawQueryString, cookies, lower-case headers, requestContext.http, body.",
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
    const urlId = hex(32);
    // With AuthType NONE the caller is anonymous; routeKey and stage are always $default.
    return v2Request({ ...v, route: '' }, { routeKey: '$default', apiId: urlId, domainName: `${urlId}.lambda-url.${REGION}.on.aws`, accountId: 'anonymous', requestId: uuid() });
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
    const query = parseQuery(v.query, false);
    return {
      requestContext: { elb: { targetGroupArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/faaslab-targets/${hex(16)}` } },
      httpMethod: v.method,
      path: v.path,
      queryStringParameters: query.last,
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
