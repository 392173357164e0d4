/**
 * Every trigger says who it is when it invokes: the history stores each invocation with its
 * trigger in the record's own line, never as an annotation written after the trigger's activity.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type HostFixture } from '../services/host-fixture.js';

const fn = (id: string, event: string) => `  ${id}:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Events:
        On:
${event
  .trim()
  .split('\n')
  .map((l) => `          ${l}`)
  .join('\n')}
`;

const FILES = {
  'template.yaml': `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: src/
    Timeout: 5
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: jobs
  News:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: news
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: uploads
  Items:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: items
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH
      StreamSpecification:
        StreamViewType: NEW_IMAGE
${fn('OnTick', 'Type: Schedule\nProperties:\n  Schedule: rate(1 day)')}${fn('OnHttp', 'Type: HttpApi\nProperties:\n  Path: /hello\n  Method: GET')}${fn('OnQueue', 'Type: SQS\nProperties:\n  Queue: !GetAtt Jobs.Arn')}${fn('OnTopic', 'Type: SNS\nProperties:\n  Topic: !Ref News')}${fn('OnBucket', 'Type: S3\nProperties:\n  Bucket: !Ref Uploads\n  Events: s3:ObjectCreated:*')}${fn('OnTable', 'Type: DynamoDB\nProperties:\n  Stream: !GetAtt Items.StreamArn\n  StartingPosition: TRIM_HORIZON')}  Plain:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
`,
  'src/app.js': 'exports.handler = async () => ({ statusCode: 200, body: "ok" });\n',
};

describe('the history trigger of each kind of invocation', () => {
  let h: HostFixture;
  beforeAll(async () => {
    h = await startHost(FILES);
  });
  afterAll(() => h?.close());

  /** The trigger history.get reports for the first invocation of `logicalId` pushed from `since` on, and its stored line. */
  async function storedTrigger(logicalId: string, since: number) {
    const { requestId } = await h.waitForPush('invocation', (r) => r.logicalId === logicalId, `${logicalId}'s invocation`, since);
    const { trigger } = await h.call('history.get', { requestId });
    return { requestId, trigger };
  }

  it('is written with the record, for triggers, the UI and Event invocations', async () => {
    const since = h.pushes.length;
    const { apiUrl } = await h.call('triggers.list');
    await h.call('schedules.fire', { id: 'OnTick:On' });
    expect((await fetch(`${apiUrl}/hello`)).status).toBe(200);
    await h.call('queues.send', { queue: 'jobs', body: 'job' });
    await h.call('topics.publish', { topic: 'news', message: 'hi' });
    await h.call('buckets.put', { bucket: 'uploads', key: 'in.txt', contentBase64: Buffer.from('x').toString('base64') });
    await h.call('tables.put', { table: 'items', item: '{"id":"a"}' });
    await h.call('invoke.run', { logicalId: 'Plain', payload: '{}' });
    const { requestId: asyncId } = await h.call('invoke.async', { logicalId: 'OnTick', payload: '{}' });

    const expected: Record<string, unknown> = {
      OnTick: { kind: 'schedule', route: 'schedule rate(1 day)' },
      OnHttp: { kind: 'http', route: 'http-api GET /hello' },
      OnQueue: { kind: 'sqs', route: 'sqs jobs' },
      OnTopic: { kind: 'sns', route: 'sns news' },
      OnBucket: { kind: 's3', route: 's3 uploads ObjectCreated:Put in.txt' },
      OnTable: { kind: 'dynamodb', route: expect.stringMatching(/^dynamodb items stream 1 record from \d+$/) },
      Plain: { kind: 'ui' },
    };
    const ids: string[] = [];
    for (const [logicalId, trigger] of Object.entries(expected)) {
      const stored = await storedTrigger(logicalId, since);
      expect(stored.trigger, logicalId).toEqual(trigger);
      ids.push(stored.requestId);
    }
    await h.waitForPush('invocation', (r) => r.requestId === asyncId, 'the Event invocation', since);
    expect((await h.call('history.get', { requestId: asyncId })).trigger).toEqual({ kind: 'async:lambda' });
    ids.push(asyncId);

    // One line per invocation, carrying its trigger; no annotation lines.
    const historyDir = path.join(h.dir, '.faaslab', 'history');
    const lines = readdirSync(historyDir)
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => readFileSync(path.join(historyDir, f), 'utf8').split('\n').filter(Boolean))
      .map((l) => JSON.parse(l) as { requestId: string; a?: string; trigger?: unknown });
    expect(lines.filter((l) => l.a !== undefined)).toEqual([]);
    for (const id of ids) expect(lines.filter((l) => l.requestId === id).map((l) => l.trigger !== undefined)).toEqual([true]);
  });
});
