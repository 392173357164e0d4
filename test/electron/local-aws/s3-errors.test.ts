/**
 * Local S3's errors in S3's own shape and words, as @aws-sdk/client-s3 surfaces them (name,
 * message, status, the fields S3 adds) and as they are on the wire.
 */
import { DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostFixture } from '../services/host-fixture.js';
import { s3Client, startS3Host } from './s3-fixture.js';

let f: HostFixture & { s3: S3Client };
const Bucket = 'faaslab-uploads';

beforeAll(async () => {
  f = await startS3Host();
  await f.s3.send(new PutObjectCommand({ Bucket, Key: 'ten.txt', Body: '0123456789' }));
});
afterAll(() => f?.close());

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('the call succeeded, an error was expected');
    },
    (err: Error & { $metadata: { httpStatusCode: number; requestId?: string }; Code?: string }) => err,
  );

describe('local S3 errors', () => {
  it('NoSuchKey: 404, with the key', async () => {
    const err = await failure(f.s3.send(new GetObjectCommand({ Bucket, Key: 'missing/file name.txt' })));
    expect(err.name).toBe('NoSuchKey');
    expect(err.message).toBe('The specified key does not exist.');
    expect(err.$metadata.httpStatusCode).toBe(404);
    expect(err.$metadata.requestId).toMatch(/^[0-9A-F]{16}$/);
    expect(err).toMatchObject({ Key: 'missing/file name.txt' });
    const raw = await fetch(`${f.host.awsEndpoint}/${Bucket}/missing/file%20name.txt`);
    expect(raw.status).toBe(404);
    expect(raw.headers.get('content-type')).toBe('application/xml');
    expect(await raw.text()).toMatch(
      /<Error><Code>NoSuchKey<\/Code><Message>The specified key does not exist\.<\/Message><Key>missing\/file name\.txt<\/Key><RequestId>[0-9A-F]{16}<\/RequestId><HostId>/,
    );
  });

  it('HeadObject of a missing key: 404 without a body', async () => {
    const err = await failure(f.s3.send(new HeadObjectCommand({ Bucket, Key: 'missing.txt' })));
    expect(err.name).toBe('NotFound');
    expect(err.$metadata.httpStatusCode).toBe(404);
    const raw = await fetch(`${f.host.awsEndpoint}/${Bucket}/missing.txt`, { method: 'HEAD' });
    expect(raw.status).toBe(404);
    expect(raw.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{16}$/);
    expect(await raw.text()).toBe('');
  });

  it('NoSuchBucket: 404, with the bucket name; a name S3 would not take is InvalidBucketName', async () => {
    const err = await failure(f.s3.send(new ListObjectsV2Command({ Bucket: 'no-such-bucket' })));
    expect(err.name).toBe('NoSuchBucket');
    expect(err.message).toBe('The specified bucket does not exist');
    expect(err.$metadata.httpStatusCode).toBe(404);
    expect(err).toMatchObject({ BucketName: 'no-such-bucket' });
    const put = await failure(f.s3.send(new PutObjectCommand({ Bucket: 'no-such-bucket', Key: 'k', Body: 'x' })));
    expect(put.name).toBe('NoSuchBucket');
    const bad = await fetch(`${f.host.awsEndpoint}/Bad_Bucket?list-type=2`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('<Code>InvalidBucketName</Code><Message>The specified bucket is not valid.</Message><BucketName>Bad_Bucket</BucketName>');
  });

  it('InvalidRange: 416 for a range past the end', async () => {
    const err = await failure(f.s3.send(new GetObjectCommand({ Bucket, Key: 'ten.txt', Range: 'bytes=10-20' })));
    expect(err.name).toBe('InvalidRange');
    expect(err.message).toBe('The requested range is not satisfiable');
    expect(err.$metadata.httpStatusCode).toBe(416);
    expect(err).toMatchObject({ RangeRequested: 'bytes=10-20', ActualObjectSize: '10' });
  });

  it('MalformedXML: a DeleteObjects body that is not the XML S3 reads', async () => {
    const client = s3Client(f.host.awsEndpoint);
    let body = '<Delete><Object><Key>ten.txt</Key></Object>';
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { body: unknown; headers: Record<string, string> };
        request.body = body;
        for (const name of Object.keys(request.headers)) if (name.toLowerCase() === 'content-length') delete request.headers[name];
        request.headers['content-length'] = String(Buffer.byteLength(body));
        return next(args);
      },
      { step: 'finalizeRequest' },
    );
    for (const malformed of ['<Delete><Object><Key>ten.txt</Key></Object>', '<Delete><Quiet>true</Quiet></Delete>', 'not xml at all', '<Delete><Object><Key>a</Object></Key></Delete>']) {
      body = malformed;
      const err = await failure(client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'ten.txt' }] } })));
      expect(err.name).toBe('MalformedXML');
      expect(err.message).toBe('The XML you provided was not well-formed or did not validate against our published schema');
      expect(err.$metadata.httpStatusCode).toBe(400);
    }
    // Nothing was deleted.
    expect((await f.s3.send(new HeadObjectCommand({ Bucket, Key: 'ten.txt' }))).ContentLength).toBe(10);
    client.destroy();
  });

  it('InvalidArgument: a max-keys that is not a number', async () => {
    const raw = await fetch(`${f.host.awsEndpoint}/${Bucket}?list-type=2&max-keys=lots`);
    expect(raw.status).toBe(400);
    expect(await raw.text()).toContain(
      '<Code>InvalidArgument</Code><Message>Provided max-keys not an integer or within integer range</Message><ArgumentName>max-keys</ArgumentName><ArgumentValue>lots</ArgumentValue>',
    );
  });

  it('InvalidArgument: a key the bucket folder cannot hold as a file, saying why', async () => {
    for (const Key of ['a//b.txt', '../escape.txt', 'ten.txt/under']) {
      const err = await failure(f.s3.send(new PutObjectCommand({ Bucket, Key, Body: 'x' })));
      expect(err.name).toBe('InvalidArgument');
      expect(err.message).toContain('faaslab keeps the objects of faaslab-uploads as files of its folder');
    }
  });

  it('says which S3 features faaslab does not keep (NotImplemented, 501)', async () => {
    const raw = await fetch(`${f.host.awsEndpoint}/${Bucket}/ten.txt?tagging`);
    expect(raw.status).toBe(501);
    expect(await raw.text()).toContain('<Code>NotImplemented</Code>');
  });
});
