import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir, writeFiles } from '../../helpers/functions.js';
import { lineDiff } from './line-diff.js';
import { startHost, type HostFixture } from './host-fixture.js';
import { TRIGGER_FILES } from './trigger-files.js';

describe('triggers.addHttp and triggers.remove', () => {
  let h: HostFixture;
  let apiUrl: string;
  let original: string;
  beforeAll(async () => {
    h = await startHost(TRIGGER_FILES);
    apiUrl = (await h.call('triggers.list')).apiUrl!;
    original = h.read('template.yaml');
  });
  afterAll(() => h?.close());

  it('serves the template routes on apiUrl and pushes activity for each request', async () => {
    const since = h.pushes.length;
    const res = await fetch(`${apiUrl}/items`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ fn: 'ItemsFunction', routeKey: 'GET /items', method: 'GET', id: null });
    const activity = await h.waitForPush('activity', (a) => a.route === 'GET /items', 'activity', since);
    expect(activity).toMatchObject({ trigger: 'http', kind: 'http-api', logicalId: 'ItemsFunction', statusCode: 200, status: 'success', requestId: expect.any(String) });
    await h.waitForPush('invocation', (r) => r.requestId === activity.requestId, 'invocation', since);
  });

  it('addHttp writes only the new event lines, and the route answers at once', async () => {
    const before = h.read('template.yaml');
    const since = h.pushes.length;
    const info = await h.call('triggers.addHttp', { logicalId: 'ItemsFunction', api: 'http', method: 'GET', path: '/items/{id}' });
    // The template writes methods in upper case (GET): the new event follows it.
    expect(lineDiff(before, h.read('template.yaml'))).toEqual({
      removed: [],
      added: ['        GetItemsId:', '          Type: HttpApi', '          Properties:', '            Path: /items/{id}', '            Method: GET'],
    });
    expect(info.endpoints.map((e) => `${e.method} ${e.path} ${e.url}`)).toContain(`GET /items/{id} ${apiUrl}/items/{id}`);
    await h.waitForPush('triggers', (t) => t.endpoints.some((e) => e.path === '/items/{id}'), 'triggers', since);
    const res = await fetch(`${apiUrl}/items/42`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ routeKey: 'GET /items/{id}', id: '42' });
  });

  it('addHttp: a REST API event on a function without Events, and an HTTP API $default route', async () => {
    const before = h.read('template.yaml');
    await h.call('triggers.addHttp', { logicalId: 'PlainFunction', api: 'rest', method: 'POST', path: '/orders/{id}' });
    await h.call('triggers.addHttp', { logicalId: 'PlainFunction', api: 'http', method: 'ANY', path: '$default', eventName: 'Fallback' });
    expect(lineDiff(before, h.read('template.yaml'))).toEqual({
      removed: [],
      added: [
        '      Events:',
        '        PostOrdersId:',
        '          Type: Api',
        '          Properties:',
        '            Path: /orders/{id}',
        '            Method: POST',
        '        Fallback:',
        '          Type: HttpApi',
      ],
    });
    const rest = await fetch(`${apiUrl}/orders/7`, { method: 'POST', body: '{}' });
    expect(await rest.json()).toEqual({ fn: 'PlainFunction', resource: '/orders/{id}', method: 'POST', id: '7' });
    const fallback = await fetch(`${apiUrl}/anything/else`, { method: 'DELETE' });
    expect(await fallback.json()).toMatchObject({ fn: 'PlainFunction', routeKey: '$default', method: 'DELETE' });
    const { endpoints } = await h.call('triggers.list');
    expect(endpoints.find((e) => e.path === '$default')).toMatchObject({ kind: 'http-api', method: 'ANY', url: `${apiUrl}/` });
  });

  it('addHttp: a default event name is made unique, a taken one is a Conflict', async () => {
    await h.call('triggers.addHttp', { logicalId: 'ItemsFunction', api: 'http', method: 'GET', path: '/items-id' });
    expect(h.read('template.yaml')).toContain('        GetItemsId2:\n          Type: HttpApi\n          Properties:\n            Path: /items-id\n');
    const taken = await h.failure('triggers.addHttp', { logicalId: 'ItemsFunction', api: 'http', method: 'PUT', path: '/items', eventName: 'ListItems' });
    expect(taken).toMatchObject({ code: 'Conflict', message: 'ItemsFunction already has an event named ListItems' });
  });

  it('addHttp: bad paths and methods are ValidationErrors on their field; a route served already is a Conflict', async () => {
    const before = h.read('template.yaml');
    const add = (input: Record<string, unknown>) => h.failure('triggers.addHttp', { logicalId: 'ItemsFunction', api: 'http', method: 'GET', ...input });
    expect(await add({ path: 'items' })).toMatchObject({ code: 'ValidationError', fields: { path: 'path "items" must start with /' } });
    expect(await add({ path: '/a/{rest+}/b' })).toMatchObject({ code: 'ValidationError', fields: { path: expect.stringContaining('must be the last segment') } });
    expect(await add({ path: '$default', api: 'rest', method: 'ANY' })).toMatchObject({ code: 'ValidationError', fields: { path: expect.any(String) } });
    expect(await add({ path: '$default' })).toMatchObject({ code: 'ValidationError', fields: { method: expect.any(String) } });
    expect(await add({ path: '/x', method: 'FETCH' })).toMatchObject({ code: 'ValidationError', fields: { method: expect.any(String) } });
    expect(await add({ path: '/x', eventName: 'no-dashes' })).toMatchObject({ code: 'ValidationError', fields: { eventName: expect.any(String) } });
    expect(await add({ path: '/items' })).toMatchObject({ code: 'Conflict', message: expect.stringContaining('GET /items is already a route of ItemsFunction (event ListItems)') });
    expect((await add({ logicalId: 'NoSuchFunction', path: '/x' })).code).toBe('NotFound');
    expect(h.read('template.yaml')).toBe(before);
  });

  it('remove: takes the event lines out again, and the route is gone at once', async () => {
    const before = h.read('template.yaml');
    const info = await h.call('triggers.remove', { logicalId: 'ItemsFunction', eventName: 'GetItemsId' });
    expect(lineDiff(before, h.read('template.yaml'))).toEqual({
      removed: ['        GetItemsId:', '          Type: HttpApi', '          Properties:', '            Path: /items/{id}', '            Method: GET'],
      added: [],
    });
    expect(info.endpoints.some((e) => e.path === '/items/{id}')).toBe(false);
    // The $default route of PlainFunction takes what no other route does now.
    expect(await (await fetch(`${apiUrl}/items/42`)).json()).toMatchObject({ fn: 'PlainFunction', routeKey: '$default' });
    expect((await h.failure('triggers.remove', { logicalId: 'ItemsFunction', eventName: 'GetItemsId' })).code).toBe('NotFound');
    expect((await h.failure('triggers.remove', { logicalId: 'Nobody', eventName: 'X' })).code).toBe('NotFound');
  });

  it('remove: the last event of a function takes its Events key with it, back to the original template', async () => {
    await h.call('triggers.remove', { logicalId: 'ItemsFunction', eventName: 'GetItemsId2' });
    await h.call('triggers.remove', { logicalId: 'PlainFunction', eventName: 'PostOrdersId' });
    await h.call('triggers.remove', { logicalId: 'PlainFunction', eventName: 'Fallback' });
    expect(h.read('template.yaml')).toBe(original);
    expect((await fetch(`${apiUrl}/anything`)).status).toBe(404);
  });

  it('keeps its HTTP port across workspace.open: the new workspace routes are served there, the old ones are gone', async () => {
    const other = writeFiles(makeTempDir(), {
      'template.yaml':
        'Resources:\n  Other:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: fn/\n      Handler: index.handler\n      Runtime: nodejs20.x\n      Events:\n        Hello:\n          Type: HttpApi\n          Properties:\n            Path: /hello\n            Method: GET\n',
      'fn/index.js': 'exports.handler = async () => ({ statusCode: 200, body: "hello from the other workspace" });\n',
    });
    try {
      const since = h.pushes.length;
      await h.call('workspace.open', { dir: other });
      const pushed = await h.waitForPush('triggers', (t) => t.endpoints.some((e) => e.logicalId === 'Other'), 'triggers', since);
      expect(pushed.apiUrl).toBe(apiUrl);
      expect(await (await fetch(`${apiUrl}/hello`)).text()).toBe('hello from the other workspace');
      expect((await fetch(`${apiUrl}/items`)).status).toBe(404);
      expect((await h.call('triggers.list')).schedules).toEqual([]);
    } finally {
      removeTempDir(other);
    }
  });
});
