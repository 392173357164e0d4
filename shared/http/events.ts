/**
 * The events an HTTP request becomes (ARCHITECTURE.md, Lambda behaviour 9): payload 2.0 for HTTP APIs and
 * Function URLs, payload 1.0 for REST APIs (and HTTP API routes with PayloadFormatVersion 1.0).
 * Pure: ids and the clock come in through EventOptions, so a test can pin them. The one builder
 * of these events: the HTTP trigger server's live requests and the sample events
 * (shared/events/http-events.ts) both come through here.
 *
 * Empty parts are left out of 2.0 events (cookies, queryStringParameters, pathParameters, body,
 * stageVariables), and are null in 1.0 events, as AWS sends them.
 */
import type { HttpRouteTrigger } from '../domain/triggers.js';
import { clfTime } from '../events/random.js';
import { fromUtf8, toBase64 } from './bytes.js';
import { isTextContentType, matchesMediaType } from './media-types.js';
import { forwardedHeaders, groupPairs, headerValue, queryPairs, requestCookies, type HttpRequest } from './request.js';
import type { RouteLike, RouteMatch } from './routes.js';

/** What the builders need of a route: its kind (REST or HTTP API), method and path template. */
export type EventRoute = RouteLike & Pick<HttpRouteTrigger, 'kind'>;

export interface EventOptions {
  /** API Gateway's request id; for a Function URL, the Lambda request id (they are one there). */
  requestId: string;
  /** REST APIs: API Gateway's second id, shaped like an HTTP API request id. */
  extendedRequestId?: string;
  now: Date;
  accountId: string;
  /** The id AWS would give the API (10 characters) or the Function URL (32). */
  apiId: string;
  domainName: string;
  stage: string;
  stageVariables?: Record<string, string>;
  /** REST APIs: bodies of these content types are sent base64-encoded. */
  binaryMediaTypes?: readonly string[];
}

export interface EncodedBody {
  body?: string;
  isBase64Encoded: boolean;
}

/** The request body as an event carries it (see media-types.ts for the rule). */
export function encodeRequestBody(req: HttpRequest, rest?: { binaryMediaTypes: readonly string[] }): EncodedBody {
  if (req.body.length === 0) return { isBase64Encoded: false };
  const type = headerValue(req, 'content-type');
  const binary = rest ? type !== undefined && matchesMediaType(type, rest.binaryMediaTypes) : !isTextContentType(type);
  return binary ? { body: toBase64(req.body), isBase64Encoded: true } : { body: fromUtf8(req.body), isBase64Encoded: false };
}

/** Payload 2.0 (HTTP APIs, Function URLs). */
export interface HttpApiEvent {
  version: '2.0';
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  requestContext: {
    accountId: string;
    apiId: string;
    domainName: string;
    domainPrefix: string;
    http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
    requestId: string;
    routeKey: string;
    stage: string;
    time: string;
    timeEpoch: number;
  };
  body?: string;
  pathParameters?: Record<string, string>;
  isBase64Encoded: boolean;
  stageVariables?: Record<string, string>;
}

/** The caller of a REST API request: anonymous, as without IAM or Cognito authorization. */
export interface RestIdentity {
  accessKey: null;
  accountId: null;
  apiKey: null;
  apiKeyId: null;
  caller: null;
  clientCert: null;
  cognitoAuthenticationProvider: null;
  cognitoAuthenticationType: null;
  cognitoIdentityId: null;
  cognitoIdentityPoolId: null;
  principalOrgId: null;
  sourceIp: string;
  user: null;
  userAgent: string | null;
  userArn: null;
}

/**
 * Payload 1.0. An HTTP API's 1.0 event says so in `version` and has no REST resource id, so
 * for a route kind K of 'rest-api' only, resourceId is a string.
 */
export interface RestApiEvent<K extends EventRoute['kind'] = EventRoute['kind']> {
  version?: '1.0';
  resource: string;
  path: string;
  httpMethod: string;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  queryStringParameters: Record<string, string> | null;
  multiValueQueryStringParameters: Record<string, string[]> | null;
  pathParameters: Record<string, string> | null;
  stageVariables: Record<string, string> | null;
  requestContext: {
    accountId: string;
    apiId: string;
    domainName: string;
    domainPrefix: string;
    extendedRequestId: string;
    httpMethod: string;
    identity: RestIdentity;
    path: string;
    protocol: string;
    requestId: string;
    requestTime: string;
    requestTimeEpoch: number;
    resourceId: K extends 'rest-api' ? string : string | null;
    resourcePath: string;
    stage: string;
  };
  body: string | null;
  isBase64Encoded: boolean;
}

/** Payload 2.0 for an HTTP API route. */
export function buildHttpApiEvent(req: HttpRequest, match: RouteMatch<EventRoute>, opts: EventOptions): HttpApiEvent {
  const params = Object.keys(match.pathParameters).length ? match.pathParameters : undefined;
  return v2Event(req, match.routeKey, params, opts);
}

/** Payload 2.0 for a Function URL: routeKey and stage are always $default. */
export function buildFunctionUrlEvent(req: HttpRequest, opts: Omit<EventOptions, 'stage' | 'stageVariables'>): HttpApiEvent {
  return v2Event(req, '$default', undefined, { ...opts, stage: '$default' });
}

