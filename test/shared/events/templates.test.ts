import { describe, expect, it } from 'vitest';
import { EVENT_TEMPLATES, EventFieldError, eventServices, findEventTemplate, generateEvent, templateNames } from '../../../shared/events/templates.js';

type Json = Record<string, any>;
const build = (id: string, fields?: Record<string, string>) => findEventTemplate(id)!.build(fields) as Json;

const RECORDS = (keys: string[]) => ({ top: ['Records'], record: keys });

/** Per template: its top-level keys, in order, and for Records events the keys of a record. */
const SHAPES: Record<string, { top: string[]; record?: string[]; check?: (e: Json) => void }> = {
  'alb request': {
    top: ['requestContext', 'httpMethod', 'path', 'queryStringParameters', 'headers', 'body', 'isBase64Encoded'],
    check: (e) => expect(e.requestContext.elb.targetGroupArn).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup\/[\w-]+\/[0-9a-f]{16}$/),
  },
  'apigateway aws-proxy': {
    top: [
      'resource',
      'path',
      'httpMethod',
      'headers',
      'multiValueHeaders',
      'queryStringParameters',
      'multiValueQueryStringParameters',
      'pathParameters',
      'stageVariables',
      'requestContext',
      'body',
      'isBase64Encoded',
    ],
    check: (e) => expect(e.requestContext).toMatchObject({ resourcePath: '/items/{id}', stage: 'prod', path: '/prod/items/42', identity: { sourceIp: '203.0.113.10' } }),
  },
  'apigateway http-api-proxy': {
    top: ['version', 'routeKey', 'rawPath', 'rawQueryString', 'cookies', 'headers', 'queryStringParameters', 'requestContext', 'body', 'isBase64Encoded'],
    check: (e) => expect(e).toMatchObject({ version: '2.0', routeKey: 'POST /orders', requestContext: { stage: '$default', http: { method: 'POST', path: '/orders' } } }),
  },
  'apigateway authorizer': {
    top: ['type', 'authorizationToken', 'methodArn'],
    check: (e) => expect(e.methodArn).toMatch(/^arn:aws:execute-api:us-east-1:123456789012:[0-9a-f]{10}\/prod\/GET\/items\/42$/),
  },
  'apigateway request-authorizer': {
    top: [
      'type',
      'methodArn',
      'resource',
      'path',
      'httpMethod',
      'headers',
      'multiValueHeaders',
      'queryStringParameters',
      'multiValueQueryStringParameters',
      'pathParameters',
      'stageVariables',
      'requestContext',
    ],
    check: (e) => expect(e).toMatchObject({ type: 'REQUEST', headers: { Authorization: 'allow' }, pathParameters: { id: '42' } }),
  },
  'apigateway http-api-authorizer': {
    top: ['version', 'type', 'routeArn', 'identitySource', 'routeKey', 'rawPath', 'rawQueryString', 'cookies', 'headers', 'queryStringParameters', 'requestContext'],
    check: (e) => expect(e).toMatchObject({ version: '2.0', type: 'REQUEST', identitySource: ['allow'], headers: { authorization: 'allow' } }),
  },
  'apigateway websocket': {
    top: ['requestContext', 'body', 'isBase64Encoded'],
    check: (e) => expect(e.requestContext).toMatchObject({ routeKey: 'sendmessage', eventType: 'MESSAGE', messageDirection: 'IN', messageId: expect.stringMatching(/=$/) }),
  },
  'cloudformation create-request': { top: ['RequestType', 'ServiceToken', 'ResponseURL', 'StackId', 'RequestId', 'LogicalResourceId', 'ResourceType', 'ResourceProperties'] },
  'cloudformation update-request': {
    top: ['RequestType', 'ServiceToken', 'ResponseURL', 'StackId', 'RequestId', 'LogicalResourceId', 'ResourceType', 'ResourceProperties', 'PhysicalResourceId', 'OldResourceProperties'],
  },
  'cloudformation delete-request': { top: ['RequestType', 'ServiceToken', 'ResponseURL', 'StackId', 'RequestId', 'LogicalResourceId', 'ResourceType', 'ResourceProperties', 'PhysicalResourceId'] },
  'cloudfront viewer-request': {
    ...RECORDS(['cf']),
    check: (e) =>
      expect(e.Records[0].cf).toMatchObject({
        config: { eventType: 'viewer-request' },
        request: { method: 'GET', uri: '/index.html', querystring: 'lang=en', headers: { host: [{ key: 'Host', value: 'www.example.com' }] } },
      }),
  },
  'cloudfront origin-request': {
    ...RECORDS(['cf']),
    check: (e) => expect(e.Records[0].cf).toMatchObject({ config: { eventType: 'origin-request' }, request: { origin: { custom: { domainName: 'origin.example.com', protocol: 'https' } } } }),
  },
  'cloudwatch logs': { top: ['awslogs'], check: (e) => expect(Object.keys(e.awslogs)).toEqual(['data']) },
  'cognito pre-signup': {
    top: ['version', 'region', 'userPoolId', 'userName', 'callerContext', 'triggerSource', 'request', 'response'],
    check: (e) => expect(e).toMatchObject({ triggerSource: 'PreSignUp_SignUp', response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false } }),
  },
  'cognito post-confirmation': {
    top: ['version', 'region', 'userPoolId', 'userName', 'callerContext', 'triggerSource', 'request', 'response'],
    check: (e) => expect(e).toMatchObject({ triggerSource: 'PostConfirmation_ConfirmSignUp', request: { userAttributes: { 'cognito:user_status': 'CONFIRMED' } }, response: {} }),
  },
  'dynamodb update': {
    ...RECORDS(['eventID', 'eventName', 'eventVersion', 'eventSource', 'awsRegion', 'dynamodb', 'eventSourceARN']),
    check: (e) => expect(e.Records.map((r: Json) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']),
  },
  'events schedule': {
    top: ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail'],
    check: (e) => expect(e).toMatchObject({ 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {}, time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/) }),
  },
  'events custom': {
    top: ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail'],
    check: (e) => expect(e).toMatchObject({ 'detail-type': 'OrderPlaced', source: 'com.example.orders', detail: { orderId: 'order-1234' } }),
  },
  'kafka msk': { top: ['eventSource', 'eventSourceArn', 'bootstrapServers', 'records'], check: (e) => expect(Object.keys(e.records)).toEqual(['orders-0']) },
  'kafka self-managed': { top: ['eventSource', 'bootstrapServers', 'records'], check: (e) => expect(e.eventSource).toBe('SelfManagedKafka') },
  'kinesis get-records': RECORDS(['kinesis', 'eventSource', 'eventVersion', 'eventID', 'eventName', 'invokeIdentityArn', 'awsRegion', 'eventSourceARN']),
  'lambda function-url': {
    top: ['version', 'routeKey', 'rawPath', 'rawQueryString', 'cookies', 'headers', 'queryStringParameters', 'requestContext', 'body', 'isBase64Encoded'],
    check: (e) =>
      expect(e).toMatchObject({
        routeKey: '$default',
        requestContext: { accountId: 'anonymous', stage: '$default', domainName: expect.stringMatching(/^[0-9a-f]{32}\.lambda-url\.us-east-1\.on\.aws$/) },
      }),
  },
  's3 put': {
    ...RECORDS(['eventVersion', 'eventSource', 'awsRegion', 'eventTime', 'eventName', 'userIdentity', 'requestParameters', 'responseElements', 's3']),
    check: (e) => expect(Object.keys(e.Records[0].s3.object)).toEqual(['key', 'size', 'eTag', 'sequencer']),
  },
  's3 delete': {
    ...RECORDS(['eventVersion', 'eventSource', 'awsRegion', 'eventTime', 'eventName', 'userIdentity', 'requestParameters', 'responseElements', 's3']),
    check: (e) => expect(Object.keys(e.Records[0].s3.object)).toEqual(['key', 'sequencer']),
  },
  's3 batch-invocation': { top: ['invocationSchemaVersion', 'invocationId', 'job', 'tasks'], check: (e) => expect(e.tasks[0].s3BucketArn).toBe('arn:aws:s3:::faaslab-uploads') },
  'ses email-receiving': {
    ...RECORDS(['eventSource', 'eventVersion', 'ses']),
    check: (e) => expect(e.Records[0].ses.receipt.action).toMatchObject({ type: 'Lambda', invocationType: 'Event' }),
  },
  'sns notification': RECORDS(['EventSource', 'EventVersion', 'EventSubscriptionArn', 'Sns']),
  'sqs receive-message': RECORDS(['messageId', 'receiptHandle', 'body', 'attributes', 'messageAttributes', 'md5OfBody', 'eventSource', 'eventSourceARN', 'awsRegion']),
};

