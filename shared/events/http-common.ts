/** Pieces shared by the HTTP-shaped events: API Gateway (REST, HTTP, WebSocket), Function URLs, ALB. */
import { DEFAULT_ACCOUNT_ID as ACCOUNT, DEFAULT_REGION as REGION } from '../lambda/limits.js';
import { executeApiDomain } from '../http/ids.js';
import { traceHeader } from '../lambda/trace-header.js';
import { hex } from './random.js';

export const SOURCE_IP = '203.0.113.10';
export const USER_AGENT = 'curl/8.5.0';
export { ACCOUNT, REGION };

/** X-Amzn-Trace-Id as API Gateway and ALB add it. */
export function traceId(now: Date): string {
  return traceHeader(now, (bytes) => hex(bytes * 2));
}

/**
 * A raw query string (`a=1&b=x%20y`) as an ALB passes it on: the last value per name, still
 * URL-encoded. (API Gateway's decoded parameters come from shared/http/events.ts.)
 */
export function albQueryParameters(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of raw.replace(/^\?/, '').split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const [name, value] = eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    out[name] = value;
  }
  return out;
}

/** `{a: 'x'}` as `{a: ['x']}`: multiValueHeaders and the like. */
export function multiValue(single: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(single).map(([k, v]) => [k, [v]]));
}

/** An API Gateway endpoint host: `<apiId>.execute-api.<region>.amazonaws.com`. */
export function apiHost(apiId: string): string {
  return executeApiDomain(apiId, REGION);
}

/** The byte length of UTF-8 text, for content-length headers. */
export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}
