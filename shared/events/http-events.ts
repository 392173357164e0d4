/** HTTP trigger payloads (LAMBDA-SPEC section 9): API Gateway REST (1.0), HTTP API and Function URLs (2.0), ALB. */
import { DEFAULT_ACCOUNT_ID as ACCOUNT, DEFAULT_REGION as REGION } from '../lambda/limits.js';
import { clfTime, hex, uuid } from './random.js';
import type { EventTemplate } from './template-types.js';

const SOURCE_IP = '203.0.113.10';
const USER_AGENT = 'curl/8.5.0';

function traceId(now: Date): string {
  return `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${hex(24)}`;
}

export const apigatewayV1: EventTemplate = {
  id: 'apigateway-v1',
  service: 'API Gateway',
  title: 'REST API proxy request (payload 1.0): GET /items/{id}',
  build() {
    const now = new Date();
    const apiId = hex(10);
    const host = `${apiId}.execute-api.${REGION}.amazonaws.com`;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Host: host,
      'User-Agent': USER_AGENT,
      'X-Amzn-Trace-Id': traceId(now),
      'X-Forwarded-For': SOURCE_IP,
      'X-Forwarded-Port': '443',
      'X-Forwarded-Proto': 'https',
    };
    return {
      resource: '/items/{id}',
      path: '/items/42',
      httpMethod: 'GET',
      headers,
      multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      queryStringParameters: { verbose: 'true' },
      multiValueQueryStringParameters: { verbose: ['true'] },
      pathParameters: { id: '42' },
      stageVariables: null,
      requestContext: {
        accountId: ACCOUNT,
        apiId,
        domainName: host,
        domainPrefix: apiId,
        extendedRequestId: `${hex(6).toUpperCase()}Fw=`,
        httpMethod: 'GET',
        identity: { accessKey: null, accountId: null, caller: null, cognitoIdentityId: null, cognitoIdentityPoolId: null, sourceIp: SOURCE_IP, user: null, userAgent: USER_AGENT, userArn: null },
        path: '/prod/items/42',
        protocol: 'HTTP/1.1',
        requestId: uuid(),
        requestTime: clfTime(now),
        requestTimeEpoch: now.getTime(),
        resourceId: hex(6),
        resourcePath: '/items/{id}',
        stage: 'prod',
      },
      body: null,
      isBase64Encoded: false,
    };
  },
};

/** Payload 2.0, shared by HTTP APIs and Function URLs. */
function v2Request(opts: { routeKey: string; stage: string; apiId: string; domainName: string; accountId: string }) {
  const now = new Date();
  const body = JSON.stringify({ item: 'book', quantity: 2 });
  return {
    version: '2.0',
    routeKey: opts.routeKey,
    rawPath: '/orders',
    rawQueryString: 'source=faaslab&dryRun=false',
    cookies: ['session=3f1c2a9b', 'theme=dark'],
    headers: {
      accept: 'application/json',
      'content-length': String(body.length),
      'content-type': 'application/json',
      host: opts.domainName,
      'user-agent': USER_AGENT,
      'x-amzn-trace-id': traceId(now),
      'x-forwarded-for': SOURCE_IP,
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
    },
    queryStringParameters: { source: 'faaslab', dryRun: 'false' },
    requestContext: {
      accountId: opts.accountId,
      apiId: opts.apiId,
      domainName: opts.domainName,
      domainPrefix: opts.apiId,
      http: { method: 'POST', path: '/orders', protocol: 'HTTP/1.1', sourceIp: SOURCE_IP, userAgent: USER_AGENT },
      requestId: `${hex(14)}=`,
      routeKey: opts.routeKey,
      stage: opts.stage,
      time: clfTime(now),
      timeEpoch: now.getTime(),
    },
    body,
    isBase64Encoded: false,
  };
}

export const apigatewayV2: EventTemplate = {
  id: 'apigateway-v2',
  service: 'API Gateway',
  title: 'HTTP API request (payload 2.0): POST /orders',
  build() {
    const apiId = hex(10);
    return v2Request({ routeKey: 'POST /orders', stage: '$default', apiId, domainName: `${apiId}.execute-api.${REGION}.amazonaws.com`, accountId: ACCOUNT });
  },
};

export const functionUrl: EventTemplate = {
  id: 'function-url',
  service: 'Lambda',
  title: 'Function URL request (auth NONE): POST /orders',
  build() {
    const urlId = hex(32);
    // With AuthType NONE the caller is anonymous; routeKey and stage are always $default.
    return v2Request({ routeKey: '$default', stage: '$default', apiId: urlId, domainName: `${urlId}.lambda-url.${REGION}.on.aws`, accountId: 'anonymous' });
  },
};

export const alb: EventTemplate = {
  id: 'alb',
  service: 'Elastic Load Balancing',
  title: 'Application Load Balancer request: GET /health',
  build() {
    return {
      requestContext: { elb: { targetGroupArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/faaslab-targets/${hex(16)}` } },
      httpMethod: 'GET',
      path: '/health',
      queryStringParameters: { deep: 'true' },
      headers: { accept: 'application/json', host: `faaslab-alb-${digits6()}.${REGION}.elb.amazonaws.com`, 'user-agent': USER_AGENT, 'x-amzn-trace-id': traceId(new Date()), 'x-forwarded-for': SOURCE_IP, 'x-forwarded-port': '443', 'x-forwarded-proto': 'https' },
      body: '',
      isBase64Encoded: false,
    };
  },
};

function digits6(): string {
  return String(100000 + Math.floor(Math.random() * 900000));
}