function v2Event(req: HttpRequest, routeKey: string, pathParameters: Record<string, string> | undefined, opts: EventOptions): HttpApiEvent {
  const cookies = requestCookies(req);
  // Lower-case names, duplicates comma-joined; cookies travel in their own field instead.
  // fromEntries, not assignment: a header named __proto__ must stay a header.
  const grouped = [...groupPairs(forwardedHeaders(req), (n) => n.toLowerCase())].filter(([key]) => key !== 'cookie');
  const headers: Record<string, string> = Object.fromEntries(grouped.map(([key, { values }]) => [key, values.join(',')]));
  const query = groupPairs(queryPairs(req.rawQueryString));
  const { body, isBase64Encoded } = encodeRequestBody(req);
  return {
    version: '2.0',
    routeKey,
    rawPath: req.rawPath,
    rawQueryString: req.rawQueryString,
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(query.size ? { queryStringParameters: Object.fromEntries([...query].map(([k, { values }]) => [k, values.join(',')])) } : {}),
    requestContext: {
      accountId: opts.accountId,
      apiId: opts.apiId,
      domainName: opts.domainName,
      domainPrefix: opts.domainName.split('.')[0]!,
      http: { method: req.method, path: req.rawPath, protocol: req.protocol, sourceIp: req.sourceIp, userAgent: headerValue(req, 'user-agent') ?? '' },
      requestId: opts.requestId,
      routeKey,
      stage: opts.stage,
      time: clfTime(opts.now),
      timeEpoch: opts.now.getTime(),
    },
    ...(body !== undefined ? { body } : {}),
    ...(pathParameters ? { pathParameters } : {}),
    isBase64Encoded,
    ...(opts.stageVariables && Object.keys(opts.stageVariables).length ? { stageVariables: opts.stageVariables } : {}),
  };
}

/**
 * Payload 1.0: a REST API's proxy event, or an HTTP API route's with PayloadFormatVersion 1.0
 * (then `version` is "1.0" and the body follows the HTTP API's text/binary rule).
 */
export function buildRestApiEvent<R extends EventRoute>(req: HttpRequest, match: RouteMatch<R>, opts: EventOptions): RestApiEvent<R['kind']> {
  const httpApi = match.route.kind === 'http-api';
  // Names as sent; a repeated header keeps its last value in `headers`, all in multiValueHeaders.
  const headerGroups = groupPairs(forwardedHeaders(req), (n) => n.toLowerCase());
  const headers = Object.fromEntries([...headerGroups.values()].map(({ name, values }) => [name, values[values.length - 1]!]));
  const multiValueHeaders = Object.fromEntries([...headerGroups.values()].map(({ name, values }) => [name, values]));
  const query = groupPairs(queryPairs(req.rawQueryString));
  const params = Object.keys(match.pathParameters).length ? match.pathParameters : null;
  const resource = match.route.path === '$default' ? req.rawPath : match.route.path;
  const { body, isBase64Encoded } = encodeRequestBody(req, httpApi ? undefined : { binaryMediaTypes: opts.binaryMediaTypes ?? [] });
  const stageVariables = opts.stageVariables && Object.keys(opts.stageVariables).length ? opts.stageVariables : null;
  const userAgent = headerValue(req, 'user-agent') ?? null;
  return {
    ...(httpApi ? { version: '1.0' as const } : {}),
    resource,
    path: req.rawPath,
    httpMethod: req.method,
    headers,
    multiValueHeaders,
    queryStringParameters: query.size ? Object.fromEntries([...query].map(([k, { values }]) => [k, values[values.length - 1]!])) : null,
    multiValueQueryStringParameters: query.size ? Object.fromEntries([...query].map(([k, { values }]) => [k, values])) : null,
    pathParameters: params,
    stageVariables,
    requestContext: {
      accountId: opts.accountId,
      apiId: opts.apiId,
      domainName: opts.domainName,
      domainPrefix: opts.domainName.split('.')[0]!,
      extendedRequestId: opts.extendedRequestId ?? opts.requestId,
      httpMethod: req.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: req.sourceIp,
        user: null,
        userAgent,
        userArn: null,
      },
      // A REST API's stage is the first segment of its URL; an HTTP API's $default stage has none.
      path: opts.stage === '$default' ? req.rawPath : `/${opts.stage}${req.rawPath}`,
      protocol: req.protocol,
      requestId: opts.requestId,
      requestTime: clfTime(opts.now),
      requestTimeEpoch: opts.now.getTime(),
      // The conditional type cannot follow `httpApi` back to R['kind'].
      resourceId: (httpApi ? null : resourceId(resource)) as RestApiEvent<R['kind']>['requestContext']['resourceId'],
      resourcePath: resource,
      stage: opts.stage,
    },
    body: body ?? null,
    isBase64Encoded,
  };
}

/** A REST resource's id is 6 characters; derived from the path so it stays the same between requests. */
function resourceId(path: string): string {
  let h = 2166136261;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 16777619) >>> 0;
  return h.toString(36).padStart(6, '0').slice(-6);
}
