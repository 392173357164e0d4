/**
 * One request to one target (an API route or a Function URL): build its event, invoke the
 * function, and turn the outcome into what the caller gets: the mapped result, 413 when the
 * event exceeds Lambda's 6 MB, 429 when throttled, 502 for a function error (timeouts and
 * crashes included) or a malformed result, 503/504 when API Gateway's integration timeout
 * passes first (the invocation carries on, as it does on AWS).
 */
import { randomUUID } from 'node:crypto';
import { pooledRandomBytes } from '../../engine/random-pool.js';
import type { Engine } from '../../engine/engine.js';
import type { ApiDefinition, FunctionUrlTrigger, HttpRouteTrigger, TriggerActivity } from '../../../shared/domain/triggers.js';
import type { InvocationStatus } from '../../../shared/domain/invocation.js';
import { buildFunctionUrlEvent, buildHttpApiEvent, buildRestApiEvent } from '../../../shared/http/events.js';
import { GATEWAY_ERRORS } from '../../../shared/http/gateway-errors.js';
import { apiGatewayId, executeApiDomain, functionUrlDomain, functionUrlId } from '../../../shared/http/ids.js';
import { headerValue, type HttpRequest } from '../../../shared/http/request.js';
import { gatewayError, mapHttpApiResponse, mapRestApiResponse, mapStreamingResponse, type GatewayResponse } from '../../../shared/http/responses.js';
import type { RouteMatch } from '../../../shared/http/routes.js';
import { LIMITS } from '../../../shared/lambda/limits.js';
import { triggerRef, type TriggerSource } from '../trigger-source.js';

export type TriggerEngine = Pick<Engine, 'invoke' | 'region' | 'accountId' | 'listFunctions'>;

export type Target = { kind: 'route'; match: RouteMatch<HttpRouteTrigger>; api: ApiDefinition } | { kind: 'url'; url: FunctionUrlTrigger };

export interface Outcome {
  response: GatewayResponse;
  /** Response headers API Gateway / Lambda add (request ids). */
  extraHeaders: Array<[string, string]>;
  requestId?: string;
  status?: InvocationStatus;
}

export type Log = (line: string) => void;

export async function dispatch(engine: TriggerEngine, target: Target, req: HttpRequest, log: Log): Promise<Outcome> {
  const now = new Date();
  const requestId = randomUUID();
  const logicalId = target.kind === 'route' ? target.match.route.logicalId : target.url.logicalId;
  const label = target.kind === 'route' ? `${target.match.routeKey} (${logicalId})` : `Function URL of ${logicalId}`;
  const { event, extraHeaders } = buildEvent(engine, target, req, now, requestId);
  const payload = Buffer.from(JSON.stringify(event));
  if (payload.length > LIMITS.syncPayloadBytes) {
    // Lambda refuses the invocation; the function never runs.
    return { response: gatewayError(GATEWAY_ERRORS.tooLarge), extraHeaders };
  }

  const invocation = engine.invoke(logicalId, { payload, requestId, source: triggerRef(sourceOf(target)) });
  const timeoutMs = target.kind === 'route' ? target.match.route.timeoutMs : undefined;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    if (timeoutMs !== undefined) timer = setTimeout(() => resolve('expired'), timeoutMs);
  });
  let result: Awaited<typeof invocation> | 'expired';
  try {
    result = await Promise.race([invocation, expired]);
  } catch (err) {
    log(`${label}: cannot invoke: ${(err as Error).message}`);
    return { response: gatewayError(GATEWAY_ERRORS.internal), extraHeaders, requestId };
  } finally {
    clearTimeout(timer);
  }
  if (result === 'expired') {
    invocation.catch(() => undefined); // it still runs, and its record reaches the engine's listeners
    log(`${label}: no answer within the ${timeoutMs} ms integration timeout`);
    const error = target.kind === 'route' && target.match.route.kind === 'rest-api' ? GATEWAY_ERRORS.endpointTimeout : GATEWAY_ERRORS.serviceUnavailable;
    return { response: gatewayError(error), extraHeaders, requestId };
  }
  const status = result.record.status;
  if (result.throttleReason) return { response: gatewayError(GATEWAY_ERRORS.throttled), extraHeaders, requestId, status };
  if (result.functionError) {
    log(`${label}: ${result.record.error?.errorType ?? 'error'}: ${result.record.error?.errorMessage ?? ''}`);
    return { response: gatewayError(GATEWAY_ERRORS.internal), extraHeaders, requestId, status };
  }
  const response = mapResult(target, result.payload, req);
  if (response.malformed) log(`${label}: malformed response: ${response.malformed}`);
  return { response, extraHeaders, requestId, status };
}

