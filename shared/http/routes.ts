/**
 * Route matching as API Gateway does it: the most specific path wins, segment by segment from
 * the left (a literal beats a {param}, which beats a greedy {proxy+}); among equally specific
 * paths a route for the request's method beats ANY; $default takes whatever nothing else does.
 * A trailing slash is not significant ('/items/' finds '/items'), and '/{proxy+}' needs at
 * least one segment: '/' is only matched by a '/' route or $default, as on AWS.
 */
import type { HttpRouteTrigger, RouteMethod } from '../domain/triggers.js';

export const DEFAULT_ROUTE = '$default';

type Segment = { kind: 'literal'; text: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

/** What matching needs of a route; HttpRouteTrigger has it. */
export interface RouteLike {
  method: RouteMethod;
  path: string;
}

export interface RouteMatch<R extends RouteLike = HttpRouteTrigger> {
  route: R;
  /** "GET /items/{id}", "ANY /{proxy+}" or "$default": the event's routeKey. */
  routeKey: string;
  /** URL-decoded values by name; empty for a route without parameters. */
  pathParameters: Record<string, string>;
}

export function routeKey(route: RouteLike): string {
  return route.path === DEFAULT_ROUTE ? DEFAULT_ROUTE : `${route.method} ${route.path}`;
}

/** Why a path template cannot be served, or undefined when it is fine. */
export function pathTemplateProblem(path: string): string | undefined {
  if (path === DEFAULT_ROUTE) return undefined;
  if (!path.startsWith('/')) return `path "${path}" must start with /`;
  const segments = splitPath(path);
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s === '') return `path "${path}" has an empty segment`;
    const braces = /[{}]/.test(s);
    if (!braces) continue;
    const m = /^\{([A-Za-z0-9._-]+)(\+?)\}$/.exec(s);
    if (!m) return `path "${path}": a parameter must be a whole segment, like {id} or {proxy+}`;
    if (m[2] && i !== segments.length - 1) return `path "${path}": a greedy parameter {${m[1]}+} must be the last segment`;
  }
  const names = segments.filter((s) => s.startsWith('{')).map((s) => s.replace(/[{}+]/g, ''));
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  return dup ? `path "${path}" names the parameter {${dup}} twice` : undefined;
}

/** The best route for a request, or undefined (the caller answers 404 / 403). */
export function matchRoute<R extends RouteLike>(routes: readonly R[], method: string, rawPath: string): RouteMatch<R> | undefined {
  const upper = method.toUpperCase();
  return bestMatch(
    routes.filter((r) => r.method === upper || r.method === 'ANY'),
    rawPath,
    upper,
  );
}

/** The most specific route for the path whatever its method (CORS preflights, 403 vs 404). */
export function matchPath<R extends RouteLike>(routes: readonly R[], rawPath: string): RouteMatch<R> | undefined {
  return bestMatch(routes, rawPath, undefined);
}

/** The methods routes declare for exactly this path template (a REST API's default Allow-Methods). */
export function methodsOfPath(routes: readonly RouteLike[], path: string): RouteMethod[] {
  return [...new Set(routes.filter((r) => r.path === path).map((r) => r.method))];
}

function bestMatch<R extends RouteLike>(routes: readonly R[], rawPath: string, method: string | undefined): RouteMatch<R> | undefined {
  const request = splitPath(rawPath).map(decodeSegment);
  let best: { route: R; rank: number[]; params: Record<string, string> } | undefined;
  for (const route of routes) {
    if (route.path === DEFAULT_ROUTE) continue;
    const matched = matchTemplate(compile(route.path), request);
    if (!matched) continue;
    const rank = [...matched.rank, route.method === method ? 1 : 0];
    if (!best || compareRanks(rank, best.rank) > 0) best = { route, rank, params: matched.params };
  }
  if (best) return { route: best.route, routeKey: routeKey(best.route), pathParameters: best.params };
  const fallback = routes.find((r) => r.path === DEFAULT_ROUTE);
  return fallback && { route: fallback, routeKey: DEFAULT_ROUTE, pathParameters: {} };
}

/** Segments of a path, without the leading slash and one trailing slash: '/' has none. */
function splitPath(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed === '/' || trimmed === '' ? [] : trimmed.slice(1).split('/');
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a stray % is taken literally rather than refused
  }
}

const compiled = new Map<string, Segment[]>();

function compile(path: string): Segment[] {
  let segments = compiled.get(path);
  if (!segments) {
    segments = splitPath(path).map((s): Segment => {
      const m = /^\{(.+?)(\+?)\}$/.exec(s);
      if (!m) return { kind: 'literal', text: s };
      return m[2] ? { kind: 'greedy', name: m[1]! } : { kind: 'param', name: m[1]! };
    });
    compiled.set(path, segments);
  }
  return segments;
}

/** Per-segment ranks (literal 2, param 1, greedy 0) and the parameters, or undefined. */
function matchTemplate(template: Segment[], request: string[]): { rank: number[]; params: Record<string, string> } | undefined {
  const rank: number[] = [];
  // Pairs, then fromEntries: a parameter named {__proto__} assigned would set the prototype instead.
  const params: Array<[string, string]> = [];
  for (let i = 0; i < template.length; i++) {
    const seg = template[i]!;
    if (seg.kind === 'greedy') {
      const rest = request.slice(i);
      if (rest.length === 0 || rest.every((s) => s === '')) return undefined;
      params.push([seg.name, rest.join('/')]);
      rank.push(0);
      return { rank, params: Object.fromEntries(params) };
    }
    const value = request[i];
    if (value === undefined || value === '') return undefined;
    if (seg.kind === 'literal') {
      if (seg.text !== value) return undefined;
      rank.push(2);
    } else {
      params.push([seg.name, value]);
      rank.push(1);
    }
  }
  return template.length === request.length ? { rank, params: Object.fromEntries(params) } : undefined;
}

function compareRanks(a: number[], b: number[]): number {
  // The method bit is last; path segments before it. Compare segment ranks first, then length
  // (a longer literal path is more specific), then the method bit.
  const pa = a.slice(0, -1);
  const pb = b.slice(0, -1);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  if (pa.length !== pb.length) return pa.length - pb.length;
  return a[a.length - 1]! - b[b.length - 1]!;
}
