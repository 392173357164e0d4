/**
 * Queues, the SQS event source, topics and async invocations in a real host with a real engine
 * (function processes) and, for Event invocations, the real Invoke API over HTTP.
 * FAASLAB_ASYNC_RETRY_SCALE makes Lambda's 1 and 2 minute retry delays 60 and 120 ms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvocationRecord } from '../../../../shared/domain/invocation.js';
import { startHostServer, type HostServer } from '../../../../electron/servers/host-server.js';
import { startHost, type HostFixture } from '../../services/host-fixture.js';
import { sleep, waitFor } from '../../../helpers/functions.js';

/** waitFor for an async check. */
async function poll<T>(check: () => Promise<T | undefined | false>, what: string, limitMs = 10_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(20);
  }
}

process.env.FAASLAB_ASYNC_RETRY_SCALE = '0.001';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: src/
    Timeout: 5
Resources:
  MainQueue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 2
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt MainDlq.Arn
        maxReceiveCount: 2
  MainDlq:
    Type: AWS::SQS::Queue
  ThrowQueue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: throw-queue
      VisibilityTimeout: 1
  TopicQueue:
    Type: AWS::SQS::Queue
  SuccessQueue:
    Type: AWS::SQS::Queue
  FailureQueue:
    Type: AWS::SQS::Queue
  FnDlq:
    Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: orders
      Subscription:
        - Protocol: sqs
          Endpoint: !GetAtt TopicQueue.Arn
  Consumer:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.partial
      Events:
        Main:
          Type: SQS
          Properties:
            Queue: !GetAtt MainQueue.Arn
            BatchSize: 5
            MaximumBatchingWindowInSeconds: 1
            FunctionResponseTypes: [ReportBatchItemFailures]
  Thrower:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.thrower
      Events:
        Throw:
          Type: SQS
          Properties:
            Queue: !GetAtt ThrowQueue.Arn
  SnsA:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.echo
      Events:
        Orders:
          Type: SNS
          Properties:
            Topic: !Ref Topic
  SnsB:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.echo
      Events:
        RedOrders:
          Type: SNS
          Properties:
            Topic: !Ref Topic
            FilterPolicy:
              color: [red]
  Flaky:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.flaky
      EventInvokeConfig:
        DestinationConfig:
          OnSuccess:
            Type: SQS
            Destination: !GetAtt SuccessQueue.Arn
  AlwaysFails:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.fail
      DeadLetterQueue:
        Type: SQS
        TargetArn: !GetAtt FnDlq.Arn
      EventInvokeConfig:
        MaximumRetryAttempts: 2
        MaximumEventAgeInSeconds: 600
        DestinationConfig:
          OnFailure:
            Type: SQS
            Destination: !GetAtt FailureQueue.Arn
  Echo:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.echo
