/**
 * The local SNS with the real @aws-sdk/client-sns and boto3 1.26 (both speak SNS's query
 * protocol) against a real host: a function's Publish reaches the subscriptions the template
 * declares through their filter policies, FIFO topics deduplicate, and SNS's errors come back as
 * the SDKs surface them.
 */
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, ListTopicsCommand, NotFoundException, PublishBatchCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvocationRecord } from '../../../shared/domain/invocation.js';
import { startHost, type HostFixture } from '../services/host-fixture.js';
import { runPython } from './python.js';

const FILES = {
  'template.yaml': `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    Timeout: 10
    CodeUri: src/
Resources:
  Orders:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: orders
  OrdersRaw:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: orders-raw
  RawSubscription:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Orders
      Protocol: sqs
      Endpoint: !GetAtt OrdersRaw.Arn
      RawMessageDelivery: true
  Sequenced:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: sequenced.fifo
      FifoTopic: true
      Subscription:
        - Protocol: sqs
          Endpoint: !GetAtt SequencedQueue.Arn
  SequencedQueue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: sequenced.fifo
      FifoQueue: true
  Publisher:
    Type: AWS::Serverless::Function
    Properties:
      Handler: publisher.handler
      Environment:
        Variables:
          TOPIC: !Ref Orders
  BigOrders:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: big-orders
      Handler: receiver.handler
      Events:
        Big:
          Type: SNS
          Properties:
            Topic: !Ref Orders
            FilterPolicy:
              amount: [{ numeric: [">=", 100] }]
  Refunds:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: refunds
      Handler: receiver.handler
      Events:
        Refund:
          Type: SNS
          Properties:
            Topic: !Ref Orders
            FilterPolicy:
              kind: [refund]
`,
  'src/publisher.mjs': `import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';
const sns = new SNSClient({});
export const handler = async (event) => {
  const out = await sns.send(new PublishCommand({
    TopicArn: process.env.TOPIC,
    Message: event.message,
    Subject: 'order',
    MessageAttributes: {
      amount: { DataType: 'Number', StringValue: String(event.amount) },
      kind: { DataType: 'String', StringValue: event.kind },
    },
  }));
  return { messageId: out.MessageId };
};
`,
  'src/receiver.mjs': `export const handler = async (event) => ({
  message: event.Records[0].Sns.Message,
  subject: event.Records[0].Sns.Subject,
  attributes: event.Records[0].Sns.MessageAttributes,
  messageId: event.Records[0].Sns.MessageId,
});
`,
};

const ACCOUNT = '123456789012';
const ORDERS = `arn:aws:sns:us-east-1:${ACCOUNT}:orders`;
const SEQUENCED = `arn:aws:sns:us-east-1:${ACCOUNT}:sequenced.fifo`;

