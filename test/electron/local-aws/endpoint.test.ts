/**
 * The local AWS endpoint in a real host: functions get AWS_ENDPOINT_URL and their own access key,
 * and a call they make (here to a service faaslab does not have locally) is answered in the
 * protocol's error shape and listed in the invocation's record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type HostFixture } from '../services/host-fixture.js';

const FILES = {
  'template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  Env:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: env/
      Handler: index.handler
      Environment:
        Variables:
          AWS_QUEUE: !Ref Work
          AWS_QUEUE_ARN: !GetAtt Work.Arn
          AWS_TOPIC: !Ref News
          AWS_BUCKET: !Ref Uploads
          AWS_TABLE: !Ref Items
  Work:
    Type: AWS::SQS::Queue
  News:
    Type: AWS::SNS::Topic
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: endpoint-uploads
  Items:
    Type: AWS::Serverless::SimpleTable
    Properties:
      TableName: endpoint-items
  CallsSsm:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: ssm/
      Handler: index.handler
  PyCallsSsm:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.11
      CodeUri: pyssm/
      Handler: app.handler
`,
  'pyssm/app.py': `import boto3
from botocore.exceptions import ClientError

ssm = boto3.client("ssm")


def handler(event, context):
    try:
        ssm.get_parameter(Name="x")
        return "reached"
    except ClientError as err:
        return {"code": err.response["Error"]["Code"], "status": err.response["ResponseMetadata"]["HTTPStatusCode"], "endpoint": ssm.meta.endpoint_url}
`,
  'env/index.mjs': `export const handler = async () => Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('AWS_')));\n`,
  'ssm/index.mjs': `import { SSMClient, GetParameterCommand } from '@aws-sdk/client-ssm';
const ssm = new SSMClient({});
export const handler = async () => {
  try {
    await ssm.send(new GetParameterCommand({ Name: 'x' }));
    return 'reached';
  } catch (err) {
    return { name: err.name, status: err.$metadata?.httpStatusCode, message: err.message };
  }
};
`,
};

describe('the local AWS endpoint', () => {
  let f: HostFixture;
  beforeAll(async () => {
    f = await startHost(FILES);
  });
  afterAll(() => f?.close());

  it('gives every function the endpoint and an access key of its own environment', async () => {
    const out = await f.call('invoke.run', { logicalId: 'Env', payload: '{}' });
    const env = out.response as Record<string, string>;
    expect(env.AWS_ENDPOINT_URL).toBe(f.host.awsEndpoint);
    for (const s of ['S3', 'DYNAMODB', 'SQS', 'SNS', 'EVENTBRIDGE']) expect(env[`AWS_ENDPOINT_URL_${s}`]).toBe(f.host.awsEndpoint);
    expect(env.AWS_ACCESS_KEY_ID).toMatch(/^ASIAFAASLAB[0-9A-F]{9}$/);
    expect(env.AWS_SECRET_ACCESS_KEY).toBeTruthy();
    expect(env.AWS_SESSION_TOKEN).toBeTruthy();
  });

  it("gives !Ref and !GetAtt what a deployed stack gives, a queue's URL pointing at the endpoint", async () => {
    const env = (await f.call('invoke.run', { logicalId: 'Env', payload: '{}' })).response as Record<string, string>;
    // The SDK sends an SQS call to its QueueUrl's host: the URL must be the endpoint's.
    expect(env.AWS_QUEUE).toBe(`${f.host.awsEndpoint}/123456789012/local-Work`);
    expect(env.AWS_QUEUE_ARN).toBe('arn:aws:sqs:us-east-1:123456789012:local-Work');
    expect(env.AWS_TOPIC).toBe('arn:aws:sns:us-east-1:123456789012:local-News');
    expect(env.AWS_BUCKET).toBe('endpoint-uploads');
    expect(env.AWS_TABLE).toBe('endpoint-items');
  });

  it('answers a service it does not have with a clear error and records the call in the invocation', async () => {
    const out = await f.call('invoke.run', { logicalId: 'CallsSsm', payload: '{}' });
    const answer = out.response as { name: string; status: number; message: string };
    expect(answer.status).toBe(501);
    expect(answer.message).toContain('has no ssm service');
    expect(out.awsCalls).toEqual([expect.objectContaining({ service: 'ssm', status: 501, errorCode: 'NotImplemented' })]);
    // Kept in the history with the invocation, for its detail view's timeline.
    const stored = await f.call('history.get', { requestId: out.requestId });
    expect(stored.awsCalls).toEqual(out.awsCalls);
  });

  it('lists the endpoint with the triggers, for the status bar', async () => {
    expect((await f.call('triggers.list', {})).awsEndpoint).toBe(f.host.awsEndpoint);
  });

  it("reaches a Python function's boto3 through AWS_ENDPOINT_URL, even on a botocore older than the variable", async () => {
    const out = await f.call('invoke.run', { logicalId: 'PyCallsSsm', payload: '{}' });
    expect(out.status).toBe('success');
    expect(out.response).toEqual({ code: 'NotImplemented', status: 501, endpoint: f.host.awsEndpoint });
    expect(out.awsCalls).toEqual([expect.objectContaining({ service: 'ssm', status: 501 })]);
  });
});
