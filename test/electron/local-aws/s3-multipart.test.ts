/**
 * Multipart uploads through @aws-sdk/lib-storage and the low-level commands, and the S3 events
 * the endpoint's writes raise: ObjectCreated:Put, :Copy and :CompleteMultipartUpload, each from
 * the bucket folder's watcher, named by the write the endpoint made.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostFixture } from '../services/host-fixture.js';
import { waitFor } from '../../helpers/functions.js';
import { startS3Host } from './s3-fixture.js';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: faaslab-uploads
  OnCreated:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: src/
      Handler: app.echo
      Events:
        Created:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events: s3:ObjectCreated:*
  OnPutOnly:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: src/
      Handler: app.echo
      Events:
        Put:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events: s3:ObjectCreated:Put
`;

interface S3Rec {
  eventName: string;
  s3: { object: { key: string; size?: number; eTag?: string } };
}

let f: HostFixture & { s3: S3Client };
const Bucket = 'faaslab-uploads';
const md5 = (b: Buffer) => createHash('md5').update(b).digest();
const MB = 1024 * 1024;

beforeAll(async () => {
  f = await startS3Host({ 'template.yaml': TEMPLATE, 'src/app.js': 'exports.echo = async (event) => event;\n' });
});
afterAll(() => f?.close());

function received(logicalId: string): S3Rec[] {
  return f.pushes.flatMap((p) => (p.event === 'invocation' && p.data.logicalId === logicalId ? ((p.data.response as { Records?: S3Rec[] }).Records ?? []) : []));
}

const recordFor = (logicalId: string, key: string) => waitFor(() => received(logicalId).find((r) => r.s3.object.key === key), `${logicalId}'s record of ${key}`);

describe('local S3 multipart uploads and event names', () => {
  it("uploads a large object in parts with lib-storage: the ETag is S3's, the parts stay out of the bucket folder", async () => {
    const body = randomBytes(11 * MB);
    const parts = [body.subarray(0, 5 * MB), body.subarray(5 * MB, 10 * MB), body.subarray(10 * MB)];
    const expected = `${createHash('md5')
      .update(Buffer.concat(parts.map(md5)))
      .digest('hex')}-3`;
    const uploadsDir = path.join(f.dir, '.faaslab/s3/uploads');
    const bucketDir = path.join(f.dir, '.faaslab/buckets', Bucket);
    let sawParts = false;
    const upload = new Upload({ client: f.s3, params: { Bucket, Key: 'big/file 1.bin', Body: body, ContentType: 'application/x-big', Metadata: { kind: 'big' } }, partSize: 5 * MB, queueSize: 1 });
    upload.on('httpUploadProgress', () => {
      if (existsSync(uploadsDir) && readdirSync(uploadsDir).length > 0) sawParts = true;
    });
    const out = await upload.done();
    expect(out.ETag).toBe(`"${expected}"`);
    expect(sawParts).toBe(true);
    expect(readdirSync(uploadsDir)).toEqual([]);
    expect(readdirSync(bucketDir)).toEqual(['big']);
    expect(md5(readFileSync(path.join(bucketDir, 'big/file 1.bin')))).toEqual(md5(body));
    const head = await f.s3.send(new HeadObjectCommand({ Bucket, Key: 'big/file 1.bin' }));
    expect(head).toMatchObject({ ETag: `"${expected}"`, ContentLength: body.length, ContentType: 'application/x-big', Metadata: { kind: 'big' } });

    const rec = await recordFor('OnCreated', 'big/file+1.bin');
    expect(rec).toMatchObject({ eventName: 'ObjectCreated:CompleteMultipartUpload', s3: { object: { size: body.length, eTag: expected } } });
  });

  it('raises ObjectCreated:Put for a PutObject and ObjectCreated:Copy for a CopyObject, which a Put-only trigger does not take', async () => {
    await f.s3.send(new PutObjectCommand({ Bucket, Key: 'events/put.txt', Body: 'p' }));
    expect(await recordFor('OnCreated', 'events/put.txt')).toMatchObject({ eventName: 'ObjectCreated:Put' });
    expect(await recordFor('OnPutOnly', 'events/put.txt')).toMatchObject({ eventName: 'ObjectCreated:Put' });
    await f.s3.send(new CopyObjectCommand({ Bucket, Key: 'events/copy.txt', CopySource: `${Bucket}/events/put.txt` }));
    expect(await recordFor('OnCreated', 'events/copy.txt')).toMatchObject({ eventName: 'ObjectCreated:Copy', s3: { object: { size: 1 } } });
    // A later Put of the copy's key is a Put again, and reaches the Put-only trigger.
    await f.s3.send(new PutObjectCommand({ Bucket, Key: 'events/copy.txt', Body: 'pp' }));
    expect(await recordFor('OnPutOnly', 'events/copy.txt')).toMatchObject({ eventName: 'ObjectCreated:Put', s3: { object: { size: 2 } } });
    expect(received('OnPutOnly').filter((r) => r.eventName !== 'ObjectCreated:Put')).toEqual([]);
  });

  it("lists an upload's parts and the bucket's unfinished uploads", async () => {
    const { UploadId } = await f.s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'listed/upload.bin' }));
    await f.s3.send(new UploadPartCommand({ Bucket, Key: 'listed/upload.bin', UploadId, PartNumber: 2, Body: 'second' }));
    await f.s3.send(new UploadPartCommand({ Bucket, Key: 'listed/upload.bin', UploadId, PartNumber: 1, Body: 'first!!' }));
    const parts = await f.s3.send(new ListPartsCommand({ Bucket, Key: 'listed/upload.bin', UploadId }));
    expect(parts.Parts?.map((p) => [p.PartNumber, p.Size, p.ETag])).toEqual([
      [1, 7, `"${md5(Buffer.from('first!!')).toString('hex')}"`],
      [2, 6, `"${md5(Buffer.from('second')).toString('hex')}"`],
    ]);
    const uploads = await f.s3.send(new ListMultipartUploadsCommand({ Bucket }));
    expect(uploads.Uploads?.map((u) => [u.Key, u.UploadId])).toEqual([['listed/upload.bin', UploadId]]);
    await f.s3.send(new AbortMultipartUploadCommand({ Bucket, Key: 'listed/upload.bin', UploadId }));
    expect((await f.s3.send(new ListMultipartUploadsCommand({ Bucket }))).Uploads).toBeUndefined();
  });

  it('aborts an upload, which is then gone', async () => {
    const { UploadId } = await f.s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'aborted.bin' }));
    await f.s3.send(new UploadPartCommand({ Bucket, Key: 'aborted.bin', UploadId, PartNumber: 1, Body: 'part' }));
    await f.s3.send(new AbortMultipartUploadCommand({ Bucket, Key: 'aborted.bin', UploadId }));
    const err = await f.s3.send(new UploadPartCommand({ Bucket, Key: 'aborted.bin', UploadId, PartNumber: 2, Body: 'late' })).catch((e: Error) => e);
    expect(err).toMatchObject({ name: 'NoSuchUpload', $metadata: { httpStatusCode: 404 } });
    expect((err as Error).message).toBe('The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.');
    await expect(f.s3.send(new GetObjectCommand({ Bucket, Key: 'aborted.bin' }))).rejects.toMatchObject({ name: 'NoSuchKey' });
  });

  it('refuses a completion listing a part that is not there, parts out of order, or a small part before the last', async () => {
    const { UploadId } = await f.s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'picky.bin' }));
    const one = await f.s3.send(new UploadPartCommand({ Bucket, Key: 'picky.bin', UploadId, PartNumber: 1, Body: 'small' }));
    const two = await f.s3.send(new UploadPartCommand({ Bucket, Key: 'picky.bin', UploadId, PartNumber: 2, Body: 'last' }));
    const complete = (Parts: Array<{ PartNumber: number; ETag?: string }>) => f.s3.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'picky.bin', UploadId, MultipartUpload: { Parts } }));
    await expect(
      complete([
        { PartNumber: 1, ETag: one.ETag },
        { PartNumber: 3, ETag: two.ETag },
      ]),
    ).rejects.toMatchObject({ name: 'InvalidPart', $metadata: { httpStatusCode: 400 } });
    await expect(complete([{ PartNumber: 1, ETag: '"00000000000000000000000000000000"' }])).rejects.toMatchObject({ name: 'InvalidPart' });
    await expect(
      complete([
        { PartNumber: 2, ETag: two.ETag },
        { PartNumber: 1, ETag: one.ETag },
      ]),
    ).rejects.toMatchObject({ name: 'InvalidPartOrder' });
    await expect(
      complete([
        { PartNumber: 1, ETag: one.ETag },
        { PartNumber: 2, ETag: two.ETag },
      ]),
    ).rejects.toMatchObject({ name: 'EntityTooSmall' });
    // A single small part is a whole object.
    const done = await complete([{ PartNumber: 2, ETag: two.ETag }]);
    expect(done.ETag).toBe(
      `"${createHash('md5')
        .update(md5(Buffer.from('last')))
        .digest('hex')}-1"`,
    );
    expect(await (await f.s3.send(new GetObjectCommand({ Bucket, Key: 'picky.bin' }))).Body!.transformToString()).toBe('last');
  });
});
