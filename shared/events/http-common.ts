/** Pieces shared by the HTTP-shaped events: API Gateway (REST, HTTP, WebSocket), Function URLs, ALB. */
import { DEFAULT_ACCOUNT_ID as ACCOUNT, DEFAULT_REGION as REGION } from '../lambda/limits.js';
import { hex } from './random.js';

export const SOURCE_IP = '203.0.113.10';
export const USER_AGENT = 'curl/8.5.0';
export { ACCOUNT, REGION };

/** X-Amzn-Trace-Id as API Gateway and ALB add it: `Root=1-<epoch hex>-<24 hex>`. */
export function traceId(now: Date): string {
  return `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${hex(24)}`;
}

export interface ParsedQuery {
  /** Last value per name (REST API payload 1.0, ALB). */
  last: Record<string, string>;
  /** Every value per name. */
  all: Record<string, string[]>;
  /** Values comma-joined per name (payload 2.0). */
  joined: Record<string, string>;
  empty: boolean;
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * A raw query string (`a=1&b=x%20y`) as the services pass it on: API Gateway decodes the
 * values, an ALB does not (`decode` false).
 */
export function parseQuery(raw: string, decode = true): ParsedQuery {
  const all: Record<string, string[]> = {};
  for (const part of raw.replace(/^\?/, '').split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const [name, value] = eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    const key = decode ? decodeComponent(name) : name;
    (all[key] ??= []).push(decode ? decodeComponent(value) : value);
  }
  const entries = Object.entries(all);
  return {
    all,
    last: Object.fromEntries(entries.map(([k, v]) => [k, v[v.length - 1]!])),
    joined: Object.fromEntries(entries.map(([k, v]) => [k, v.join(',')])),
    empty: entries.length === 0,
  };
}

/**
 * Path parameters from a resource or route template and a concrete path:
 * `/items/{id}` and `/items/42` give `{ id: '42' }`; `{proxy+}` takes the rest of the path.
 */
export function pathParameters(template: string, path: string): Record<string, string> | undefined {
  const names = template.split('/');
  const parts = path.split('/');
  const out: Record<string, string> = {};
  names.forEach((segment, i) => {
    const m = /^\{([^{}+]+)(\+?)\}$/.exec(segment);
    if (!m) return;
    out[m[1]!] = m[2] ? parts.slice(i).join('/') : (parts[i] ?? '');
  });
  return Object.keys(out).length ? out : undefined;
}

/** `{a: 'x'}` as `{a: ['x']}`: multiValueHeaders and the like. */
export function multiValue(single: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(single).map(([k, v]) => [k, [v]]));
}

/** An API Gateway endpoint host: `<apiId>.execute-api.<region>.amazonaws.com`. */
export function apiHost(apiId: string): string {
  return `${apiId}.execute-api.${REGION}.amazonaws.com`;
}

/** The caller identity block of REST API (payload 1.0) request contexts: an anonymous caller. */
export function restIdentity() {
  return {
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
    sourceIp: SOURCE_IP,
    user: null,
    userAgent: USER_AGENT,
    userArn: null,
  };
}

/** The byte length of UTF-8 text, for content-length headers. */
export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}
