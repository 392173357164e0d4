import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { s3EncodeKey } from '../../../shared/events/data-events.js';
import { findEventTemplate } from '../../../shared/events/templates.js';

type Json = Record<string, any>;
const build = (service: string, type: string, fields?: Record<string, string>) => findEventTemplate(service, type)!.build(fields) as Json;

describe('field overrides land where the service puts them', () => {
  it('s3: bucket, region, size and the key URL-form encoded (spaces as +, slashes kept)', () => {
    const record = build('s3', 'put', { bucket: 'my-bucket', key: 'raw/2024 Q1/report (final)+ü.csv', size: '1024', region: 'eu-west-1' }).Records[0];
    expect(record).toMatchObject({ awsRegion: 'eu-west-1', eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'my-bucket', arn: 'arn:aws:s3:::my-bucket' } } });
    expect(record.s3.object).toMatchObject({ key: 'raw/2024+Q1/report+%28final%29%2B%C3%BC.csv', size: 1024 });
    expect(record.s3.object.eTag).toMatch(/^[0-9a-f]{32}$/);
    // What a handler does with it gets the key back.
    expect(decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '))).toBe('raw/2024 Q1/report (final)+ü.csv');

    const del = build('s3', 'delete', { key: 'a b.txt' }).Records[0];
    expect(del).toMatchObject({ eventName: 'ObjectRemoved:Delete', s3: { object: { key: 'a+b.txt' } } });
    expect(build('s3', 'batch-invocation', { key: 'x y.jpg', bucket: 'b' }).tasks[0]).toMatchObject({ s3Key: 'x+y.jpg', s3BucketArn: 'arn:aws:s3:::b' });
    expect(s3EncodeKey('a-b_c.d*e~f=g&h:i')).toBe('a-b_c.d*e%7Ef%3Dg%26h%3Ai');
  });

  it('sqs: the body with its MD5, as node:crypto computes it, and the queue', () => {
    for (const body of ['Test message.', '', 'héllo ✓', 'x'.repeat(100_000)]) {
      const record = build('sqs', 'receive-message', { body }).Records[0];
      expect(record.body).toBe(body);
      expect(record.md5OfBody).toBe(createHash('md5').update(body, 'utf8').digest('hex'));
    }
    expect(build('sqs', 'receive-message', { body: 'Test message.' }).Records[0].md5OfBody).toBe('e4e68fb7bd0e697a0ae8f1bb342846b3');
    const std = build('sqs', 'receive-message', { 'queue-name': 'jobs' }).Records[0];
    expect(std.eventSourceARN).toBe('arn:aws:sqs:us-east-1:123456789012:jobs');
    expect(std.attributes).not.toHaveProperty('MessageGroupId');
    const fifo = build('sqs', 'receive-message', { 'queue-name': 'jobs.fifo' }).Records[0];
    expect(fifo.attributes).toMatchObject({ MessageGroupId: 'orders', SequenceNumber: expect.stringMatching(/^\d{20}$/), MessageDeduplicationId: expect.any(String) });
  });

  it('sns: message, subject (empty is null) and topic', () => {
    const sns = build('sns', 'notification', { message: 'hello', subject: 'Hi', topic: 'alerts' }).Records[0];
    expect(sns.Sns).toMatchObject({ Type: 'Notification', Message: 'hello', Subject: 'Hi', TopicArn: 'arn:aws:sns:us-east-1:123456789012:alerts' });
    expect(sns.EventSubscriptionArn.startsWith('arn:aws:sns:us-east-1:123456789012:alerts:')).toBe(true);
    expect(sns.Sns.UnsubscribeUrl).toContain(sns.EventSubscriptionArn);
    expect(build('sns', 'notification', { subject: '' }).Records[0].Sns.Subject).toBeNull();
  });

  it('apigateway aws-proxy: method, path, resource and its path parameters, query, body, stage', () => {
    const e = build('apigateway', 'aws-proxy', { method: 'POST', path: '/shop/cart/items/7', resource: '/shop/{proxy+}', query: 'a=1&a=2&b=x%20y', body: '{"n":1}', stage: 'dev' });
    expect(e).toMatchObject({ httpMethod: 'POST', path: '/shop/cart/items/7', resource: '/shop/{proxy+}', body: '{"n":1}', pathParameters: { proxy: 'cart/items/7' } });
    expect(e.queryStringParameters).toEqual({ a: '2', b: 'x y' });
    expect(e.multiValueQueryStringParameters).toEqual({ a: ['1', '2'], b: ['x y'] });
    expect(e.headers['Content-Type']).toBe('application/json');
    expect(e.requestContext).toMatchObject({ httpMethod: 'POST', stage: 'dev', path: '/dev/shop/cart/items/7', resourcePath: '/shop/{proxy+}' });
    const bare = build('apigateway', 'aws-proxy', { query: '', resource: '/health', path: '/health' });
    expect(bare).toMatchObject({ body: null, queryStringParameters: null, multiValueQueryStringParameters: null, pathParameters: null });
  });

  it('apigateway http-api-proxy and lambda function-url: method, path, query, body, route', () => {
    const e = build('apigateway', 'http-api-proxy', { method: 'PUT', path: '/orders/9', route: '/orders/{id}', query: 'a=1&a=2', body: 'héllo' });
    expect(e).toMatchObject({ routeKey: 'PUT /orders/{id}', rawPath: '/orders/9', rawQueryString: 'a=1&a=2', queryStringParameters: { a: '1,2' }, pathParameters: { id: '9' }, body: 'héllo' });
    expect(e.headers['content-length']).toBe('6');
    expect(e.requestContext.http).toMatchObject({ method: 'PUT', path: '/orders/9' });
    const get = build('lambda', 'function-url', { method: 'GET', body: '', query: '' });
    expect(get).not.toHaveProperty('body');
    expect(get).not.toHaveProperty('queryStringParameters');
    expect(get).toMatchObject({ routeKey: '$default', rawQueryString: '', requestContext: { http: { method: 'GET' } } });
  });

  it('alb: query values stay encoded', () => {
    expect(build('alb', 'request', { query: 'q=a%20b', path: '/search' })).toMatchObject({ path: '/search', queryStringParameters: { q: 'a%20b' } });
  });

  it('apigateway authorizers and websocket', () => {
    expect(build('apigateway', 'authorizer', { token: 'Bearer abc', method: 'DELETE', path: '/x', stage: 'v1' })).toMatchObject({
      type: 'TOKEN',
      authorizationToken: 'Bearer abc',
      methodArn: expect.stringMatching(/\/v1\/DELETE\/x$/),
    });
    const connect = build('apigateway', 'websocket', { route: '$connect' });
    expect(connect).not.toHaveProperty('body');
    expect(connect.requestContext).toMatchObject({ eventType: 'CONNECT', routeKey: '$connect' });
    expect(connect.requestContext).not.toHaveProperty('messageId');
    expect(connect.headers['Sec-WebSocket-Version']).toBe('13');
    const bye = build('apigateway', 'websocket', { route: '$disconnect', 'connection-id': 'abc=' });
    expect(bye.requestContext).toMatchObject({ eventType: 'DISCONNECT', connectionId: 'abc=', disconnectStatusCode: expect.any(Number) });
    expect(build('apigateway', 'websocket', { body: 'ping' })).toMatchObject({ body: 'ping', requestContext: { eventType: 'MESSAGE' } });
  });

  it('dynamodb: table and stream view type', () => {
    const e = build('dynamodb', 'update', { table: 'Users', 'stream-view-type': 'NEW_IMAGE' });
    expect(e.Records[0].eventSourceARN).toMatch(/^arn:aws:dynamodb:us-east-1:123456789012:table\/Users\/stream\/\d{4}-\d\d-\d\dT[\d:.]+$/);
    expect(e.Records.map((r: Json) => Object.keys(r.dynamodb).filter((k) => k.endsWith('Image')))).toEqual([['NewImage'], ['NewImage'], []]);
    const both = build('dynamodb', 'update').Records;
    expect(both[1].dynamodb).toMatchObject({ OldImage: { Status: { S: 'PLACED' } }, NewImage: { Status: { S: 'SHIPPED' } }, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(both[2].dynamodb.OldImage.Total).toEqual({ N: '42.5' });
  });

  it('kinesis and kafka: data as base64', () => {
    const k = build('kinesis', 'get-records', { data: 'héllo', stream: 's', 'partition-key': 'p' }).Records[0];
    expect(Buffer.from(k.kinesis.data, 'base64').toString('utf8')).toBe('héllo');
    expect(k).toMatchObject({ eventSourceARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/s', kinesis: { partitionKey: 'p' } });
    const msk = build('kafka', 'msk', { topic: 't', key: 'k', value: 'v' });
    expect(msk.records['t-0'][0]).toMatchObject({ topic: 't', key: Buffer.from('k').toString('base64'), value: Buffer.from('v').toString('base64') });
    expect(Buffer.from(msk.records['t-0'][0].headers[0]['content-type']).toString()).toBe('application/json');
  });

  it('events: schedule rule; custom source, detail-type and detail', () => {
    expect(build('events', 'schedule', { rule: 'nightly' }).resources).toEqual(['arn:aws:events:us-east-1:123456789012:rule/nightly']);
    expect(build('events', 'custom', { source: 'my.app', 'detail-type': 'Thing', detail: '{"a":[1]}' })).toMatchObject({ source: 'my.app', 'detail-type': 'Thing', detail: { a: [1] } });
  });

  it('cognito: username, user pool, email, client id and trigger source', () => {
    const pre = build('cognito', 'pre-signup', { username: 'ann', 'user-pool-id': 'eu-west-1_Abc123', email: 'ann@example.com', 'trigger-source': 'PreSignUp_AdminCreateUser' });
    expect(pre).toMatchObject({
      userName: 'ann',
      userPoolId: 'eu-west-1_Abc123',
      region: 'eu-west-1',
      triggerSource: 'PreSignUp_AdminCreateUser',
      request: { userAttributes: { email: 'ann@example.com' } },
    });
    const post = build('cognito', 'post-confirmation', { 'client-id': 'c1' });
    expect(post.callerContext.clientId).toBe('c1');
    expect(post.request.userAttributes.sub).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('ses, cloudfront and cloudformation', () => {
    const mail = build('ses', 'email-receiving', { from: 'Bob <bob@example.net>', to: 'in@example.org', subject: 'Hi' }).Records[0].ses.mail;
    expect(mail).toMatchObject({ source: 'bob@example.net', destination: ['in@example.org'], commonHeaders: { from: ['Bob <bob@example.net>'], to: ['in@example.org'], subject: 'Hi' } });
    expect(mail.commonHeaders.date).toMatch(/^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0000$/);
    expect(build('cloudfront', 'viewer-request', { uri: '/a', querystring: '', method: 'HEAD' }).Records[0].cf.request).toMatchObject({ uri: '/a', querystring: '', method: 'HEAD' });
    const cfn = build('cloudformation', 'update-request', { 'resource-type': 'Custom::X', properties: '{"Count":"7"}' });
    expect(cfn).toMatchObject({ RequestType: 'Update', ResourceType: 'Custom::X', ResourceProperties: { Count: '7', ServiceToken: expect.stringMatching(/^arn:aws:lambda:/) } });
    expect(cfn.ResponseURL).toMatch(/^https:\/\/cloudformation-custom-resource-response-useast1\.s3\.amazonaws\.com\/arn%3Aaws%3Acloudformation/);
  });
});

describe('cloudwatch logs', () => {
  it('awslogs.data is base64 of gzip that zlib decodes to the subscription JSON', () => {
    const data = build('cloudwatch', 'logs', { 'log-group': '/aws/lambda/payments', 'log-stream': 'stream-1', message: 'first\nsecond', level: 'WARN' }).awslogs.data;
    const decoded = JSON.parse(gunzipSync(Buffer.from(data, 'base64')).toString('utf8'));
    expect(decoded).toMatchObject({ messageType: 'DATA_MESSAGE', owner: '123456789012', logGroup: '/aws/lambda/payments', logStream: 'stream-1', subscriptionFilters: [expect.any(String)] });
    expect(decoded.logEvents).toHaveLength(2);
    expect(decoded.logEvents[0]).toEqual({ id: expect.stringMatching(/^\d{56}$/), timestamp: expect.any(Number), message: expect.stringMatching(/^\d{4}-.+Z\t[0-9a-f-]{36}\tWARN\tfirst\n$/) });
    expect(decoded.logEvents[1].message).toMatch(/\tsecond\n$/);
    const stream = JSON.parse(gunzipSync(Buffer.from(build('cloudwatch', 'logs').awslogs.data, 'base64')).toString()).logStream;
    expect(stream).toMatch(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
  });
});
