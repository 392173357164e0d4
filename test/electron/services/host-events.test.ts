import { existsSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TEMPLATES } from '../../../shared/events/templates.js';
import { base64 } from '../../../shared/events/random.js';
import { startHost, type HostFixture } from './host-fixture.js';

describe('events.*', () => {
  let h: HostFixture;
  beforeAll(async () => {
    h = await startHost();
  });
  afterAll(() => h?.close());

  it('save, list, rename and delete saved events as files under events/', async () => {
    expect(await h.call('events.list')).toEqual([]);
    await h.call('events.save', { name: 'order placed', body: '{"orderId":1,"items":[1,2]}' });
    await h.call('events.save', { name: 'another', body: '[]' });
    expect(h.read('events/order placed.json')).toBe('{\n  "orderId": 1,\n  "items": [\n    1,\n    2\n  ]\n}\n');
    expect((await h.call('events.list')).map((e) => e.name)).toEqual(['another', 'order placed']);

    const bad = await h.failure('events.save', { name: 'broken', body: '{"a":' });
    expect(bad.code).toBe('ValidationError');
    expect(Object.keys(bad.fields ?? {})).toEqual(['body']);
    expect((await h.failure('events.save', { name: '../escape', body: '{}' })).code).toBe('ValidationError');
    expect((await h.failure('events.save', { name: '..', body: '{}' })).code).toBe('ValidationError');

    await h.call('events.rename', { name: 'another', newName: 'renamed' });
    expect(existsSync(path.join(h.dir, 'events/renamed.json'))).toBe(true);
    expect((await h.failure('events.rename', { name: 'renamed', newName: 'order placed' })).code).toBe('Conflict');
    expect((await h.failure('events.rename', { name: 'gone', newName: 'x' })).code).toBe('NotFound');

    await h.call('events.delete', { name: 'renamed' });
    expect((await h.call('events.list')).map((e) => e.name)).toEqual(['order placed']);
    expect((await h.failure('events.delete', { name: 'renamed' })).code).toBe('NotFound');
  });

  it('templates and generate: every trigger source, fresh ids each time', async () => {
    const templates = await h.call('events.templates');
    const ids = templates.map((t) => t.id);
    for (const id of [
      'apigateway-v1',
      'apigateway-v2',
      'function-url',
      's3-put',
      's3-delete',
      'sqs',
      'sns',
      'eventbridge-schedule',
      'eventbridge-custom',
      'dynamodb-stream',
      'cloudwatch-logs',
      'kinesis',
    ]) {
      expect(ids).toContain(id);
    }
    for (const id of ids) {
      const { body } = await h.call('events.generate', { templateId: id });
      expect(() => JSON.parse(body)).not.toThrow();
    }
    const a = JSON.parse((await h.call('events.generate', { templateId: 'sqs' })).body);
    const b = JSON.parse((await h.call('events.generate', { templateId: 'sqs' })).body);
    expect(a.Records[0].messageId).not.toBe(b.Records[0].messageId);
    expect((await h.failure('events.generate', { templateId: 'nope' })).code).toBe('NotFound');
  });

  it('a generated event can be saved and invoked', async () => {
    const { body } = await h.call('events.generate', { templateId: 'apigateway-v2' });
    await h.call('events.save', { name: 'http', body });
    const run = await h.call('invoke.run', { logicalId: 'EnvFunction', payload: body });
    expect(run.response).toMatchObject({ event: { version: '2.0', routeKey: 'POST /orders' } });
  });
});

describe('event templates', () => {
  const build = (id: string) => EVENT_TEMPLATES.find((t) => t.id === id)!.build() as Record<string, any>;

  it('have the shapes of ARCHITECTURE.md, Lambda behaviour 9', () => {
    const v1 = build('apigateway-v1');
    expect(v1).toMatchObject({
      httpMethod: 'GET',
      resource: '/items/{id}',
      pathParameters: { id: '42' },
      isBase64Encoded: false,
      requestContext: { resourcePath: '/items/{id}', identity: { sourceIp: '203.0.113.10' } },
    });
    expect(v1.multiValueHeaders.Accept).toEqual(['application/json']);
    expect(v1.requestContext.requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);

    const url = build('function-url');
    expect(url).toMatchObject({ version: '2.0', routeKey: '$default', requestContext: { stage: '$default', routeKey: '$default', http: { method: 'POST' } } });
    expect(url.requestContext.domainName).toMatch(/\.lambda-url\.us-east-1\.on\.aws$/);
    expect(Object.keys(url.headers).every((k: string) => k === k.toLowerCase())).toBe(true);

    expect(build('s3-put').Records[0]).toMatchObject({ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { object: { key: 'photos/summer+holiday.jpg' } } });
    expect(build('s3-delete').Records[0].eventName).toBe('ObjectRemoved:Delete');
    expect(build('sqs').Records[0]).toMatchObject({ eventSource: 'aws:sqs', attributes: { ApproximateReceiveCount: '1' } });
    expect(build('sns').Records[0]).toMatchObject({ EventSource: 'aws:sns', Sns: { Type: 'Notification' } });
    expect(build('eventbridge-schedule')).toMatchObject({ 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} });
    expect(build('eventbridge-schedule').time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(build('dynamodb-stream').Records.map((r: { eventName: string }) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
  });

  it('encode data as the services do', () => {
    const kinesis = build('kinesis').Records[0].kinesis;
    expect(JSON.parse(Buffer.from(kinesis.data, 'base64').toString('utf8'))).toMatchObject({ sensor: 'sensor-7' });
    const logs = JSON.parse(gunzipSync(Buffer.from(build('cloudwatch-logs').awslogs.data, 'base64')).toString('utf8'));
    expect(logs).toMatchObject({ messageType: 'DATA_MESSAGE', logGroup: '/aws/lambda/orders-api' });
    for (const text of ['', 'a', 'ab', 'abc', 'héllo wörld ✓']) expect(base64(text)).toBe(Buffer.from(text).toString('base64'));
  });
});
