/**
 * Listing local S3 buckets and their objects through the real @aws-sdk/client-s3: ListBuckets,
 * HeadBucket, ListObjectsV2 (prefix, delimiter, max-keys, continuation tokens, start-after),
 * ListObjects (v1) and DeleteObjects, over files of the bucket folders.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostFixture } from '../services/host-fixture.js';
import { startS3Host } from './s3-fixture.js';

let f: HostFixture & { s3: S3Client };
const Bucket = 'faaslab-uploads';
const KEYS = ['a.txt', 'b/1.txt', 'b/2.txt', 'b/c/3.txt', 'b/c/4.txt', 'd e/5.txt', 'z+z.txt', 'ü.txt'];

beforeAll(async () => {
  f = await startS3Host();
  for (const Key of KEYS) await f.s3.send(new PutObjectCommand({ Bucket, Key, Body: `<${Key}>` }));
});
afterAll(() => f?.close());

/** Every key and prefix of a listing, page by page, following the continuation tokens. */
async function allPages(input: { Prefix?: string; Delimiter?: string; MaxKeys?: number; StartAfter?: string }) {
  const pages: Array<{ keys: string[]; prefixes: string[]; count: number; truncated: boolean }> = [];
  let ContinuationToken: string | undefined;
  do {
    const out = await f.s3.send(new ListObjectsV2Command({ Bucket, ...input, ContinuationToken }));
    pages.push({ keys: (out.Contents ?? []).map((c) => c.Key!), prefixes: (out.CommonPrefixes ?? []).map((p) => p.Prefix!), count: out.KeyCount!, truncated: out.IsTruncated! });
    ContinuationToken = out.NextContinuationToken;
    if (pages.length > 20) throw new Error('the listing does not end');
  } while (ContinuationToken);
  return pages;
}