function mapResult(target: Target, payload: Buffer, req: HttpRequest): GatewayResponse {
  if (target.kind === 'url') {
    return target.url.invokeMode === 'RESPONSE_STREAM' ? mapStreamingResponse(payload) : mapHttpApiResponse(payload, '2.0', { stringResult: 'json' });
  }
  const { route } = target.match;
  if (route.kind === 'http-api') return mapHttpApiResponse(payload, route.payloadFormat);
  return mapRestApiResponse(payload, { binaryMediaTypes: target.api.binaryMediaTypes, accept: headerValue(req, 'accept') });
}

function buildEvent(engine: TriggerEngine, target: Target, req: HttpRequest, now: Date, requestId: string) {
  const accountId = engine.accountId;
  if (target.kind === 'url') {
    const name = engine.listFunctions().find((f) => f.logicalId === target.url.logicalId)?.functionName ?? target.url.logicalId;
    const urlId = functionUrlId(name, accountId);
    // With AuthType NONE the caller is anonymous, and Lambda says so in accountId.
    const event = buildFunctionUrlEvent(req, {
      requestId,
      now,
      apiId: urlId,
      domainName: functionUrlDomain(urlId, engine.region),
      accountId: target.url.authType === 'NONE' ? 'anonymous' : accountId,
    });
    return { event, extraHeaders: [['x-amzn-RequestId', requestId]] as Array<[string, string]> };
  }
  const { match, api } = target;
  const apiId = apiGatewayId(api.apiId, accountId);
  const gatewayId = shortRequestId();
  const common = { now, accountId, apiId, domainName: executeApiDomain(apiId, engine.region), stage: api.stageName, stageVariables: api.stageVariables };
  if (match.route.kind === 'rest-api') {
    const restRequestId = randomUUID();
    const event = buildRestApiEvent(req, match, { ...common, requestId: restRequestId, extendedRequestId: gatewayId, binaryMediaTypes: api.binaryMediaTypes });
    return {
      event,
      extraHeaders: [
        ['x-amzn-RequestId', restRequestId],
        ['x-amz-apigw-id', gatewayId],
      ] as Array<[string, string]>,
    };
  }
  const opts = { ...common, requestId: gatewayId };
  const event = match.route.payloadFormat === '1.0' ? buildRestApiEvent(req, match, opts) : buildHttpApiEvent(req, match, opts);
  return { event, extraHeaders: [['apigw-requestid', gatewayId]] as Array<[string, string]> };
}

/** API Gateway's short request id, e.g. "JKJaXmPLvHcESHA=". */
function shortRequestId(): string {
  return pooledRandomBytes(11)
    .toString('base64')
    .replace(/[+/]/g, (c) => (c === '+' ? 'A' : 'B'));
}

function sourceOf(target: Target): TriggerSource {
  return target.kind === 'route' ? { trigger: 'http', kind: target.match.route.kind, route: target.match.routeKey } : { trigger: 'http', kind: 'function-url', route: 'function-url' };
}

/** The activity record of a finished request. */
export function activityOf(target: Target, outcome: Outcome, at: Date): TriggerActivity {
  const activity: TriggerActivity = {
    ...sourceOf(target),
    logicalId: target.kind === 'route' ? target.match.route.logicalId : target.url.logicalId,
    statusCode: outcome.response.statusCode,
    durationMs: Date.now() - at.getTime(),
    at: at.toISOString(),
  };
  if (outcome.requestId) activity.requestId = outcome.requestId;
  if (outcome.status) activity.status = outcome.status;
  return activity;
}
