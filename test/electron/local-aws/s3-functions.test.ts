/**
 * Local S3 from callers as they are: a Node.js function's unchanged @aws-sdk/client-s3 calls
 * (endpoint from AWS_ENDPOINT_URL, bucket name from !Ref), which land in its invocation's record
 * and raise the bucket's S3 trigger on another function; and boto3 from the test process.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostFixture } from '../services/host-fixture.js';
import { waitFor } from '../../helpers/functions.js';
import { startS3Host } from './s3-fixture.js';
import type { S3Client } from '@aws-sdk/client-s3';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: faaslab-uploads
  Writer:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: writer/
      Handler: index.handler
      Timeout: 10
      Environment:
        Variables:
          BUCKET: !Ref Uploads
  OnIncoming:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: echo/
      Handler: index.handler
      Events:
        Incoming:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events: s3:ObjectCreated:*
            Filter:
              S3Key:
                Rules:
                  - Name: prefix
                    Value: incoming/
`;

const WRITER = `import { S3Client, PutObjectCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
const s3 = new S3Client({});
export const handler = async (event) => {
  const Bucket = event.bucket ?? process.env.BUCKET;
  await s3.send(new PutObjectCommand({ Bucket, Key: event.key, Body: event.body, ContentType: 'text/plain', Metadata: { by: 'writer' } }));
  const got = await s3.send(new GetObjectCommand({ Bucket, Key: event.key }));
  const list = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'incoming/' }));
  return { bucket: Bucket, body: await got.Body.transformToString(), contentType: got.ContentType, metadata: got.Metadata, keys: list.Contents.map((c) => c.Key) };
};
`;

let f: HostFixture & { s3: S3Client };
beforeAll(async () => {
  f = await startS3Host({ 'template.yaml': TEMPLATE, 'writer/index.mjs': WRITER, 'echo/index.mjs': 'export const handler = async (event) => event;\n' });
});
afterAll(() => f?.close());

describe('local S3 from functions and boto3', () => {
  it("serves a Node.js function's own SDK calls, files them under its invocation, and raises the bucket's trigger", async () => {
    const out = await f.call('invoke.run', { logicalId: 'Writer', payload: JSON.stringify({ key: 'incoming/from function ü.txt', body: 'written by a function' }) });
    expect(out.status).toBe('success');
    expect(out.response).toEqual({
      bucket: 'faaslab-uploads',
      body: 'written by a function',
      contentType: 'text/plain',
      metadata: { by: 'writer' },
      keys: ['incoming/from function ü.txt'],
    });
    expect(readFileSync(path.join(f.dir, '.faaslab/buckets/faaslab-uploads/incoming/from function ü.txt'), 'utf8')).toBe('written by a function');
    expect(out.awsCalls).toEqual([
      expect.objectContaining({ service: 's3', operation: 'PutObject', resource: 'faaslab-uploads/incoming/from function ü.txt', status: 200 }),
      expect.objectContaining({ service: 's3', operation: 'GetObject', resource: 'faaslab-uploads/incoming/from function ü.txt', status: 200 }),
      expect.objectContaining({ service: 's3', operation: 'ListObjectsV2', resource: 'faaslab-uploads', status: 200 }),
    ]);

    const triggered = await waitFor(() => f.pushes.find((p) => p.event === 'invocation' && p.data.logicalId === 'OnIncoming'), "OnIncoming's invocation");
    const event = (triggered.data as { response: { Records: Array<{ eventName: string; s3: { bucket: { name: string }; object: { key: string; size: number } } }> } }).response;
    expect(event.Records).toHaveLength(1);
    expect(event.Records[0]).toMatchObject({
      eventName: 'ObjectCreated:Put',
      s3: { bucket: { name: 'faaslab-uploads' }, object: { key: 'incoming/from+function+%C3%BC.txt', size: 21 } },
    });
  });

  it('records a failed call with its operation and error code', async () => {
    const out = await f.call('invoke.run', { logicalId: 'Writer', payload: JSON.stringify({ bucket: 'no-such-bucket', key: 'k', body: 'b' }) });
    expect(out.error).toMatchObject({ errorType: 'NoSuchBucket', errorMessage: 'The specified bucket does not exist' });
    expect(out.status).toBe('error');
    expect(out.awsCalls).toEqual([expect.objectContaining({ service: 's3', operation: 'PutObject', resource: 'no-such-bucket/k', status: 404, errorCode: 'NoSuchBucket' })]);
  });

  it('answers boto3: put_object, get_object, list_objects_v2, delete_object', async () => {
    const script = `
import json, sys, boto3
from botocore.exceptions import ClientError
s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y")
key = "py dir/caf\u00e9 1+1.txt"
put = s3.put_object(Bucket="faaslab-uploads", Key=key, Body=b"from boto3", ContentType="text/x-python", Metadata={"lang": "py"})
got = s3.get_object(Bucket="faaslab-uploads", Key=key)
listed = s3.list_objects_v2(Bucket="faaslab-uploads", Prefix="py dir/", Delimiter="/")
top = s3.list_objects_v2(Bucket="faaslab-uploads", Delimiter="/")
s3.delete_object(Bucket="faaslab-uploads", Key=key)
try:
    s3.head_object(Bucket="faaslab-uploads", Key=key)
    after = "still there"
except ClientError as err:
    after = err.response["Error"]["Code"]
try:
    s3.get_object(Bucket="faaslab-uploads", Key=key)
    missing = None
except ClientError as err:
    missing = [err.response["Error"]["Code"], err.response["Error"]["Message"], err.response["Error"].get("Key")]
print(json.dumps({
    "etag": put["ETag"],
    "body": got["Body"].read().decode(),
    "contentType": got["ContentType"],
    "metadata": got["Metadata"],
    "keys": [c["Key"] for c in listed.get("Contents", [])],
    "prefixes": [p["Prefix"] for p in top.get("CommonPrefixes", [])],
    "after": after,
    "missing": missing,
}))
`;
    // Not spawnSync: the endpoint answering boto3 runs in this process.
    const run = await promisify(execFile)('/usr/bin/python3', ['-c', script, f.host.awsEndpoint], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(out).toEqual({
      etag: `"${createHash('md5').update('from boto3').digest('hex')}"`,
      body: 'from boto3',
      contentType: 'text/x-python',
      metadata: { lang: 'py' },
      keys: ['py dir/café 1+1.txt'],
      prefixes: expect.arrayContaining(['py dir/']),
      after: '404',
      missing: ['NoSuchKey', 'The specified key does not exist.', 'py dir/café 1+1.txt'],
    });
    expect(existsSync(path.join(f.dir, '.faaslab/buckets/faaslab-uploads/py dir/café 1+1.txt'))).toBe(false);
  });

  it("carries boto3's managed transfers: upload_file in parts and download_file in ranges", async () => {
    const script = `
import hashlib, json, os, sys, tempfile, boto3
from boto3.s3.transfer import TransferConfig
s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y")
config = TransferConfig(multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024)
data = os.urandom(11 * 1024 * 1024)
with tempfile.TemporaryDirectory() as d:
    src = os.path.join(d, "src.bin")
    dst = os.path.join(d, "dst.bin")
    open(src, "wb").write(data)
    s3.upload_file(src, "faaslab-uploads", "transfers/big.bin", Config=config)
    s3.download_file("faaslab-uploads", "transfers/big.bin", dst, Config=config)
    back = open(dst, "rb").read()
head = s3.head_object(Bucket="faaslab-uploads", Key="transfers/big.bin")
print(json.dumps({"same": back == data, "md5": hashlib.md5(data).hexdigest(), "etag": head["ETag"], "size": head["ContentLength"]}))
`;
    const run = await promisify(execFile)('/usr/bin/python3', ['-c', script, f.host.awsEndpoint], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    const out = JSON.parse(run.stdout) as { same: boolean; md5: string; etag: string; size: number };
    expect(out).toMatchObject({ same: true, size: 11 * 1024 * 1024 });
    expect(out.etag).toMatch(/^"[0-9a-f]{32}-3"$/);
    const file = readFileSync(path.join(f.dir, '.faaslab/buckets/faaslab-uploads/transfers/big.bin'));
    expect(createHash('md5').update(file).digest('hex')).toBe(out.md5);
  });
});