describe('event templates', () => {
  it('are the ones in the table, each with a unique set of names', () => {
    expect(EVENT_TEMPLATES.map((t) => `${t.service} ${t.type}`).sort()).toEqual(Object.keys(SHAPES).sort());
    const names = EVENT_TEMPLATES.flatMap(templateNames);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(Object.entries(SHAPES))('%s has the shape AWS sends', (name, shape) => {
    const [service, type] = name.split(' ') as [string, string];
    const template = findEventTemplate(service, type)!;
    expect(template).toMatchObject({ service, type });
    expect(template.title).not.toBe('');
    expect(template.description.length).toBeGreaterThan(20);
    for (const f of template.fields) expect(f.name).toMatch(/^[a-z][a-z0-9-]*$/);
    const event = template.build() as Json;
    expect(JSON.parse(JSON.stringify(event))).toEqual(event);
    expect(Object.keys(event)).toEqual(shape.top);
    if (shape.record) expect(Object.keys(event.Records[0])).toEqual(shape.record);
    shape.check?.(event);
  });

  it('build fresh ids and times every time', () => {
    expect(build('sqs').Records[0].messageId).not.toBe(build('sqs').Records[0].messageId);
    expect(build('sns').Records[0].Sns.MessageId).not.toBe(build('sns').Records[0].Sns.MessageId);
    expect(build('apigateway-v1').requestContext.requestId).not.toBe(build('apigateway-v1').requestContext.requestId);
    expect(build('eventbridge-custom').id).not.toBe(build('eventbridge-custom').id);
    expect(Math.abs(Date.parse(build('s3-put').Records[0].eventTime) - Date.now())).toBeLessThan(5000);
  });
});

describe('names and aliases', () => {
  it('keeps the ids the Test tab has always used', () => {
    const ids = EVENT_TEMPLATES.map((t) => t.id);
    for (const id of [
      'apigateway-v1',
      'apigateway-v2',
      'function-url',
      'alb',
      's3-put',
      's3-delete',
      'sqs',
      'sns',
      'eventbridge-schedule',
      'eventbridge-custom',
      'dynamodb-stream',
      'kinesis',
      'cloudwatch-logs',
    ]) {
      expect(ids).toContain(id);
    }
    expect(findEventTemplate('s3-put')).toBe(findEventTemplate('s3', 'put'));
    expect(findEventTemplate('apigateway-v1')).toBe(findEventTemplate('apigateway', 'aws-proxy'));
    expect(findEventTemplate('dynamodb-stream')).toBe(findEventTemplate('dynamodb', 'update'));
  });

  it("answers to sam's names, case and spacing aside", () => {
    const schedule = findEventTemplate('events', 'schedule');
    expect(findEventTemplate('cloudwatch', 'scheduled-event')).toBe(schedule);
    expect(findEventTemplate('cloudwatch scheduled-event')).toBe(schedule);
    expect(findEventTemplate('eventbridge', 'schedule')).toBe(schedule);
    expect(findEventTemplate('S3', 'Put')).toBe(findEventTemplate('s3-put'));
    expect(findEventTemplate('apigateway-aws-proxy')).toBe(findEventTemplate('apigateway-v1'));
    expect(findEventTemplate('s3', 'get')).toBeUndefined();
    expect(findEventTemplate('nope')).toBeUndefined();
  });

  it('lists services with their types, aliases included', () => {
    const services = eventServices();
    expect(services.map((s) => s.service)).toEqual([...services.map((s) => s.service)].sort());
    expect(services.find((s) => s.service === 'cloudwatch')?.types).toEqual(['logs', 'scheduled-event']);
    expect(services.find((s) => s.service === 's3')?.types).toEqual(['put', 'delete', 'batch-invocation']);
  });

  it('generateEvent prints pretty JSON, with fields, or undefined for an unknown id', () => {
    const text = generateEvent('s3-put', { bucket: 'photos' })!;
    expect(text).toContain('\n  "Records": [');
    expect(JSON.parse(text).Records[0].s3.bucket.name).toBe('photos');
    expect(generateEvent('nope')).toBeUndefined();
  });
});

describe('field errors', () => {
  it('rejects an unknown field, naming the known ones', () => {
    const err = (() => {
      try {
        build('s3-put', { bukket: 'x' });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(EventFieldError);
    expect((err as EventFieldError).field).toBe('bukket');
    expect((err as Error).message).toBe("field 'bukket' is not one of s3 put's fields: bucket, key, size, region");
    expect(() => build('s3-put', { constructor: 'x' })).toThrow(EventFieldError);
  });

  it('rejects values a field cannot take', () => {
    expect(() => build('s3-put', { size: 'big' })).toThrow("field 'size' must be a whole number, not 'big'");
    expect(() => build('eventbridge-custom', { detail: '{nope' })).toThrow(/field 'detail' must be JSON/);
    expect(() => build('dynamodb-stream', { 'stream-view-type': 'ALL' })).toThrow(/must be one of KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES/);
    expect(() => build('cognito-pre-signup', { 'trigger-source': 'PreSignUp_Nope' })).toThrow(EventFieldError);
  });
});
