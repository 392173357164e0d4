/**
 * triggers.addEvent: Schedule, SQS, SNS, S3 and DynamoDB events written into template.yaml in
 * place (only the new lines differ), read back by the loaders, and delivering at once; its
 * validation; eventSources in triggers.list; triggers.remove of any event type.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineDiff } from './line-diff.js';
import { startHost, type HostFixture } from './host-fixture.js';

const FILES: Record<string, string> = {
  'template.yaml': `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: src/
    Timeout: 5
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler

  Jobs:
    Type: AWS::SQS::Queue
  Alerts:
    Type: AWS::SNS::Topic
  Uploads:
    Type: AWS::S3::Bucket
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      StreamSpecification:
        StreamViewType: NEW_AND_OLD_IMAGES
  Plain:
    Type: AWS::DynamoDB::Table
    Properties:
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
`,
  'src/app.mjs': `export const handler = async (event) => ({ records: (event.Records ?? []).length });\n`,
};

describe('triggers.addEvent', () => {
  let h: HostFixture;
  beforeAll(async () => {
    h = await startHost(FILES);
  });
  afterAll(() => h?.close());

  const add = async (event: Record<string, unknown>, eventName?: string) => {
    const before = h.read('template.yaml');
    const info = await h.call('triggers.addEvent', { logicalId: 'Worker', event, ...(eventName ? { eventName } : {}) });
    const diff = lineDiff(before, h.read('template.yaml'));
    expect(diff.removed).toEqual([]);
    return { info, added: diff.added };
  };
  const activity = (trigger: string, since: number) => h.waitForPush('activity', (a) => a.trigger === trigger && a.logicalId === 'Worker', `${trigger} activity`, since);

  it('SQS: writes the event, lists it, and a message sent to the queue runs the function', async () => {
    const { info, added } = await add({ type: 'SQS', queue: 'Jobs', batchSize: 5, reportBatchItemFailures: true });
    expect(added).toEqual([
      '      Events:',
      '        JobsMessages:',
      '          Type: SQS',
      '          Properties:',
      '            Queue:',
      '              Fn::GetAtt: [Jobs, Arn]',
      '            BatchSize: 5',
      '            FunctionResponseTypes: [ReportBatchItemFailures]',
    ]);
    expect(info.eventSources).toContainEqual(expect.objectContaining({ kind: 'sqs', logicalId: 'Worker', eventName: 'JobsMessages', resource: 'Jobs', settings: 'batch 5 · ReportBatchItemFailures' }));
    expect((await h.call('queues.list')).find((q) => q.logicalId === 'Jobs')?.consumers).toEqual(['Worker']);
    const since = h.pushes.length;
    await h.call('queues.send', { queue: 'Jobs', body: 'hello' });
    expect(await activity('sqs', since)).toMatchObject({ status: 'success' });
  });

  it('SNS: a message published to the topic reaches the function', async () => {
    const { added } = await add({ type: 'SNS', topic: 'Alerts' });
    expect(added).toEqual(['        AlertsNotifications:', '          Type: SNS', '          Properties:', '            Topic:', '              Ref: Alerts']);
    const since = h.pushes.length;
    expect(await h.call('topics.publish', { topic: 'Alerts', message: 'hi' })).toMatchObject({ delivered: 1 });
    await activity('sns', since);
  });

  it('S3: events and key filters; an object put with the prefix notifies the function', async () => {
    const { info, added } = await add({ type: 'S3', bucket: 'Uploads', events: ['s3:ObjectCreated:*'], prefix: 'in/', suffix: '.txt' });
    expect(added).toEqual([
      '        UploadsObjects:',
      '          Type: S3',
      '          Properties:',
      '            Bucket:',
      '              Ref: Uploads',
      '            Events: "s3:ObjectCreated:*"',
      '            Filter:',
      '              S3Key:',
      '                Rules: [{Name: prefix, Value: in/}, {Name: suffix, Value: ".txt"}]',
    ]);
    expect(info.eventSources?.find((s) => s.kind === 's3')).toMatchObject({ resource: 'Uploads', settings: 's3:ObjectCreated:* · prefix in/ · suffix .txt' });
    const since = h.pushes.length;
    await h.call('buckets.put', { bucket: 'Uploads', key: 'in/a.txt', contentBase64: Buffer.from('a').toString('base64') });
    await activity('s3', since);
  });

  it('DynamoDB: a stream event; an item written runs the function', async () => {
    const { added } = await add({ type: 'DynamoDB', table: 'Orders', startingPosition: 'LATEST', batchSize: 20 }, 'OrderChanges');
    expect(added).toEqual([
      '        OrderChanges:',
      '          Type: DynamoDB',
      '          Properties:',
      '            Stream:',
      '              Fn::GetAtt: [Orders, StreamArn]',
      '            StartingPosition: LATEST',
      '            BatchSize: 20',
    ]);
    const since = h.pushes.length;
    await h.call('tables.put', { table: 'Orders', item: '{"id": "1"}' });
    await activity('dynamodb', since);
  });

  it('Schedule: validated with the schedule parser, then listed with its next fire times', async () => {
    const bad = await h.failure('triggers.addEvent', { logicalId: 'Worker', event: { type: 'Schedule', schedule: 'rate(10 minute)' } });
    expect(bad).toMatchObject({ code: 'ValidationError', fields: { schedule: expect.stringContaining('minutes') } });
    const { info, added } = await add({ type: 'Schedule', schedule: 'rate(10 minutes)', enabled: false, input: '{"a": 1}' });
    expect(added).toEqual([
      '        Schedule:',
      '          Type: Schedule',
      '          Properties:',
      '            Schedule: rate(10 minutes)',
      '            Enabled: false',
      '            Input: "{\\"a\\": 1}"',
    ]);
    expect(info.schedules.find((s) => s.id === 'Worker:Schedule')).toMatchObject({ description: 'every 10 minutes', enabled: false });
  });

  it('refuses missing or wrong resources, a table without a stream, bounds and taken names, leaving the template alone', async () => {
    const before = h.read('template.yaml');
    const fail = (event: Record<string, unknown>, eventName?: string) => h.failure('triggers.addEvent', { logicalId: 'Worker', event, ...(eventName ? { eventName } : {}) });
    expect(await fail({ type: 'SQS', queue: 'Nope' })).toMatchObject({ code: 'ValidationError', fields: { queue: 'template.yaml has no resource Nope' } });
    expect(await fail({ type: 'SQS', queue: 'Alerts' })).toMatchObject({ fields: { queue: 'Alerts is a AWS::SNS::Topic, not an AWS::SQS::Queue' } });
    expect(await fail({ type: 'SQS', queue: 'Jobs', batchSize: 50 })).toMatchObject({ fields: { batchSize: expect.stringContaining('batching window') } });
    expect(await fail({ type: 'SQS', queue: 'Jobs', batchSize: 0, batchingWindowSeconds: 301 })).toMatchObject({
      fields: { batchSize: 'must be a whole number from 1 to 10000', batchingWindowSeconds: 'must be a whole number from 0 to 300' },
    });
    expect(await fail({ type: 'SNS', topic: 'Jobs' })).toMatchObject({ fields: { topic: expect.any(String) } });
    expect(await fail({ type: 'S3', bucket: 'Uploads', events: [] })).toMatchObject({ fields: { events: expect.any(String) } });
    expect(await fail({ type: 'S3', bucket: 'Orders', events: ['s3:Nothing'] })).toMatchObject({ fields: { bucket: expect.any(String), events: 'not an S3 event type: s3:Nothing' } });
    expect(await fail({ type: 'DynamoDB', table: 'Plain', startingPosition: 'LATEST' })).toMatchObject({ fields: { table: expect.stringContaining('has no stream') } });
    expect(await fail({ type: 'DynamoDB', table: 'Orders', startingPosition: 'LATEST', batchSize: 10_001 })).toMatchObject({ fields: { batchSize: expect.any(String) } });
    expect(await fail({ type: 'SNS', topic: 'Alerts' }, 'OrderChanges')).toMatchObject({ code: 'Conflict', fields: { eventName: 'already used' } });
    expect(await fail({ type: 'Kinesis', stream: 'x' })).toMatchObject({ code: 'ValidationError' });
    expect(h.read('template.yaml')).toBe(before);
  });

  it('a default name is made unique; triggers.remove takes out any event type', async () => {
    const { info } = await add({ type: 'SQS', queue: 'Jobs', batchSize: 100, batchingWindowSeconds: 2 });
    expect(info.eventSources?.find((s) => s.eventName === 'JobsMessages2')).toMatchObject({ settings: 'batch 100 · window 2 s' });
    for (const name of ['JobsMessages', 'JobsMessages2', 'AlertsNotifications', 'UploadsObjects', 'OrderChanges', 'Schedule']) {
      await h.call('triggers.remove', { logicalId: 'Worker', eventName: name });
    }
    expect(h.read('template.yaml')).toBe(FILES['template.yaml']);
    const list = await h.call('triggers.list');
    expect(list.eventSources).toEqual([]);
    expect(list.schedules).toEqual([]);
  });
});