describe('local S3 listings', () => {
  it('lists the workspace buckets and answers HeadBucket', async () => {
    const out = await f.s3.send(new ListBucketsCommand({}));
    expect(out.Buckets?.map((b) => b.Name)).toEqual(['faaslab-other', 'faaslab-uploads']);
    expect((await f.s3.send(new ListBucketsCommand({ Prefix: 'faaslab-u' }))).Buckets?.map((b) => b.Name)).toEqual(['faaslab-uploads']);
    expect(out.Buckets![0]!.CreationDate).toBeInstanceOf(Date);
    expect((await f.s3.send(new HeadBucketCommand({ Bucket }))).$metadata.httpStatusCode).toBe(200);
    await expect(f.s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' }))).rejects.toMatchObject({ name: 'NotFound', $metadata: { httpStatusCode: 404 } });
  });

  it('lists every key in S3 order (by UTF-8 bytes) with sizes, ETags and times', async () => {
    const out = await f.s3.send(new ListObjectsV2Command({ Bucket }));
    expect(out.Contents?.map((c) => c.Key)).toEqual(KEYS);
    expect(out).toMatchObject({ KeyCount: KEYS.length, MaxKeys: 1000, IsTruncated: false, Name: Bucket });
    const first = out.Contents![0]!;
    expect(first).toMatchObject({ Key: 'a.txt', Size: 7, StorageClass: 'STANDARD' });
    expect(first.Owner).toBeUndefined();
    const owned = await f.s3.send(new ListObjectsV2Command({ Bucket, FetchOwner: true, MaxKeys: 1 }));
    expect(owned.Contents![0]!.Owner).toEqual({ ID: 'faaslab-local-owner', DisplayName: 'faaslab' });
    expect(first.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.LastModified).toBeInstanceOf(Date);
  });

  it('rolls keys up into CommonPrefixes by a delimiter, under a prefix', async () => {
    const top = await f.s3.send(new ListObjectsV2Command({ Bucket, Delimiter: '/' }));
    expect(top.Contents?.map((c) => c.Key)).toEqual(['a.txt', 'z+z.txt', 'ü.txt']);
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['b/', 'd e/']);
    expect(top.KeyCount).toBe(5);
    const b = await f.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'b/', Delimiter: '/' }));
    expect(b.Contents?.map((c) => c.Key)).toEqual(['b/1.txt', 'b/2.txt']);
    expect(b.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['b/c/']);
    const partial = await f.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'b/c/' }));
    expect(partial.Contents?.map((c) => c.Key)).toEqual(['b/c/3.txt', 'b/c/4.txt']);
    const none = await f.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'nothing/' }));
    expect(none).toMatchObject({ KeyCount: 0, IsTruncated: false });
    expect(none.Contents).toBeUndefined();
  });

  it('pages by max-keys with continuation tokens, a common prefix counting as one', async () => {
    const pages = await allPages({ MaxKeys: 3 });
    expect(pages.map((p) => p.keys)).toEqual([KEYS.slice(0, 3), KEYS.slice(3, 6), KEYS.slice(6)]);
    expect(pages.map((p) => p.truncated)).toEqual([true, true, false]);
    const rolled = await allPages({ MaxKeys: 2, Delimiter: '/' });
    expect(rolled.map((p) => [...p.keys, ...p.prefixes].sort())).toEqual([['a.txt', 'b/'], ['d e/', 'z+z.txt'], ['ü.txt']]);
    expect(rolled.map((p) => p.count)).toEqual([2, 2, 1]);
  });

  it('starts after a key', async () => {
    const out = await f.s3.send(new ListObjectsV2Command({ Bucket, StartAfter: 'b/c/3.txt' }));
    expect(out.Contents?.map((c) => c.Key)).toEqual(KEYS.slice(4));
    expect(out.StartAfter).toBe('b/c/3.txt');
  });

  it('lists with ListObjects (v1) markers too', async () => {
    const first = await f.s3.send(new ListObjectsCommand({ Bucket, MaxKeys: 2, Delimiter: '/' }));
    expect(first.Contents?.map((c) => c.Key)).toEqual(['a.txt']);
    expect(first.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['b/']);
    expect(first).toMatchObject({ IsTruncated: true, NextMarker: 'b/' });
    const next = await f.s3.send(new ListObjectsCommand({ Bucket, Delimiter: '/', Marker: first.NextMarker }));
    expect([...(next.Contents ?? []).map((c) => c.Key), ...(next.CommonPrefixes ?? []).map((p) => p.Prefix)]).toEqual(['z+z.txt', 'ü.txt', 'd e/']);
  });

  it('sees files dropped into the bucket folder at once', async () => {
    const folder = path.join(f.dir, '.faaslab/buckets/faaslab-other');
    mkdirSync(path.join(folder, 'by hand'), { recursive: true });
    writeFileSync(path.join(folder, 'by hand/x.csv'), 'a,b');
    const out = await f.s3.send(new ListObjectsV2Command({ Bucket: 'faaslab-other' }));
    expect(out.Contents?.map((c) => [c.Key, c.Size])).toEqual([['by hand/x.csv', 3]]);
  });

  it('deletes many keys at once, reporting each unless Quiet', async () => {
    const folder = path.join(f.dir, '.faaslab/buckets', Bucket);
    for (const Key of ['del/1', 'del/2', 'del/3']) await f.s3.send(new PutObjectCommand({ Bucket, Key, Body: 'x' }));
    const out = await f.s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'del/1' }, { Key: 'del/2' }, { Key: 'del/never' }] } }));
    expect(out.Deleted?.map((d) => d.Key)).toEqual(['del/1', 'del/2', 'del/never']);
    expect(out.Errors).toBeUndefined();
    expect(existsSync(path.join(folder, 'del/1')) || existsSync(path.join(folder, 'del/2'))).toBe(false);
    const quiet = await f.s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'del/3' }], Quiet: true } }));
    expect(quiet.Deleted).toBeUndefined();
    expect(existsSync(path.join(folder, 'del/3'))).toBe(false);
  });

  it('keeps a folder key (what the console\'s "Create folder" puts) as a folder; a folder left empty or made by hand is no object', async () => {
    const Bucket = 'faaslab-other';
    const folder = path.join(f.dir, '.faaslab/buckets', Bucket);
    const put = await f.s3.send(new PutObjectCommand({ Bucket, Key: 'new folder/', Body: '' }));
    expect(put.ETag).toBe('"d41d8cd98f00b204e9800998ecf8427e"');
    expect(readdirSync(path.join(folder, 'new folder'))).toEqual([]);
    expect((await f.s3.send(new HeadObjectCommand({ Bucket, Key: 'new folder/' }))).ContentLength).toBe(0);
    const flat = await f.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'new' }));
    expect(flat.Contents?.map((c) => [c.Key, c.Size])).toEqual([['new folder/', 0]]);
    const rolled = await f.s3.send(new ListObjectsV2Command({ Bucket, Delimiter: '/' }));
    expect(rolled.CommonPrefixes?.map((p) => p.Prefix)).toContain('new folder/');
    // Still an object with objects under it, as in S3.
    await f.s3.send(new PutObjectCommand({ Bucket, Key: 'new folder/inside.txt', Body: 'in' }));
    expect((await f.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'new' }))).Contents?.map((c) => c.Key)).toEqual(['new folder/', 'new folder/inside.txt']);
    await f.s3.send(new DeleteObjectCommand({ Bucket, Key: 'new folder/inside.txt' }));
    mkdirSync(path.join(folder, 'made by hand'));
    await f.s3.send(new PutObjectCommand({ Bucket, Key: 'left/empty.txt', Body: 'x' }));
    await f.s3.send(new DeleteObjectCommand({ Bucket, Key: 'left/empty.txt' }));
    expect((await f.s3.send(new ListObjectsV2Command({ Bucket }))).Contents?.map((c) => c.Key)).toEqual(['by hand/x.csv', 'new folder/']);
    await expect(f.s3.send(new HeadObjectCommand({ Bucket, Key: 'made by hand/' }))).rejects.toMatchObject({ name: 'NotFound' });
    await expect(f.s3.send(new PutObjectCommand({ Bucket, Key: 'full folder/', Body: 'bytes' }))).rejects.toMatchObject({ name: 'InvalidArgument' });
    await f.s3.send(new DeleteObjectCommand({ Bucket, Key: 'new folder/' }));
    expect(existsSync(path.join(folder, 'new folder'))).toBe(false);
  });
});
