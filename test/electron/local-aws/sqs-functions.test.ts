/**
 * The local SQS as functions and older clients reach it: a Node.js function's unchanged SDK call
 * (the QueueUrl from !Ref, the endpoint from AWS_ENDPOINT_URL) lands in the workspace queue,
 * whose event source mapping invokes another function with the message; and Debian's boto3 1.26,
 * which speaks SQS's query protocol (Action=... forms, XML answers), from the test process.
 */
import { runPython } from './python.js';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvocationRecord } from '../../../shared/domain/invocation.js';
import { startHost, type HostFixture } from '../services/host-fixture.js';

const FILES = {
  'template.yaml': `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    Timeout: 10
Resources:
  WorkQueue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: work
  Plain:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: plain
  Sender:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: sender/
      Handler: index.handler
      Environment:
        Variables:
          QUEUE_URL: !Ref WorkQueue
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: worker/
      Handler: index.handler
      Events:
        Work:
          Type: SQS
          Properties:
            Queue: !GetAtt WorkQueue.Arn
            BatchSize: 1
`,
  'sender/index.mjs': `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const sqs = new SQSClient({});
export const handler = async (event) => {
  const out = await sqs.send(new SendMessageCommand({
    QueueUrl: process.env.QUEUE_URL,
    MessageBody: JSON.stringify(event),
    MessageAttributes: { origin: { DataType: 'String', StringValue: 'sender' } },
  }));
  return { messageId: out.MessageId };
};
`,
  'worker/index.mjs': `export const handler = async (event) => ({
  bodies: event.Records.map((r) => r.body),
  origins: event.Records.map((r) => r.messageAttributes.origin?.stringValue),
  ids: event.Records.map((r) => r.messageId),
});
`,
};

