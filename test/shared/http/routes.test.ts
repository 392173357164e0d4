import { describe, expect, it } from 'vitest';
import type { RouteMethod } from '../../../shared/domain/triggers.js';
import { matchPath, matchRoute, methodsOfPath, pathTemplateProblem, routeKey } from '../../../shared/http/routes.js';

const route = (method: RouteMethod, path: string) => ({ method, path });

const ROUTES = [
  route('GET', '/items'),
  route('GET', '/items/{id}'),
  route('GET', '/items/special'),
  route('DELETE', '/items/{id}'),
  route('ANY', '/files/{proxy+}'),
  route('POST', '/files/{proxy+}'),
  route('GET', '/files/{dir}/readme'),
  route('GET', '/'),
  route('ANY', '$default'),
];

const keyOf = (method: string, path: string) => matchRoute(ROUTES, method, path)?.routeKey;

describe('matchRoute: AWS priority', () => {
  it.each([
    ['GET', '/items/special', 'GET /items/special', 'an exact path beats a {param}'],
    ['GET', '/items/7', 'GET /items/{id}', 'a {param} matches one segment'],
    ['GET', '/items', 'GET /items', 'exact'],
    ['GET', '/items/', 'GET /items', 'a trailing slash is not significant'],
    ['GET', '/files/a/b/c', 'ANY /files/{proxy+}', 'greedy takes several segments'],
    ['POST', '/files/a/b', 'POST /files/{proxy+}', 'a method route beats ANY on the same path'],
    ['GET', '/files/docs/readme', 'GET /files/{dir}/readme', 'a {param} beats a greedy parameter'],
    ['GET', '/', 'GET /', 'the root route'],
    ['POST', '/', '$default', '$default takes a method the route lacks'],
    ['PUT', '/items/7', '$default', 'no PUT route: $default'],
    ['GET', '/nothing/here', '$default', '$default takes what nothing else does'],
    ['GET', '/files', '$default', '{proxy+} needs at least one segment'],
  ])('%s %s -> %s (%s)', (method, path, expected) => {
    expect(keyOf(method, path)).toBe(expected);
  });

  it('extracts URL-decoded path parameters', () => {
    expect(matchRoute(ROUTES, 'GET', '/items/a%20b%2Fc')?.pathParameters).toEqual({ id: 'a b/c' });
    expect(matchRoute(ROUTES, 'GET', '/files/x%20y/z')?.pathParameters).toEqual({ proxy: 'x y/z' });
    expect(matchRoute(ROUTES, 'GET', '/nothing')?.pathParameters).toEqual({});
  });

  it('keeps a parameter named {__proto__} (found by fuzzing: an assignment set the prototype instead, and the parameter vanished)', () => {
    const match = matchRoute([route('GET', '/{__proto__}/{rest+}')], 'GET', '/0/a/b');
    expect(Object.hasOwn(match!.pathParameters, '__proto__')).toBe(true);
    expect(JSON.stringify(match!.pathParameters)).toBe('{"__proto__":"0","rest":"a/b"}');
  });

  it('answers undefined without $default, and lowers nothing: methods are compared upper-case', () => {
    const routes = ROUTES.filter((r) => r.path !== '$default');
    expect(matchRoute(routes, 'GET', '/nothing')).toBeUndefined();
    expect(matchRoute(routes, 'get', '/items')?.routeKey).toBe('GET /items');
    expect(matchRoute(routes, 'PUT', '/items/1')).toBeUndefined();
    expect(matchPath(routes, '/items/1')?.routeKey).toBe('GET /items/{id}');
  });

  it("lists a path template's methods and builds route keys", () => {
    expect(methodsOfPath(ROUTES, '/items/{id}')).toEqual(['GET', 'DELETE']);
    expect(routeKey(route('ANY', '$default'))).toBe('$default');
    expect(routeKey(route('ANY', '/x'))).toBe('ANY /x');
  });
});

describe('pathTemplateProblem', () => {
  it.each(['/', '/items', '/items/{id}', '/{proxy+}', '/a/{b}/c/{d+}', '$default'])('accepts %s', (path) => {
    expect(pathTemplateProblem(path)).toBeUndefined();
  });

  it.each([
    ['items', 'must start with /'],
    ['/a//b', 'empty segment'],
    ['/{proxy+}/x', 'must be the last segment'],
    ['/item-{id}', 'whole segment'],
    ['/{id}/{id}', 'twice'],
  ])('refuses %s', (path, message) => {
    expect(pathTemplateProblem(path)).toContain(message);
  });
});