describe('the local SNS', () => {
  let f: HostFixture;
  let sns: SNSClient;
  beforeAll(async () => {
    f = await startHost(FILES);
    sns = new SNSClient({ endpoint: f.host.awsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  });
  afterAll(() => f?.close());

  const history = async (logicalId: string) => (await f.call('history.list', { logicalId })).filter((r) => r.status === 'success');

  it("delivers a function's Publish to the subscriptions whose filter policy matches, with the attributes' types", async () => {
    const since = f.pushes.length;
    const out = await f.call('invoke.run', { logicalId: 'Publisher', payload: JSON.stringify({ message: 'big sale', amount: 250, kind: 'sale' }) });
    expect(out.status).toBe('success');
    expect(out.awsCalls).toEqual([expect.objectContaining({ service: 'sns', operation: 'Publish', resource: 'orders', status: 200 })]);
    const { messageId } = out.response as { messageId: string };

    const big = (await f.waitForPush('invocation', (r) => (r as InvocationRecord).logicalId === 'BigOrders', 'BigOrders invoked', since)) as InvocationRecord;
    expect(big.response).toEqual({
      message: 'big sale',
      subject: 'order',
      messageId,
      attributes: { amount: { Type: 'Number', Value: '250' }, kind: { Type: 'String', Value: 'sale' } },
    });
    // The raw-delivery queue subscription has no filter: the message and its attributes, as SQS attributes.
    const raw = await f.call('queues.messages', { queue: 'OrdersRaw' });
    expect(raw).toEqual([expect.objectContaining({ body: 'big sale', messageAttributes: { amount: '250', kind: 'sale' } })]);

    // A refund too small for BigOrders: only Refunds gets it; it is the only message Refunds ever got.
    await f.call('invoke.run', { logicalId: 'Publisher', payload: JSON.stringify({ message: 'small refund', amount: 5, kind: 'refund' }) });
    await f.waitForPush('invocation', (r) => (r as InvocationRecord).logicalId === 'Refunds', 'Refunds invoked', since);
    const refunds = await history('Refunds');
    expect(refunds).toHaveLength(1);
    expect((await f.call('history.get', { requestId: refunds[0]!.requestId })).response).toMatchObject({ message: 'small refund' });
    expect(await history('BigOrders')).toHaveLength(1);
  });

  it('lists topics, their attributes and subscriptions', async () => {
    expect((await sns.send(new ListTopicsCommand({}))).Topics).toEqual([{ TopicArn: ORDERS }, { TopicArn: SEQUENCED }]);
    const attrs = await sns.send(new GetTopicAttributesCommand({ TopicArn: ORDERS }));
    expect(attrs.Attributes).toMatchObject({ TopicArn: ORDERS, Owner: ACCOUNT, SubscriptionsConfirmed: '3' });
    expect(attrs.Attributes!.FifoTopic).toBeUndefined();
    expect((await sns.send(new GetTopicAttributesCommand({ TopicArn: SEQUENCED }))).Attributes).toMatchObject({ FifoTopic: 'true', ContentBasedDeduplication: 'false' });
    const subs = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: ORDERS }));
    expect(subs.Subscriptions!.map((s) => [s.Protocol, s.Endpoint]).sort()).toEqual([
      ['lambda', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:big-orders`],
      ['lambda', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:refunds`],
      ['sqs', `arn:aws:sqs:us-east-1:${ACCOUNT}:orders-raw`],
    ]);
    expect(subs.Subscriptions!.every((s) => s.SubscriptionArn!.startsWith(`${ORDERS}:`) && s.TopicArn === ORDERS)).toBe(true);
  });

  it('publishes batches, reporting each entry, and MessageStructure json per protocol', async () => {
    await f.call('queues.purge', { queue: 'OrdersRaw' });
    const out = await sns.send(
      new PublishBatchCommand({
        TopicArn: ORDERS,
        PublishBatchRequestEntries: [
          { Id: 'one', Message: 'first' },
          { Id: 'two', Message: JSON.stringify({ default: 'everyone', sqs: 'queues only' }), MessageStructure: 'json' },
          { Id: 'bad', Message: 'x', MessageAttributes: { n: { DataType: 'Number', StringValue: 'abc' } } },
        ],
      }),
    );
    expect(out.Successful!.map((s) => s.Id)).toEqual(['one', 'two']);
    expect(out.Failed).toEqual([{ Id: 'bad', Code: 'ParameterValueInvalid', Message: "Could not cast message attribute 'n' value to number.", SenderFault: true }]);
    expect((await f.call('queues.messages', { queue: 'OrdersRaw' })).map((m) => m.body)).toEqual(['first', 'queues only']);

    // TargetArn names a topic as TopicArn does.
    await sns.send(new PublishCommand({ TargetArn: ORDERS, Message: 'targeted' }));
    expect((await f.call('queues.messages', { queue: 'OrdersRaw' })).map((m) => m.body)).toEqual(['first', 'queues only', 'targeted']);
  });

  it('FIFO topics need a MessageGroupId, deduplicate, and number their messages', async () => {
    const first = await sns.send(new PublishCommand({ TopicArn: SEQUENCED, Message: 'm1', MessageGroupId: 'g', MessageDeduplicationId: 'd1' }));
    const dup = await sns.send(new PublishCommand({ TopicArn: SEQUENCED, Message: 'm1', MessageGroupId: 'g', MessageDeduplicationId: 'd1' }));
    const second = await sns.send(new PublishCommand({ TopicArn: SEQUENCED, Message: 'm2', MessageGroupId: 'g', MessageDeduplicationId: 'd2' }));
    expect(dup).toMatchObject({ MessageId: first.MessageId, SequenceNumber: first.SequenceNumber });
    expect(BigInt(second.SequenceNumber!)).toBeGreaterThan(BigInt(first.SequenceNumber!));
    const delivered = await f.call('queues.messages', { queue: 'SequencedQueue' });
    expect(delivered.map((m) => (JSON.parse(m.body) as { Message: string }).Message)).toEqual(['m1', 'm2']);

    await expect(sns.send(new PublishCommand({ TopicArn: SEQUENCED, Message: 'x', MessageDeduplicationId: 'd3' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: The MessageGroupId parameter is required for FIFO topics',
    });
    await expect(sns.send(new PublishCommand({ TopicArn: SEQUENCED, Message: 'x', MessageGroupId: 'g' }))).rejects.toMatchObject({
      message: 'Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    });
  });

  it("answers with SNS's errors as the SDK surfaces them", async () => {
    const missing = await sns.send(new PublishCommand({ TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:nope`, Message: 'x' })).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundException);
    expect(missing).toMatchObject({ message: 'Topic does not exist', $metadata: { httpStatusCode: 404 } });
    await expect(sns.send(new GetTopicAttributesCommand({ TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:nope` }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(sns.send(new PublishCommand({ TopicArn: ORDERS, Message: '' }))).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Invalid parameter: Empty message' });
    await expect(sns.send(new PublishCommand({ TopicArn: ORDERS, Message: 'x', MessageDeduplicationId: 'd' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(sns.send(new PublishCommand({ TopicArn: ORDERS, Message: 'x', MessageAttributes: { a: { DataType: 'Decimal', StringValue: '1' } } }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
    });
    await expect(sns.send(new PublishBatchCommand({ TopicArn: ORDERS, PublishBatchRequestEntries: [] }))).rejects.toMatchObject({ name: 'EmptyBatchRequestException' });
  });

  it('speaks to boto3 1.26: publish with attributes, and NotFound as botocore raises it', async () => {
    await f.call('queues.purge', { queue: 'OrdersRaw' });
    const script = `
import json, sys, boto3
sns = boto3.client("sns", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y")
out = sns.publish(TopicArn="${ORDERS}", Message="from boto3", MessageAttributes={"kind": {"DataType": "String", "StringValue": "boto"}, "tags": {"DataType": "String.Array", "StringValue": "[\\"a\\", \\"b\\"]"}, "raw": {"DataType": "Binary", "BinaryValue": bytes([0, 1, 254])}})
try:
    sns.publish(TopicArn="${ORDERS}-missing", Message="x")
    missing = None
except sns.exceptions.NotFoundException as err:
    missing = {"code": err.response["Error"]["Code"], "message": err.response["Error"]["Message"], "status": err.response["ResponseMetadata"]["HTTPStatusCode"]}
topics = [t["TopicArn"] for t in sns.list_topics()["Topics"]]
print(json.dumps({"messageId": out["MessageId"], "missing": missing, "topics": topics}))
`;
    const out = await runPython(script, f.host.awsEndpoint);
    expect(out.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.missing).toEqual({ code: 'NotFound', message: 'Topic does not exist', status: 404 });
    expect(out.topics).toEqual([ORDERS, SEQUENCED]);
    expect(await f.call('queues.messages', { queue: 'OrdersRaw' })).toEqual([
      expect.objectContaining({ body: 'from boto3', messageAttributes: { kind: 'boto', tags: '["a", "b"]', raw: Buffer.from([0, 1, 254]).toString('base64') } }),
    ]);
  });
});
