/**
 * The chain of issue 12, end to end with no mocks: an HTTP route's function writes an object to
 * S3, the bucket's S3 trigger runs a Python function that reads it with boto3 and writes a
 * DynamoDB item, the table's stream runs a function that sends to an SQS queue, the queue's
 * function publishes to an SNS topic, and the topic delivers to a queue the test reads with the
 * real SDK. Every function's code is unchanged Lambda code: names from !Ref, no endpoints in it.
 */
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type HostFixture } from '../services/host-fixture.js';

const FILES = {
  'template.yaml': `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    Timeout: 10
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: chain-uploads
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: chain-orders
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH
      StreamSpecification:
        StreamViewType: NEW_IMAGE
  Work:
    Type: AWS::SQS::Queue
  Done:
    Type: AWS::SNS::Topic
    Properties:
      Subscription:
        - Protocol: sqs
          Endpoint: !GetAtt DoneQueue.Arn
  DoneQueue:
    Type: AWS::SQS::Queue
  Api:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: api/
      Handler: index.handler
      Environment:
        Variables:
          BUCKET: !Ref Uploads
      Events:
        Post:
          Type: HttpApi
          Properties:
            Method: POST
            Path: /orders
  OnUpload:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.11
      CodeUri: on_upload/
      Handler: app.handler
      Environment:
        Variables:
          TABLE: !Ref Orders
      Events:
        Upload:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events: s3:ObjectCreated:*
  OnOrder:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: on_order/
      Handler: index.handler
      Environment:
        Variables:
          QUEUE_URL: !Ref Work
      Events:
        Stream:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt Orders.StreamArn
            StartingPosition: LATEST
  OnWork:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: on_work/
      Handler: index.handler
      Environment:
        Variables:
          TOPIC_ARN: !Ref Done
      Events:
        Work:
          Type: SQS
          Properties:
            Queue: !GetAtt Work.Arn
`,
  'api/index.mjs': `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
const s3 = new S3Client({});
export const handler = async (event) => {
  const order = JSON.parse(event.body);
  await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: \`orders/\${order.id}.json\`, Body: JSON.stringify(order), ContentType: 'application/json' }));
  return { statusCode: 202, body: JSON.stringify({ accepted: order.id }) };
};
`,
  'on_upload/app.py': `import json
import os
import urllib.parse

import boto3

s3 = boto3.client("s3")
table = boto3.resource("dynamodb").Table(os.environ["TABLE"])


def handler(event, context):
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
        order = json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read())
        table.put_item(Item={"id": order["id"], "item": order["item"], "source": key})
`,
  'on_order/index.mjs': `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const sqs = new SQSClient({});
export const handler = async (event) => {
  for (const r of event.Records) {
    if (r.eventName !== 'INSERT') continue;
    const image = r.dynamodb.NewImage;
    await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify({ id: image.id.S, item: image.item.S }) }));
  }
};
`,
  'on_work/index.mjs': `import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';
const sns = new SNSClient({});
export const handler = async (event) => {
  for (const r of event.Records) {
    const work = JSON.parse(r.body);
    await sns.send(new PublishCommand({ TopicArn: process.env.TOPIC_ARN, Subject: 'order done', Message: JSON.stringify({ ...work, done: true }) }));
  }
};
`,
};

describe('a chain of functions through the local AWS services', () => {
  let f: HostFixture;
  beforeAll(async () => {
    f = await startHost(FILES);
  });
  afterAll(() => f?.close());

  it('runs from an HTTP request to a message on the last queue, each step a real SDK call', async () => {
    const { apiUrl } = await f.call('triggers.list', {});
    const res = await fetch(`${apiUrl}/orders`, { method: 'POST', body: JSON.stringify({ id: 'o-17', item: 'lamp' }) });
    expect(res.status).toBe(202);

    const sqs = new SQSClient({ endpoint: f.host.awsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const queues = await f.call('queues.list', {});
    const doneUrl = queues.find((q) => q.logicalId === 'DoneQueue')!.url;
    let body: string | undefined;
    for (let i = 0; i < 6 && !body; i++) {
      const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: doneUrl, WaitTimeSeconds: 5 }));
      body = got.Messages?.[0]?.Body;
    }
    sqs.destroy();
    expect(body).toBeDefined();
    const notification = JSON.parse(body!) as { Type: string; Subject: string; Message: string };
    expect(notification.Type).toBe('Notification');
    expect(notification.Subject).toBe('order done');
    expect(JSON.parse(notification.Message)).toEqual({ id: 'o-17', item: 'lamp', done: true });

    // Each step's invocation lists the calls it made. OnWork's message can arrive before its own invocation has ended and been stored.
    await f.waitForPush('invocation', (r) => r.logicalId === 'OnWork' && r.status === 'success', "OnWork's invocation");
    const history = await f.call('history.list', { limit: 50 });
    const callsOf = async (logicalId: string) => {
      const summary = history.find((h) => h.logicalId === logicalId && h.status === 'success');
      expect(summary, `a successful ${logicalId} invocation`).toBeDefined();
      return (await f.call('history.get', { requestId: summary!.requestId })).awsCalls?.map((c) => `${c.service} ${c.operation} ${c.status}`);
    };
    expect(await callsOf('Api')).toEqual(['s3 PutObject 200']);
    expect(await callsOf('OnUpload')).toEqual(['s3 GetObject 200', 'dynamodb PutItem 200']);
    expect(await callsOf('OnOrder')).toEqual(['sqs SendMessage 200']);
    expect(await callsOf('OnWork')).toEqual(['sns Publish 200']);
    // The item is in the local table, as a row and a stream record.
    const scan = await f.call('tables.scan', { table: 'Orders' });
    expect(scan.items).toEqual([{ id: { S: 'o-17' }, item: { S: 'lamp' }, source: { S: 'orders/o-17.json' } }]);
  }, 60_000);
});
