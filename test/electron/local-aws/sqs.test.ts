/**
 * The local SQS from the test process with the real @aws-sdk/client-sqs (the JSON protocol, which
 * checks the MD5s of what it sends and receives) against a real host: every operation, the
 * workspace's queues behind them, long polling, FIFO deduplication, and SQS's errors as the SDK
 * surfaces them.
 */
import { createHash } from 'node:crypto';
import {
  CreateQueueCommand,
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  PurgeQueueCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type HostFixture } from '../services/host-fixture.js';

const FILES = {
  'template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  Plain:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: plain
      VisibilityTimeout: 40
  Waiting:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: waiting
  Patient:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: patient
      ReceiveMessageWaitTimeSeconds: 20
  Main:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: main
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Dlq.Arn
        maxReceiveCount: 3
  Dlq:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: main-dlq
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: orders.fifo
      FifoQueue: true
  ByContent:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: by-content.fifo
      FifoQueue: true
      ContentBasedDeduplication: true
`,
};

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

describe('the local SQS over the JSON protocol', () => {
  let f: HostFixture;
  let sqs: SQSClient;
  let base: string;
  beforeAll(async () => {
    f = await startHost(FILES);
    sqs = new SQSClient({ endpoint: f.host.awsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    base = `${f.host.awsEndpoint}/123456789012`;
  });
  afterAll(() => f?.close());

  it('answers GetQueueUrl with the endpoint-based URL and lists the workspace queues', async () => {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'plain' }));
    expect(QueueUrl).toBe(`${base}/plain`);
    const all = await sqs.send(new ListQueuesCommand({}));
    expect(all.QueueUrls).toEqual(['by-content.fifo', 'main', 'main-dlq', 'orders.fifo', 'patient', 'plain', 'waiting'].map((n) => `${base}/${n}`));
    const some = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'main' }));
    expect(some.QueueUrls).toEqual([`${base}/main`, `${base}/main-dlq`]);
    const page1 = await sqs.send(new ListQueuesCommand({ MaxResults: 4 }));
    expect(page1.QueueUrls).toHaveLength(4);
    const page2 = await sqs.send(new ListQueuesCommand({ MaxResults: 4, NextToken: page1.NextToken }));
    expect(page2.QueueUrls).toEqual([`${base}/patient`, `${base}/plain`, `${base}/waiting`]);
    expect(page2.NextToken).toBeUndefined();
  });

  it('sends into the workspace queue with SQS checksums, and receives with attributes; a real-looking URL names the same queue', async () => {
    const attrs = {
      kind: { DataType: 'String', StringValue: 'order' },
      count: { DataType: 'Number', StringValue: '42' },
      blob: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 1, 2, 255]) },
      'x.custom': { DataType: 'String.json', StringValue: '{"a":1}' },
    };
    // The SDK verifies MD5OfMessageBody itself; the attributes' MD5 is checked here against its known encoding.
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/plain', MessageBody: 'héllo', MessageAttributes: attrs }));
    expect(sent.MD5OfMessageBody).toBe(md5('héllo'));
    expect(sent.MD5OfMessageAttributes).toBe(expectedAttributesMd5(attrs));
    const listed = await f.call('queues.messages', { queue: 'Plain' });
    expect(listed).toEqual([expect.objectContaining({ messageId: sent.MessageId, body: 'héllo', state: 'visible' })]);

    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${base}/plain`, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }));
    expect(got.Messages).toHaveLength(1);
    const m = got.Messages![0]!;
    expect(m).toMatchObject({ MessageId: sent.MessageId, Body: 'héllo', MD5OfBody: md5('héllo'), MD5OfMessageAttributes: sent.MD5OfMessageAttributes });
    expect(m.MessageAttributes!.blob!.BinaryValue).toEqual(new Uint8Array([0, 1, 2, 255]));
    expect(m.MessageAttributes!['x.custom']).toEqual({ DataType: 'String.json', StringValue: '{"a":1}' });
    expect(m.Attributes).toMatchObject({ ApproximateReceiveCount: '1', SenderId: expect.any(String), SentTimestamp: expect.stringMatching(/^\d+$/) });
    // In flight for the queue's VisibilityTimeout (40 s).
    expect(await f.call('queues.messages', { queue: 'Plain' })).toEqual([expect.objectContaining({ state: 'inFlight', receiveCount: 1 })]);
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${base}/plain` }))).Messages).toBeUndefined();

    await sqs.send(new DeleteMessageCommand({ QueueUrl: `${base}/plain`, ReceiptHandle: m.ReceiptHandle }));
    expect(await f.call('queues.messages', { queue: 'Plain' })).toEqual([]);
  });

  it('selects message attributes by name and prefix, and system attributes by name', async () => {
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: `${base}/plain`,
        MessageBody: 'b',
        MessageAttributes: { 'a.one': { DataType: 'String', StringValue: '1' }, 'a.two': { DataType: 'String', StringValue: '2' }, other: { DataType: 'String', StringValue: '3' } },
      }),
    );
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${base}/plain`, MessageAttributeNames: ['a.*'], MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
    const m = got.Messages![0]!;
    expect(Object.keys(m.MessageAttributes!).sort()).toEqual(['a.one', 'a.two']);
    expect(m.MD5OfMessageAttributes).toBe(expectedAttributesMd5({ 'a.one': { DataType: 'String', StringValue: '1' }, 'a.two': { DataType: 'String', StringValue: '2' } }));
    expect(m.Attributes).toEqual({ ApproximateReceiveCount: '1' });
    await sqs.send(new DeleteMessageCommand({ QueueUrl: `${base}/plain`, ReceiptHandle: m.ReceiptHandle }));
  });

  it('keeps the AWSTraceHeader system attribute, answering its checksum', async () => {
    const header = 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1';
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: `${base}/plain`, MessageBody: 'traced', MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: header } } }));
    expect(sent.MD5OfMessageSystemAttributes).toBe(expectedAttributesMd5({ AWSTraceHeader: { DataType: 'String', StringValue: header } }));
    expect(sent.MD5OfMessageAttributes).toBeUndefined();
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${base}/plain`, MessageSystemAttributeNames: ['AWSTraceHeader'] }));
    expect(got.Messages![0]!.Attributes).toEqual({ AWSTraceHeader: header });
    await sqs.send(new DeleteMessageCommand({ QueueUrl: `${base}/plain`, ReceiptHandle: got.Messages![0]!.ReceiptHandle }));
  });

  it('sends, changes visibility and deletes in batches, reporting each entry', async () => {
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: `${base}/main`,
        Entries: [
          { Id: 'a', MessageBody: 'one' },
          { Id: 'b', MessageBody: 'two', DelaySeconds: 900 },
          { Id: 'bad', MessageBody: 'three', DelaySeconds: 901 },
        ],
      }),
    );
    expect(sent.Successful!.map((s) => [s.Id, s.MD5OfMessageBody])).toEqual([
      ['a', md5('one')],
      ['b', md5('two')],
    ]);
    expect(sent.Failed).toEqual([
      { Id: 'bad', SenderFault: true, Code: 'InvalidParameterValue', Message: 'Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.' },
    ]);

    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: `${base}/main`, AttributeNames: ['All'] }));
    expect(attrs.Attributes).toMatchObject({
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '1',
      QueueArn: 'arn:aws:sqs:us-east-1:123456789012:main',
      VisibilityTimeout: '30',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:main-dlq', maxReceiveCount: 3 }),
    });
    expect(attrs.Attributes!.FifoQueue).toBeUndefined();

    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${base}/main`, VisibilityTimeout: 600 }));
    const handle = got.Messages![0]!.ReceiptHandle!;
    const counts = async () =>
      (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: `${base}/main`, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }))).Attributes;
    expect(await counts()).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '1' });
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: `${base}/main`, ReceiptHandle: handle, VisibilityTimeout: 0 }));
    expect(await counts()).toEqual({ ApproximateNumberOfMessages: '1', ApproximateNumberOfMessagesNotVisible: '0' });

    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${base}/main`, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
    expect(again.Messages![0]!.Attributes).toEqual({ ApproximateReceiveCount: '2' });
    const h2 = again.Messages![0]!.ReceiptHandle!;
    const changed = await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: `${base}/main`,
        Entries: [
          { Id: 'ok', ReceiptHandle: h2, VisibilityTimeout: 0 },
          { Id: 'garbage', ReceiptHandle: 'not-a-handle', VisibilityTimeout: 0 },
        ],
      }),
    );
    expect(changed.Successful).toEqual([{ Id: 'ok' }]);
    expect(changed.Failed).toEqual([expect.objectContaining({ Id: 'garbage', Code: 'ReceiptHandleIsInvalid', SenderFault: true })]);

    const third = await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${base}/main` }));
    const deleted = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: `${base}/main`,
        Entries: [
          { Id: 'x', ReceiptHandle: third.Messages![0]!.ReceiptHandle },
          { Id: 'y', ReceiptHandle: 'nope' },
        ],
      }),
    );
    expect(deleted.Successful).toEqual([{ Id: 'x' }]);
    expect(deleted.Failed).toEqual([expect.objectContaining({ Id: 'y', Code: 'ReceiptHandleIsInvalid' })]);
    expect(await counts()).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });

    await sqs.send(new PurgeQueueCommand({ QueueUrl: `${base}/main` }));
    expect((await sqs.send(new GetQueueAttributesCommand({ QueueUrl: `${base}/main`, AttributeNames: ['ApproximateNumberOfMessagesDelayed'] }))).Attributes).toEqual({
      ApproximateNumberOfMessagesDelayed: '0',
    });
  });

  it('long polling answers as soon as a message arrives, and an empty poll waits its WaitTimeSeconds', async () => {
    const t0 = Date.now();
    const empty = await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${base}/waiting`, WaitTimeSeconds: 1 }));
    expect(empty.Messages).toBeUndefined();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);

    let answered = false;
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl: `${base}/waiting`, WaitTimeSeconds: 20 })).then((r) => {
      answered = true;
      return r;
    });
    // The poll is still open (held by the queue's waiter) until something is sent.
    await new Promise((r) => setTimeout(r, 300));
    expect(answered).toBe(false);
    await f.call('queues.send', { queue: 'Waiting', body: 'wake up' });
    const got = await polling;
    expect(got.Messages!.map((m) => m.Body)).toEqual(['wake up']);

    // A queue's ReceiveMessageWaitTimeSeconds makes a receive without WaitTimeSeconds a long poll.
    expect((await sqs.send(new GetQueueAttributesCommand({ QueueUrl: `${base}/patient`, AttributeNames: ['ReceiveMessageWaitTimeSeconds'] }))).Attributes).toEqual({
      ReceiveMessageWaitTimeSeconds: '20',
    });
    const patient = sqs.send(new ReceiveMessageCommand({ QueueUrl: `${base}/patient` }));
    await new Promise((r) => setTimeout(r, 300));
    await sqs.send(new SendMessageCommand({ QueueUrl: `${base}/patient`, MessageBody: 'worth the wait' }));
    expect((await patient).Messages!.map((m) => m.Body)).toEqual(['worth the wait']);
  });

  it('FIFO: requires a MessageGroupId, deduplicates by id for 5 minutes (or by content), and answers with sequence numbers', async () => {
    const url = `${base}/orders.fifo`;
    const first = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'o1', MessageGroupId: 'g', MessageDeduplicationId: 'd1' }));
    expect(first.SequenceNumber).toMatch(/^\d+$/);
    const dup = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'o1', MessageGroupId: 'g', MessageDeduplicationId: 'd1' }));
    expect(dup.MessageId).toBe(first.MessageId);
    const second = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'o2', MessageGroupId: 'g', MessageDeduplicationId: 'd2' }));
    expect(BigInt(second.SequenceNumber!)).toBeGreaterThan(BigInt(first.SequenceNumber!));
    expect((await f.call('queues.messages', { queue: 'Orders' })).map((m) => m.body)).toEqual(['o1', 'o2']);

    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'] }));
    // One group: only its first message is handed out until that one is deleted.
    expect(got.Messages!.map((m) => m.Body)).toEqual(['o1']);
    expect(got.Messages![0]!.Attributes).toMatchObject({ MessageGroupId: 'g', MessageDeduplicationId: 'd1', SequenceNumber: first.SequenceNumber });

    await expect(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageDeduplicationId: 'd3' }))).rejects.toMatchObject({
      name: 'MissingParameter',
      message: 'The request must contain the parameter MessageGroupId.',
    });
    await expect(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g' }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    });

    const byContent = `${base}/by-content.fifo`;
    const c1 = await sqs.send(new SendMessageCommand({ QueueUrl: byContent, MessageBody: 'same', MessageGroupId: 'a' }));
    const c2 = await sqs.send(new SendMessageCommand({ QueueUrl: byContent, MessageBody: 'same', MessageGroupId: 'b' }));
    expect(c2.MessageId).toBe(c1.MessageId);
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: byContent, AttributeNames: ['FifoQueue', 'ContentBasedDeduplication', 'ApproximateNumberOfMessages'] }));
    expect(attrs.Attributes).toEqual({ FifoQueue: 'true', ContentBasedDeduplication: 'true', ApproximateNumberOfMessages: '1' });
  });

  it("answers with SQS's errors as the SDK surfaces them", async () => {
    const missing = await sqs.send(new SendMessageCommand({ QueueUrl: `${base}/nope`, MessageBody: 'x' })).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(QueueDoesNotExist);
    expect(missing).toMatchObject({ name: 'QueueDoesNotExist', message: 'The specified queue does not exist.', Code: 'AWS.SimpleQueueService.NonExistentQueue', $metadata: { httpStatusCode: 400 } });
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: 'nope' }))).rejects.toBeInstanceOf(QueueDoesNotExist);

    await expect(sqs.send(new ReceiveMessageCommand({ QueueUrl: `${base}/plain`, MaxNumberOfMessages: 11 }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
    });
    await expect(sqs.send(new ReceiveMessageCommand({ QueueUrl: `${base}/plain`, WaitTimeSeconds: 21 }))).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(sqs.send(new SendMessageCommand({ QueueUrl: `${base}/plain`, MessageBody: '' }))).rejects.toMatchObject({
      name: 'MissingParameter',
      message: 'The request must contain the parameter MessageBody.',
    });
    await expect(sqs.send(new SendMessageCommand({ QueueUrl: `${base}/plain`, MessageBody: 'bad \u0001 char' }))).rejects.toMatchObject({ name: 'InvalidMessageContents' });
    await expect(sqs.send(new SendMessageCommand({ QueueUrl: `${base}/plain`, MessageBody: 'x', MessageAttributes: { n: { DataType: 'Number', StringValue: 'abc' } } }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: "Can't cast the value of message (user) attribute 'n' to a number.",
    });
    await expect(sqs.send(new DeleteMessageCommand({ QueueUrl: `${base}/plain`, ReceiptHandle: 'garbage' }))).rejects.toMatchObject({
      name: 'ReceiptHandleIsInvalid',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(sqs.send(new SendMessageBatchCommand({ QueueUrl: `${base}/plain`, Entries: [] }))).rejects.toMatchObject({
      name: 'EmptyBatchRequest',
      message: 'There should be at least one SendMessageBatchRequestEntry in the request.',
    });
    const eleven = Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x' }));
    await expect(sqs.send(new SendMessageBatchCommand({ QueueUrl: `${base}/plain`, Entries: eleven }))).rejects.toMatchObject({
      name: 'TooManyEntriesInBatchRequest',
      message: 'Maximum number of entries per request are 10. You have sent 11.',
    });
    await expect(
      sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: `${base}/plain`,
          Entries: [
            { Id: 'same', MessageBody: 'x' },
            { Id: 'same', MessageBody: 'y' },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'BatchEntryIdsNotDistinct', message: 'Id same repeated.' });
    await expect(sqs.send(new SendMessageBatchCommand({ QueueUrl: `${base}/plain`, Entries: [{ Id: 'has space', MessageBody: 'x' }] }))).rejects.toMatchObject({ name: 'InvalidBatchEntryId' });
    await expect(sqs.send(new GetQueueAttributesCommand({ QueueUrl: `${base}/plain`, AttributeNames: ['Bogus' as never] }))).rejects.toMatchObject({
      name: 'InvalidAttributeName',
      message: 'Unknown Attribute Bogus.',
    });
    const big = 'x'.repeat(600_000);
    await expect(
      sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: `${base}/plain`,
          Entries: [
            { Id: 'a', MessageBody: big },
            { Id: 'b', MessageBody: big },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'BatchRequestTooLong', message: 'Batch requests cannot be longer than 1048576 bytes. You have sent 1200000 bytes.' });
    await expect(sqs.send(new SendMessageCommand({ QueueUrl: `${base}/plain`, MessageBody: 'x'.repeat(1_048_577) }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.',
    });
    // Queues are the template's: creating one is refused with a pointer to template.yaml.
    await expect(sqs.send(new CreateQueueCommand({ QueueName: 'new' }))).rejects.toMatchObject({ name: 'UnsupportedOperation', message: expect.stringContaining('template.yaml') });
    // Nothing was enqueued by the failed calls.
    expect(await f.call('queues.messages', { queue: 'Plain' })).toEqual([]);
  });
});

/** SQS's documented encoding, written out independently of the service's: sorted names; name, type, transport byte, value. */
function expectedAttributesMd5(attrs: Record<string, { DataType: string; StringValue?: string; BinaryValue?: Uint8Array }>): string {
  const parts: Buffer[] = [];
  const withLength = (b: Buffer) => {
    const n = Buffer.alloc(4);
    n.writeUInt32BE(b.length);
    parts.push(n, b);
  };
  for (const name of Object.keys(attrs).sort()) {
    const a = attrs[name]!;
    withLength(Buffer.from(name));
    withLength(Buffer.from(a.DataType));
    if (a.BinaryValue) {
      parts.push(Buffer.from([2]));
      withLength(Buffer.from(a.BinaryValue));
    } else {
      parts.push(Buffer.from([1]));
      withLength(Buffer.from(a.StringValue!));
    }
  }
  return createHash('md5').update(Buffer.concat(parts)).digest('hex');
}