describe('the local SQS from functions and boto3', () => {
  let f: HostFixture;
  beforeAll(async () => {
    f = await startHost(FILES);
  });
  afterAll(() => f?.close());

  it("delivers a function's SendMessage to the queue's event source mapping, which invokes the other function with it", async () => {
    const since = f.pushes.length;
    const sent = await f.call('invoke.run', { logicalId: 'Sender', payload: JSON.stringify({ order: 7 }) });
    expect(sent.status).toBe('success');
    const { messageId } = sent.response as { messageId: string };
    expect(sent.awsCalls).toEqual([expect.objectContaining({ service: 'sqs', operation: 'SendMessage', resource: 'work', status: 200 })]);

    const worker = (await f.waitForPush('invocation', (r) => (r as InvocationRecord).logicalId === 'Worker', 'the worker invocation', since)) as InvocationRecord;
    expect(worker.status).toBe('success');
    expect(worker.response).toEqual({ bodies: [JSON.stringify({ order: 7 })], origins: ['sender'], ids: [messageId] });
    // The workbench's queue view is told (pushes come only from a queue's changes, debounced, so the message may be gone by then).
    await f.waitForPush('queues', (qs) => qs.some((q) => q.logicalId === 'WorkQueue'), 'a queues push', since);
  });

  it('speaks the query protocol to boto3 1.26: send, receive, delete, attributes, and errors as botocore raises them', async () => {
    const script = `
import json, sys, boto3
sqs = boto3.client("sqs", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y")
url = sqs.get_queue_url(QueueName="plain")["QueueUrl"]
sent = sqs.send_message(QueueUrl=url, MessageBody="from boto3", MessageAttributes={"k": {"DataType": "String", "StringValue": "v"}, "n": {"DataType": "Number", "StringValue": "3"}})
batch = sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": "a", "MessageBody": "second"}, {"Id": "b", "MessageBody": "x", "DelaySeconds": 1000}])
got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=["All"], AttributeNames=["All"], WaitTimeSeconds=1)
attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
for m in got["Messages"]:
    sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
after = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
try:
    sqs.send_message(QueueUrl=url + "-missing", MessageBody="x")
    missing = None
except sqs.exceptions.QueueDoesNotExist as err:
    missing = {"code": err.response["Error"]["Code"], "message": err.response["Error"]["Message"], "status": err.response["ResponseMetadata"]["HTTPStatusCode"]}
try:
    sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=50)
    invalid = None
except sqs.exceptions.ClientError as err:
    invalid = {"code": err.response["Error"]["Code"], "message": err.response["Error"]["Message"]}
print(json.dumps({"url": url, "sent": sent, "batch": batch, "got": got["Messages"], "attrs": attrs, "after": after, "missing": missing, "invalid": invalid, "queues": sqs.list_queues()["QueueUrls"]}))
`;
    const out = await runPython(script, f.host.awsEndpoint);
    expect(out.url).toBe(`${f.host.awsEndpoint}/123456789012/plain`);
    expect(out.sent).toMatchObject({
      MD5OfMessageBody: createHash('md5').update('from boto3').digest('hex'),
      MessageId: expect.any(String),
      MD5OfMessageAttributes: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(out.batch.Successful.map((e: { Id: string }) => e.Id)).toEqual(['a']);
    expect(out.batch.Failed).toEqual([expect.objectContaining({ Id: 'b', Code: 'InvalidParameterValue', SenderFault: true })]);
    expect(out.got.map((m: { Body: string }) => m.Body)).toEqual(['from boto3', 'second']);
    expect(out.got[0].MessageId).toBe(out.sent.MessageId);
    expect(out.got[0].MD5OfMessageAttributes).toBe(out.sent.MD5OfMessageAttributes);
    expect(out.got[0].MessageAttributes).toEqual({ k: { StringValue: 'v', DataType: 'String' }, n: { StringValue: '3', DataType: 'Number' } });
    expect(out.got[0].Attributes).toMatchObject({ ApproximateReceiveCount: '1' });
    expect(out.attrs).toMatchObject({ ApproximateNumberOfMessagesNotVisible: '2', QueueArn: 'arn:aws:sqs:us-east-1:123456789012:plain' });
    expect(out.after).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
    expect(out.missing).toEqual({ code: 'AWS.SimpleQueueService.NonExistentQueue', message: 'The specified queue does not exist.', status: 400 });
    expect(out.invalid).toEqual({ code: 'InvalidParameterValue', message: 'Value 50 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.' });
    expect(out.queues).toEqual([`${f.host.awsEndpoint}/123456789012/plain`, `${f.host.awsEndpoint}/123456789012/work`]);
  });

  it("answers the query protocol's older form (Action posted to the queue's own URL) in SQS's XML with its namespace", async () => {
    const post = (path: string, form: Record<string, string>) =>
      fetch(`${f.host.awsEndpoint}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
    const sent = await post('/123456789012/plain', {
      Action: 'SendMessage',
      MessageBody: 'posted',
      'MessageAttribute.1.Name': 'a',
      'MessageAttribute.1.Value.DataType': 'String',
      'MessageAttribute.1.Value.StringValue': 'v',
    });
    expect(sent.status).toBe(200);
    const xml = await sent.text();
    expect(xml).toContain('<SendMessageResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><SendMessageResult>');
    expect(xml).toContain(`<MD5OfMessageBody>${createHash('md5').update('posted').digest('hex')}</MD5OfMessageBody>`);
    expect(xml).toMatch(/<MD5OfMessageAttributes>[0-9a-f]{32}<\/MD5OfMessageAttributes>/);
    expect((await f.call('queues.messages', { queue: 'Plain' })).map((m) => m.body)).toEqual(['posted']);
    await f.call('queues.purge', { queue: 'Plain' });

    const missing = await post('/', { Action: 'GetQueueUrl', QueueName: 'nope' });
    expect(missing.status).toBe(400);
    const error = await missing.text();
    expect(error).toContain('<ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code>');
    expect(error).toContain('<Message>The specified queue does not exist.</Message>');
  });
});
