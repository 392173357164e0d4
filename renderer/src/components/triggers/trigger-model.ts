/** The Triggers tab's pure parts: route names, the Add HTTP trigger form's checks, curl commands. */
import type { Input } from '../../../../shared/api/contract.js';
import { DEFAULT_ROUTE, pathTemplateProblem } from '../../../../shared/http/routes.js';
import type { HttpEndpoint } from '../../store/triggers.js';

export type RouteApi = Input<'triggers.addHttp'>['api'];
export type RouteMethodName = Input<'triggers.addHttp'>['method'];
export const ROUTE_METHODS: readonly RouteMethodName[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'ANY'];

/** The Events key the host makes for a route: "GET /items/{id}" -> "GetItemsId", "$default" -> "AnyDefault". */
export function defaultEventName(method: string, path: string): string {
  const words = path === DEFAULT_ROUTE ? ['default'] : path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
  return cap(method.toLowerCase()) + (words.length ? words.map(cap).join('') : 'Root');
}

/**
 * The Events key of an endpoint: the host's when it says it, the one this UI wrote, or (not
 * known) the name the host would have made. Function URLs are no event: "FunctionUrl".
 */
export function eventNameOf(e: HttpEndpoint, remembered: Record<string, string>, routeKey: string): { name: string; known: boolean } {
  if (e.kind === 'function-url') return { name: 'FunctionUrl', known: true };
  // Not in the contract's HttpEndpoint (yet): used as soon as the host sends it.
  const own = (e as HttpEndpoint & { eventName?: unknown }).eventName;
  if (typeof own === 'string' && own) return { name: own, known: true };
  const mine = remembered[routeKey];
  return mine ? { name: mine, known: true } : { name: defaultEventName(e.method, e.path), known: false };
}

export interface HttpForm {
  api: RouteApi;
  method: RouteMethodName;
  path: string;
  eventName: string;
}

const sentence = (m: string) => m[0]!.toUpperCase() + m.slice(1);

/**
 * What is wrong with the form, by field (path, method, eventName), as the host would say it:
 * a path template API Gateway can serve, $default only on an HTTP API and only with ANY, no
 * route twice (every API shares one port), and a free, alphanumeric event name.
 */
export function checkHttpForm(form: HttpForm, endpoints: readonly HttpEndpoint[], takenNames: readonly string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const path = form.path.trim();
  if (!path) errors.path = 'A path is required, e.g. /items/{id}';
  else if (path === DEFAULT_ROUTE) {
    if (form.api === 'rest') errors.path = '$default is a route of HTTP APIs only; a REST API needs a path such as /items';
    else if (form.method !== 'ANY') errors.method = 'The $default route takes every method: use ANY';
  } else if (path.startsWith('$')) errors.path = 'The only special route is $default';
  else {
    const problem = pathTemplateProblem(path);
    if (problem) errors.path = sentence(problem);
  }
  if (!errors.path && !errors.method) {
    const taken = endpoints.find((e) => e.kind !== 'function-url' && e.path === path && (e.method === form.method || path === DEFAULT_ROUTE));
    if (taken) errors.path = `${path === DEFAULT_ROUTE ? path : `${form.method} ${path}`} is already a route of ${taken.logicalId}`;
  }
  const name = form.eventName.trim() || (path ? defaultEventName(form.method, path) : '');
  if (form.eventName.trim() && !/^[A-Za-z0-9]+$/.test(form.eventName.trim())) errors.eventName = 'Letters and digits only, e.g. GetItem';
  else if (name && takenNames.includes(name)) errors.eventName = `This function already has an event named ${name}`;
  return errors;
}

/** The {param} names of a path template, {proxy+} as "proxy". */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => m[1]!);
}

/** The path with its {params} replaced by the given values (URL-encoded; a greedy one keeps its slashes). */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{([^}+]+)(\+?)\}/g, (_, name: string, greedy: string) => {
    const v = values[name] || name;
    return greedy ? v.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(v);
  });
}

/** POSIX shell single quotes: safe for any text. */
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export interface CurlRequest {
  method: string;
  url: string;
  body?: string;
  headers?: Array<[string, string]>;
}

/** A curl command line for the request; a body that parses as JSON gets a JSON content type. */
export function curlCommand({ method, url, body, headers = [] }: CurlRequest): string {
  const parts = ['curl', '-i'];
  if (method !== 'GET' || body) parts.push('-X', method);
  const all = [...headers];
  if (body && !all.some(([k]) => k.toLowerCase() === 'content-type') && looksJson(body)) all.push(['content-type', 'application/json']);
  for (const [k, v] of all) if (k.trim()) parts.push('-H', shellQuote(`${k.trim()}: ${v}`));
  if (body) parts.push('--data-raw', shellQuote(body));
  parts.push(shellQuote(url));
  return parts.join(' ');
}

function looksJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The URL an endpoint answers, with a path filled in (a Function URL or $default takes any path). */
export function requestUrl(e: HttpEndpoint, apiUrl: string | null, filledPath: string): string {
  if (e.kind === 'function-url' || e.path === DEFAULT_ROUTE) return e.url;
  const base = apiUrl ?? e.url.slice(0, e.url.length - e.path.length);
  return `${base}${filledPath}`;
}

/** Methods that may carry a body in the composer. */
export const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'ANY']);
