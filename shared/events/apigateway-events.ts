/** API Gateway's other Lambda events: TOKEN and REQUEST authorizers (REST and HTTP APIs), WebSocket routes. */
import { chars, clfTime, hex } from './random.js';
import { ACCOUNT, REGION, SOURCE_IP, USER_AGENT, apiHost, multiValue, traceId } from './http-common.js';
import { restRequest, V2_FIELDS, v2Request } from './http-events.js';
import { defineTemplate } from './template-types.js';

const SERVICE = { service: 'apigateway', serviceTitle: 'Amazon API Gateway' } as const;
const TOKEN = { name: 'token', description: "The caller's token (AWS's sample authorizer allows 'allow', denies 'deny')", default: 'allow' } as const;

/** `arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<path>`: what an authorizer's policy names. */
function executeApiArn(apiId: string, stage: string, method: string, path: string): string {
  return `arn:aws:execute-api:${REGION}:${ACCOUNT}:${apiId}/${stage}/${method}${path.startsWith('/') ? path : `/${path}`}`;
}

export const apigatewayAuthorizer = defineTemplate({
  ...SERVICE,
  id: 'apigateway-authorizer',
  type: 'authorizer',
  aliases: ['apigateway token-authorizer'],
  title: 'REST API Lambda authorizer, TOKEN type',
  description: 'What a TOKEN authorizer receives: the token from the identity source header and the methodArn of the method called. It answers with a principalId and an IAM policy.',
  fields: [
    TOKEN,
    { name: 'method', description: 'The HTTP method called', default: 'GET' },
    { name: 'path', description: 'The resource path called', default: '/items/42' },
    { name: 'stage', description: 'The stage name', default: 'prod' },
  ],
  make: (v) => ({ type: 'TOKEN' as const, authorizationToken: v.token, methodArn: executeApiArn(hex(10), v.stage, v.method, v.path) }),
});

export const apigatewayRequestAuthorizer = defineTemplate({
  ...SERVICE,
  id: 'apigateway-request-authorizer',
  type: 'request-authorizer',
  title: 'REST API Lambda authorizer, REQUEST type',
  description: 'What a REQUEST authorizer receives: the whole request (headers, query string, path parameters, stage variables, requestContext) without its body, and the methodArn.',
  fields: [
    { ...TOKEN, description: 'The Authorization header' },
    { name: 'method', description: 'The HTTP method', default: 'GET' },
    { name: 'path', description: 'The request path', default: '/items/42' },
    { name: 'resource', description: 'The resource it matched, with {parameters}', default: '/items/{id}' },
    { name: 'query', description: "The raw query string, without '?'", default: 'verbose=true' },
    { name: 'stage', description: 'The stage name', default: 'prod' },
  ],
  make(v) {
    const { body: _body, isBase64Encoded: _b64, ...request } = restRequest({ ...v, body: '', headers: { Authorization: v.token } });
    const methodArn = executeApiArn(request.requestContext.apiId, v.stage, v.method, v.path);
    return { type: 'REQUEST' as const, methodArn, ...request };
  },
});

export const apigatewayHttpApiAuthorizer = defineTemplate({
  ...SERVICE,
  id: 'apigateway-http-api-authorizer',
  type: 'http-api-authorizer',
  title: 'HTTP API Lambda authorizer (payload 2.0)',
  description:
    'What an HTTP API REQUEST authorizer receives with payload format 2.0: the request without its body, routeArn and identitySource. It answers {isAuthorized} or an IAM policy. Not in sam.',
  fields: [{ ...TOKEN, description: 'The authorization header, the identity source' }, ...V2_FIELDS.filter((f) => f.name !== 'body')],
  make(v) {
    const apiId = hex(10);
    const routeKey = `${v.method} ${v.path}`;
    const {
      body: _body,
      isBase64Encoded: _b64,
      ...request
    } = v2Request({ ...v, body: '', route: '' }, { routeKey, apiId, domainName: apiHost(apiId), accountId: ACCOUNT, requestId: `${chars(15)}=`, headers: { authorization: v.token } });
    const { version, ...rest } = request;
    // An authorizer's event always has cookies (the sample request sends some), in their place after rawQueryString.
    return { version, type: 'REQUEST' as const, routeArn: executeApiArn(apiId, '$default', v.method, v.path), identitySource: [v.token], ...rest, cookies: rest.cookies ?? [] };
  },
});

/** API Gateway's ids for connections and messages: 15 base64-ish characters and '='. */
const gatewayId = () => `${chars(15)}=`;

export const apigatewayWebsocket = defineTemplate({
  ...SERVICE,
  id: 'apigateway-websocket',
  type: 'websocket',
  title: 'WebSocket API route: $connect, a message or $disconnect',
  description: 'A WebSocket API route with a Lambda integration. $connect carries the handshake headers, $disconnect the close status, any other route (eventType MESSAGE) the frame in body.',
  fields: [
    { name: 'route', description: 'The route key: $connect, $disconnect, $default or a route such as sendmessage', default: 'sendmessage' },
    { name: 'body', description: 'The message frame (MESSAGE events only)', default: JSON.stringify({ action: 'sendmessage', message: 'hello' }) },
    { name: 'stage', description: 'The stage name', default: 'production' },
    { name: 'connection-id', description: 'The connection id (empty: a fresh one)', default: '' },
  ],
  make(v) {
    const now = new Date();
    const apiId = hex(10);
    const eventType: 'CONNECT' | 'DISCONNECT' | 'MESSAGE' = v.route === '$connect' ? 'CONNECT' : v.route === '$disconnect' ? 'DISCONNECT' : 'MESSAGE';
    const requestContext = {
      routeKey: v.route,
      ...(eventType === 'MESSAGE' ? { messageId: gatewayId() } : {}),
      ...(eventType === 'DISCONNECT' ? { disconnectStatusCode: 1005, disconnectReason: 'Client-side close frame status not set' } : {}),
      eventType,
      extendedRequestId: gatewayId(),
      requestTime: clfTime(now),
      messageDirection: 'IN' as const,
      stage: v.stage,
      connectedAt: now.getTime() - (eventType === 'CONNECT' ? 0 : 42_000),
      requestTimeEpoch: now.getTime(),
      identity: { sourceIp: SOURCE_IP, userAgent: USER_AGENT },
      requestId: gatewayId(),
      domainName: apiHost(apiId),
      connectionId: v['connection-id'] || gatewayId(),
      apiId,
    };
    if (eventType === 'MESSAGE') return { requestContext, body: v.body, isBase64Encoded: false };
    // $disconnect carries a few leftover headers, empty; $connect the WebSocket handshake's.
    const host = apiHost(apiId);
    const headers: Record<string, string> =
      eventType === 'DISCONNECT'
        ? { Host: host, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' }
        : {
            Host: host,
            'Sec-WebSocket-Extensions': 'permessage-deflate; client_max_window_bits',
            'Sec-WebSocket-Key': `${chars(22)}==`,
            'Sec-WebSocket-Version': '13',
            'User-Agent': USER_AGENT,
            'X-Amzn-Trace-Id': traceId(now),
            'X-Forwarded-For': SOURCE_IP,
            'X-Forwarded-Port': '443',
            'X-Forwarded-Proto': 'https',
          };
    return { headers, multiValueHeaders: multiValue(headers), requestContext, isBase64Encoded: false };
  },
});