`;
const APP = `
const tries = {};
export const echo = async (event) => event;
export const partial = async (event) => ({
  batchItemFailures: event.Records.filter((r) => r.body.includes('fail')).map((r) => ({ itemIdentifier: r.messageId })),
  records: event.Records,
});
export const thrower = async (event) => { if (event.Records.some((r) => r.body === 'boom')) throw new Error('boom'); return 'ok'; };
export const flaky = async (event) => {
  tries[event.key] = (tries[event.key] ?? 0) + 1;
  if (tries[event.key] < 3) throw new Error('try ' + tries[event.key]);
  return { ok: true, tries: tries[event.key] };
};
export const fail = async () => { throw new Error('always'); };
`;

let h: HostFixture;
const records = (logicalId: string) => h.pushes.filter((p) => p.event === 'invocation' && p.data.logicalId === logicalId).map((p) => p.data as InvocationRecord);
const queue = async (id: string) => (await h.call('queues.list')).find((q) => q.logicalId === id)!;
const messages = (id: string) => h.call('queues.messages', { queue: id });

beforeAll(async () => {
  h = await startHost({ 'template.yaml': TEMPLATE, 'src/app.mjs': APP });
});
afterAll(async () => {
  await h?.close();
});

describe('queues and topics in the host', () => {
  it('lists queues with their DLQ settings and topics with their subscribers', async () => {
    const queues = await h.call('queues.list');
    expect(queues.find((q) => q.logicalId === 'MainQueue')).toMatchObject({
      queueName: 'local-MainQueue',
      arn: 'arn:aws:sqs:us-east-1:123456789012:local-MainQueue',
      deadLetterTarget: 'MainDlq',
      maxReceiveCount: 2,
      isDeadLetterQueue: false,
      consumers: ['Consumer'],
    });
    expect(queues.find((q) => q.logicalId === 'MainDlq')).toMatchObject({ isDeadLetterQueue: true });
    const [topic] = await h.call('topics.list');
    expect(topic).toMatchObject({ topicName: 'orders', arn: 'arn:aws:sns:us-east-1:123456789012:orders' });
    expect(topic!.subscriptions.map((s) => `${s.protocol}:${s.target}`)).toEqual(['sqs:TopicQueue', 'lambda:SnsA', 'lambda:SnsB']);
    const info = await h.call('triggers.list');
    expect(info.problems).toEqual([]);
  });

  it('delivers a batch of the SQS event shape and deletes it on success', async () => {
    const sent = await h.call('queues.send', { queue: 'MainQueue', body: '{"n":1}' });
    await h.call('queues.send', { queue: 'local-MainQueue', body: '{"n":2}' });
    const record = await waitFor(() => records('Consumer').find((r) => r.status === 'success'), 'the consumer ran');
    const batch = (record.response as { records: Array<Record<string, unknown>> }).records;
    expect(batch).toHaveLength(2); // the batching window gathered both
    expect(batch[0]).toMatchObject({
      messageId: sent.messageId,
      body: '{"n":1}',
      md5OfBody: sent.md5OfBody,
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:local-MainQueue',
      awsRegion: 'us-east-1',
      attributes: expect.objectContaining({ ApproximateReceiveCount: '1', SentTimestamp: expect.stringMatching(/^\d+$/), ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d+$/) }),
    });
    expect(batch[0]!.receiptHandle).toEqual(expect.any(String));
    await h.waitForPush('queues', (qs) => qs.some((q) => q.logicalId === 'MainQueue' && q.visible + q.inFlight === 0));
    expect(h.pushes.some((p) => p.event === 'activity' && p.data.trigger === 'sqs' && p.data.route === 'local-MainQueue')).toBe(true);
  });

  it('partial batch failure: only the reported message reappears, and lands in the DLQ after maxReceiveCount', async () => {
    const bad = await h.call('queues.send', { queue: 'MainQueue', body: 'please fail' });
    await h.call('queues.send', { queue: 'MainQueue', body: 'fine' });
    const dead = await poll(async () => (await messages('MainDlq')).find((m) => m.messageId === bad.messageId), 'the failed message in the DLQ', 15_000);
    expect(dead).toMatchObject({ body: 'please fail', deadLetterSourceArn: 'arn:aws:sqs:us-east-1:123456789012:local-MainQueue' });
    const seen = records('Consumer').flatMap((r) => (r.response as { records: Array<{ body: string; attributes: { ApproximateReceiveCount: string } }> }).records);
    expect(seen.filter((r) => r.body === 'fine')).toHaveLength(1);
    expect(seen.filter((r) => r.body === 'please fail').map((r) => r.attributes.ApproximateReceiveCount)).toEqual(['1', '2']);
    expect(await messages('MainQueue')).toEqual([]);
  }, 20_000);

  it('whole-batch failure: a thrown error leaves every message to reappear after the visibility timeout', async () => {
    await h.call('queues.send', { queue: 'ThrowQueue', body: 'boom' });
    await waitFor(() => records('Thrower').length >= 2, 'two attempts', 10_000);
    const [m] = await messages('throw-queue');
    expect(m!.receiveCount).toBeGreaterThanOrEqual(2);
    expect((await queue('ThrowQueue')).visible + (await queue('ThrowQueue')).inFlight).toBe(1);
    await h.call('queues.purge', { queue: 'ThrowQueue' });
  }, 15_000);

  it('SNS fans out to two functions (one through a filter policy) and a queue', async () => {
    const since = h.pushes.length;
    const { messageId, delivered } = await h.call('topics.publish', { topic: 'orders', message: '{"order":7}', subject: 'New', messageAttributes: { color: 'red' } });
    expect(delivered).toBe(3);
    for (const fn of ['SnsA', 'SnsB']) {
      const r = await waitFor(() => records(fn).find((x) => JSON.stringify(x.response).includes(messageId)), `${fn} got it`);
      const sns = (r.response as { Records: Array<{ EventSource: string; Sns: Record<string, unknown> }> }).Records[0]!;
      expect(sns.EventSource).toBe('aws:sns');
      expect(sns.Sns).toMatchObject({
        Type: 'Notification',
        MessageId: messageId,
        TopicArn: 'arn:aws:sns:us-east-1:123456789012:orders',
        Subject: 'New',
        Message: '{"order":7}',
        MessageAttributes: { color: { Type: 'String', Value: 'red' } },
      });
    }
    const [m] = await messages('TopicQueue');
    expect(JSON.parse(m!.body)).toMatchObject({ Type: 'Notification', MessageId: messageId, Message: '{"order":7}', Subject: 'New' });
    await h.waitForPush('activity', (a) => a.trigger === 'sns' && a.route === 'orders', 'sns activity', since);
    // Filtered out: SnsB does not get a blue one.
    const blue = await h.call('topics.publish', { topic: 'Topic', message: 'blue', messageAttributes: { color: 'blue' } });
    expect(blue.delivered).toBe(2);
  });
});

describe('async invocations', () => {
  let server: HostServer;
  beforeAll(async () => {
    server = await startHostServer(h.host, { log: () => {} });
  });
  afterAll(async () => {
    await server?.close();
  });
  const invokeEvent = (fn: string, payload: unknown) =>
    fetch(`${server.url}/2015-03-31/functions/${fn}/invocations`, { method: 'POST', headers: { 'X-Amz-Invocation-Type': 'Event' }, body: JSON.stringify(payload) });

  it('retries a failing Event invocation from the Invoke API: fails twice, succeeds on the third, OnSuccess gets the record', async () => {
    const res = await invokeEvent('Flaky', { key: 'k1' });
    expect(res.status).toBe(202);
    const requestId = res.headers.get('x-amzn-requestid');
    const [m] = await poll(
      async () => {
        const ms = await messages('SuccessQueue');
        return ms.length ? ms : undefined;
      },
      'the OnSuccess record',
      10_000,
    );
    const rec = JSON.parse(m!.body);
    expect(rec).toMatchObject({
      version: '1.0',
      requestContext: { condition: 'Success', approximateInvokeCount: 3, functionArn: expect.stringMatching(/^arn:aws:lambda:us-east-1:123456789012:function:.+:\$LATEST$/) },
      requestPayload: { key: 'k1' },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      responsePayload: { ok: true, tries: 3 },
    });
    if (requestId) expect(rec.requestContext.requestId).toBe(requestId);
    expect(records('Flaky').map((r) => r.status)).toEqual(['error', 'error', 'success']);
  });

  it('always failing: 3 attempts, an OnFailure record with RetriesExhausted, and the raw event in the DLQ', async () => {
    const res = await invokeEvent('AlwaysFails', { id: 42 });
    expect(res.status).toBe(202);
    const [f] = await poll(
      async () => {
        const ms = await messages('FailureQueue');
        return ms.length ? ms : undefined;
      },
      'the OnFailure record',
      10_000,
    );
    const rec = JSON.parse(f!.body);
    expect(rec).toMatchObject({
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: { id: 42 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'Error', errorMessage: 'always' },
    });
    const [d] = await poll(async () => {
      const ms = await messages('FnDlq');
      return ms.length ? ms : undefined;
    }, 'the DLQ message');
    expect(JSON.parse(d!.body)).toEqual({ id: 42 });
    expect(d!.messageAttributes).toEqual({ RequestID: rec.requestContext.requestId, ErrorCode: '200', ErrorMessage: 'always' });
    expect(records('AlwaysFails')).toHaveLength(3);
  });

  it('the 202 is immediate, before the function runs', async () => {
    const before = records('Echo').length;
    const res = await invokeEvent('Echo', { hi: 1 });
    expect(res.status).toBe(202);
    expect(records('Echo').length).toBe(before);
    await waitFor(() => records('Echo').length > before, 'the Event invocation ran');
  });
});
