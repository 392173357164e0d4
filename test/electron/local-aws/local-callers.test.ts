/**
 * The local AWS endpoint serves this machine's programs, not web pages: over real sockets, a
 * DNS rebinding page (foreign Host) reads no object or table, and a cross-site form post (foreign
 * Origin, no preflight needed) sends no message; the SDK, curl, `<bucket>.localhost` and pages
 * served on this machine keep working.
 */
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackHostname } from '../../../electron/local-aws/local-callers.js';
import type { HostFixture } from '../services/host-fixture.js';
import { startS3Host } from './s3-fixture.js';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Secrets:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: callers-bucket
  Inbox:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: callers-queue
`;

let f: HostFixture & { s3: import('@aws-sdk/client-s3').S3Client };
let sqs: SQSClient;
let port: number;
let queueUrl: string;

beforeAll(async () => {
  f = await startS3Host({ 'template.yaml': TEMPLATE });
  port = Number(new URL(f.host.awsEndpoint).port);
  sqs = new SQSClient({ endpoint: f.host.awsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  await f.s3.send(new PutObjectCommand({ Bucket: 'callers-bucket', Key: 'secret.txt', Body: 'the secret' }));
  queueUrl = (await sqs.send(new GetQueueUrlCommand({ QueueName: 'callers-queue' }))).QueueUrl!;
});

afterAll(async () => {
  sqs?.destroy();
  f?.s3.destroy();
  await f?.close();
});

/** A raw request to the endpoint with exactly these headers (Host included). */
function request(method: string, path: string, headers: Record<string, string>, body = '') {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: { 'content-length': String(Buffer.byteLength(body)), ...headers }, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const waiting = async () => Number((await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }))).Attributes!.ApproximateNumberOfMessages);

describe('the local AWS endpoint and web pages', () => {
  it('refuses a foreign Host (DNS rebinding): no object, no table listing', async () => {
    for (const host of [`evil.example:${port}`, 'evil.example', `callers-bucket.evil.example:${port}`, `localhost.evil.example:${port}`, `127.0.0.1.evil.example:${port}`]) {
      const object = await request('GET', '/callers-bucket/secret.txt', { host });
      expect(object.status, host).toBe(403);
      expect(object.body).toContain('<Code>AccessDenied</Code>');
      expect(object.body).not.toContain('the secret');
      const tables = await request('POST', '/', { host, 'x-amz-target': 'DynamoDB_20120810.ListTables', 'content-type': 'application/x-amz-json-1.0' }, '{}');
      expect(tables.status, host).toBe(403);
      expect(tables.body).not.toContain('TableNames');
    }
  });

  it('serves 127.0.0.1, localhost and <bucket>.localhost', async () => {
    for (const [host, path] of [
      [`127.0.0.1:${port}`, '/callers-bucket/secret.txt'],
      [`localhost:${port}`, '/callers-bucket/secret.txt'],
      [`callers-bucket.localhost:${port}`, '/secret.txt'],
    ] as const) {
      const object = await request('GET', path, { host });
      expect(object.status, host).toBe(200);
      expect(object.body).toBe('the secret');
    }
  });

  it("refuses another site's form post (no preflight needed): the message never reaches the queue", async () => {
    const form = (body: string) => `Action=SendMessage&QueueUrl=${encodeURIComponent(queueUrl)}&MessageBody=${encodeURIComponent(body)}`;
    const headers = { host: `127.0.0.1:${port}`, 'content-type': 'application/x-www-form-urlencoded' };
    for (const origin of ['http://evil.example', 'https://evil.example', 'null', 'http://localhost.evil.example:5173']) {
      const sent = await request('POST', '/', { ...headers, origin }, form(`from ${origin}`));
      expect(sent.status, origin).toBe(403);
      expect(sent.body).not.toContain('MessageId');
    }
    expect(await waiting()).toBe(0);
    // A page served on this machine (a frontend's dev server), or no page at all (curl), is served.
    expect((await request('POST', '/', { ...headers, origin: 'http://localhost:5173' }, form('local page'))).status).toBe(200);
    expect((await request('POST', '/', headers, form('curl'))).status).toBe(200);
    expect(await waiting()).toBe(2);
  });

  it('knows the loopback names', () => {
    for (const name of ['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]', 'bucket.localhost', 'a.b.localhost']) expect(isLoopbackHostname(name), name).toBe(true);
    for (const name of ['evil.example', 'localhost.evil.example', '127.0.0.1.nip.io', 'notlocalhost', '', '0.0.0.0', '10.0.0.1']) expect(isLoopbackHostname(name), name).toBe(false);
  });
});
