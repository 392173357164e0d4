/**
 * Local S3 objects through the real @aws-sdk/client-s3 and plain fetch: an object is a file of
 * the bucket's folder, its headers and metadata are kept beside it (not in the bucket folder),
 * keys of every shape round-trip, ranges, copies, presigned links and virtual-host addressing.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import path from 'node:path';
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostFixture } from '../services/host-fixture.js';
import { s3Client, startS3Host } from './s3-fixture.js';

let f: HostFixture & { s3: import('@aws-sdk/client-s3').S3Client };
let folder: string;
beforeAll(async () => {
  f = await startS3Host();
  folder = path.join(f.dir, '.faaslab/buckets/faaslab-uploads');
});
afterAll(() => f?.close());

const md5 = (b: string | Buffer) => createHash('md5').update(b).digest('hex');
const Bucket = 'faaslab-uploads';

describe('local S3 objects', () => {
  it('puts an object as a file of the bucket folder and gives back its bytes, headers and metadata', async () => {
    const put = await f.s3.send(
      new PutObjectCommand({
        Bucket,
        Key: 'docs/report.json',
        Body: '{"ok":true}',
        ContentType: 'application/json',
        ContentEncoding: 'identity',
        CacheControl: 'max-age=60',
        ContentDisposition: 'attachment; filename="r.json"',
        Metadata: { owner: 'ana', 'trace-id': 'abc' },
      }),
    );
    expect(put.ETag).toBe(`"${md5('{"ok":true}')}"`);
    expect(put.$metadata.requestId).toMatch(/^[0-9A-F]{16}$/);
    expect(readFileSync(path.join(folder, 'docs/report.json'), 'utf8')).toBe('{"ok":true}');

    const got = await f.s3.send(new GetObjectCommand({ Bucket, Key: 'docs/report.json' }));
    expect(await got.Body!.transformToString()).toBe('{"ok":true}');
    expect(got).toMatchObject({
      ContentType: 'application/json',
      ContentEncoding: 'identity',
      CacheControl: 'max-age=60',
      ContentDisposition: 'attachment; filename="r.json"',
      Metadata: { owner: 'ana', 'trace-id': 'abc' },
      ETag: put.ETag,
      ContentLength: 11,
    });
    expect(Math.abs(got.LastModified!.getTime() - Date.now())).toBeLessThan(60_000);

    const head = await f.s3.send(new HeadObjectCommand({ Bucket, Key: 'docs/report.json' }));
    expect(head).toMatchObject({ ContentType: 'application/json', ContentLength: 11, ETag: put.ETag, Metadata: { owner: 'ana', 'trace-id': 'abc' } });
    // The metadata lives in the workspace's state folder, never as a file of the bucket.
    expect(readdirSync(path.join(folder, 'docs'))).toEqual(['report.json']);
  });

  it('round-trips keys with spaces, unicode, plus signs, percent signs and nested slashes', async () => {
    const keys = ['a b/c+d.txt', 'ünï/cödé 日本.txt', 'deep/er/and/deeper/x.bin', '100% sure?.txt', 'emoji 🎉.txt', 'semi;colon&amp=eq.txt'];
    for (const Key of keys) await f.s3.send(new PutObjectCommand({ Bucket, Key, Body: `body of ${Key}` }));
    for (const Key of keys) {
      expect(readFileSync(path.join(folder, ...Key.split('/')), 'utf8')).toBe(`body of ${Key}`);
      const got = await f.s3.send(new GetObjectCommand({ Bucket, Key }));
      expect(await got.Body!.transformToString()).toBe(`body of ${Key}`);
    }
    // '+' is a plus, not a space: there is no "a b/c d.txt".
    await expect(f.s3.send(new HeadObjectCommand({ Bucket, Key: 'a b/c d.txt' }))).rejects.toMatchObject({ name: 'NotFound', $metadata: { httpStatusCode: 404 } });
  });

  it('decodes a path once: a literal + in it is a plus, %2B too, %20 a space', async () => {
    const put = await fetch(`${f.host.awsEndpoint}/${Bucket}/raw/1+1%20is%202%2B0.txt`, { method: 'PUT', body: 'plain' });
    expect(put.status).toBe(200);
    expect(readFileSync(path.join(folder, 'raw/1+1 is 2+0.txt'), 'utf8')).toBe('plain');
    const got = await fetch(`${f.host.awsEndpoint}/${Bucket}/raw/1%2B1 is 2+0.txt`);
    expect(await got.text()).toBe('plain');
  });

  it('reads a streamed upload (aws-chunked, with a trailing checksum) as its bytes only', async () => {
    const seen: Array<string | undefined> = [];
    const client = s3Client(f.host.awsEndpoint);
    client.middlewareStack.add(
      (next) => async (args) => {
        seen.push((args.request as { headers: Record<string, string> }).headers['content-encoding']);
        return next(args);
      },
      { step: 'finalizeRequest' },
    );
    const text = 'streamed '.repeat(1000);
    await client.send(new PutObjectCommand({ Bucket, Key: 'streamed.txt', Body: Readable.from([Buffer.from(text)]), ContentLength: text.length, ContentEncoding: 'gzip' }));
    expect(seen).toEqual(['gzip,aws-chunked']);
    expect(readFileSync(path.join(folder, 'streamed.txt'), 'utf8')).toBe(text);
    const head = await f.s3.send(new HeadObjectCommand({ Bucket, Key: 'streamed.txt' }));
    expect(head).toMatchObject({ ContentLength: text.length, ContentEncoding: 'gzip', ETag: `"${md5(text)}"` });
    client.destroy();
  });

  it('checks the checksum an upload comes with, keeps it, and gives it back to a read that asks, which the SDK then checks', async () => {
    const crc = (text: string) => {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(crc32(text));
      return b.toString('base64');
    };
    const put = await f.s3.send(new PutObjectCommand({ Bucket, Key: 'checked.txt', Body: 'checked bytes' }));
    expect(put.ChecksumCRC32).toBe(crc('checked bytes'));
    const got = await f.s3.send(new GetObjectCommand({ Bucket, Key: 'checked.txt', ChecksumMode: 'ENABLED' }));
    expect(got.ChecksumCRC32).toBe(crc('checked bytes'));
    expect(await got.Body!.transformToString()).toBe('checked bytes');
    // Sent as an aws-chunked trailer by a streamed upload.
    await f.s3.send(new PutObjectCommand({ Bucket, Key: 'checked-stream.txt', Body: Readable.from([Buffer.from('streamed and checked')]), ContentLength: 20 }));
    expect((await f.s3.send(new HeadObjectCommand({ Bucket, Key: 'checked-stream.txt', ChecksumMode: 'ENABLED' }))).ChecksumCRC32).toBe(crc('streamed and checked'));

    const bad = await fetch(`${f.host.awsEndpoint}/${Bucket}/checked.txt`, { method: 'PUT', body: 'other bytes', headers: { 'x-amz-checksum-crc32': crc('checked bytes') } });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('<Code>BadDigest</Code><Message>The CRC32 you specified did not match the calculated checksum.</Message>');
    expect(readFileSync(path.join(folder, 'checked.txt'), 'utf8')).toBe('checked bytes');
  });

  it('answers a file dropped by hand with binary/octet-stream, its MD5 and no metadata', async () => {
    mkdirSync(path.join(folder, 'dropped'), { recursive: true });
    writeFileSync(path.join(folder, 'dropped/photo.jpg'), 'jpeg bytes');
    const got = await f.s3.send(new GetObjectCommand({ Bucket, Key: 'dropped/photo.jpg' }));
    expect(await got.Body!.transformToString()).toBe('jpeg bytes');
    expect(got.ContentType).toBe('binary/octet-stream');
    expect(got.ETag).toBe(`"${md5('jpeg bytes')}"`);
    expect(got.Metadata).toEqual({});
    // An object put through S3, then replaced by hand, loses the headers it was put with.
    await f.s3.send(new PutObjectCommand({ Bucket, Key: 'dropped/page.html', Body: '<p>1</p>', ContentType: 'text/html', Metadata: { v: '1' } }));
    expect((await f.s3.send(new HeadObjectCommand({ Bucket, Key: 'dropped/page.html' }))).ContentType).toBe('text/html');
    writeFileSync(path.join(folder, 'dropped/page.html'), 'replaced by an editor');
    const head = await f.s3.send(new HeadObjectCommand({ Bucket, Key: 'dropped/page.html' }));
    expect(head).toMatchObject({ ContentType: 'binary/octet-stream', Metadata: {}, ETag: `"${md5('replaced by an editor')}"`, ContentLength: 21 });
  });

  it('serves byte ranges with 206 and Content-Range', async () => {
    await f.s3.send(new PutObjectCommand({ Bucket, Key: 'range.txt', Body: '0123456789' }));
    const cases: Array<[string, string, string]> = [
      ['bytes=2-5', '2345', 'bytes 2-5/10'],
      ['bytes=7-', '789', 'bytes 7-9/10'],
      ['bytes=-3', '789', 'bytes 7-9/10'],
      ['bytes=8-100', '89', 'bytes 8-9/10'],
    ];
    for (const [Range, body, contentRange] of cases) {
      const got = await f.s3.send(new GetObjectCommand({ Bucket, Key: 'range.txt', Range }));
      expect(got.$metadata.httpStatusCode).toBe(206);
      expect(await got.Body!.transformToString()).toBe(body);
      expect(got.ContentRange).toBe(contentRange);
      expect(got.ContentLength).toBe(body.length);
    }
  });

  it('deletes an object (its file), and a delete of a missing key succeeds as in S3', async () => {
    await f.s3.send(new PutObjectCommand({ Bucket, Key: 'gone/soon.txt', Body: 'x' }));
    const del = await f.s3.send(new DeleteObjectCommand({ Bucket, Key: 'gone/soon.txt' }));
    expect(del.$metadata.httpStatusCode).toBe(204);
    expect(existsSync(path.join(folder, 'gone/soon.txt'))).toBe(false);
    expect((await f.s3.send(new DeleteObjectCommand({ Bucket, Key: 'never/was.txt' }))).$metadata.httpStatusCode).toBe(204);
  });

  it('copies objects with their metadata (COPY) or new metadata (REPLACE), across buckets too', async () => {
    await f.s3.send(new PutObjectCommand({ Bucket, Key: 'src/original file+1.txt', Body: 'copy me', ContentType: 'text/plain', Metadata: { from: 'source' } }));
    const copied = await f.s3.send(new CopyObjectCommand({ Bucket, Key: 'dst/copy.txt', CopySource: `${Bucket}/${encodeURIComponent('src/original file+1.txt')}` }));
    expect(copied.CopyObjectResult?.ETag).toBe(`"${md5('copy me')}"`);
    const got = await f.s3.send(new GetObjectCommand({ Bucket, Key: 'dst/copy.txt' }));
    expect(await got.Body!.transformToString()).toBe('copy me');
    expect(got).toMatchObject({ ContentType: 'text/plain', Metadata: { from: 'source' } });

    await f.s3.send(
      new CopyObjectCommand({
        Bucket: 'faaslab-other',
        Key: 'replaced.txt',
        CopySource: `/${Bucket}/src/original%20file%2B1.txt`,
        MetadataDirective: 'REPLACE',
        ContentType: 'text/markdown',
        Metadata: { fresh: 'yes' },
      }),
    );
    const other = await f.s3.send(new HeadObjectCommand({ Bucket: 'faaslab-other', Key: 'replaced.txt' }));
    expect(other).toMatchObject({ ContentType: 'text/markdown', Metadata: { fresh: 'yes' }, ContentLength: 7 });
    expect(readFileSync(path.join(f.dir, '.faaslab/buckets/faaslab-other/replaced.txt'), 'utf8')).toBe('copy me');

    // Onto itself, only a metadata change is a copy.
    await expect(f.s3.send(new CopyObjectCommand({ Bucket, Key: 'dst/copy.txt', CopySource: `${Bucket}/dst/copy.txt` }))).rejects.toMatchObject({ name: 'InvalidRequest' });
    await f.s3.send(new CopyObjectCommand({ Bucket, Key: 'dst/copy.txt', CopySource: `${Bucket}/dst/copy.txt`, MetadataDirective: 'REPLACE', Metadata: { v: '2' } }));
    expect((await f.s3.send(new HeadObjectCommand({ Bucket, Key: 'dst/copy.txt' }))).Metadata).toEqual({ v: '2' });
  });

  it('answers conditional reads with 304 and 412', async () => {
    const put = await f.s3.send(new PutObjectCommand({ Bucket, Key: 'cond.txt', Body: 'c' }));
    await expect(f.s3.send(new GetObjectCommand({ Bucket, Key: 'cond.txt', IfNoneMatch: put.ETag }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 304 } });
    await expect(f.s3.send(new GetObjectCommand({ Bucket, Key: 'cond.txt', IfMatch: '"0000"' }))).rejects.toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    expect(await (await f.s3.send(new GetObjectCommand({ Bucket, Key: 'cond.txt', IfMatch: put.ETag }))).Body!.transformToString()).toBe('c');
  });

  it('takes presigned GET and PUT links from plain fetch', async () => {
    const putUrl = await getSignedUrl(f.s3, new PutObjectCommand({ Bucket, Key: 'signed/up load+1.txt', ContentType: 'text/plain' }), { expiresIn: 300 });
    expect(putUrl).toContain('X-Amz-Signature=');
    const put = await fetch(putUrl, { method: 'PUT', body: 'sent by fetch', headers: { 'content-type': 'text/plain' } });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBe(`"${md5('sent by fetch')}"`);
    expect(readFileSync(path.join(folder, 'signed/up load+1.txt'), 'utf8')).toBe('sent by fetch');

    const getUrl = await getSignedUrl(f.s3, new GetObjectCommand({ Bucket, Key: 'signed/up load+1.txt', ResponseContentDisposition: 'attachment' }), { expiresIn: 300 });
    const got = await fetch(getUrl);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('sent by fetch');
    expect(got.headers.get('content-type')).toBe('text/plain');
    expect(got.headers.get('content-disposition')).toBe('attachment');

    // Expired: refused as S3 refuses it.
    const old = await getSignedUrl(f.s3, new GetObjectCommand({ Bucket, Key: 'signed/up load+1.txt' }), { expiresIn: 1, signingDate: new Date(Date.now() - 3_600_000) });
    const expired = await fetch(old);
    expect(expired.status).toBe(403);
    const text = await expired.text();
    expect(text).toContain('<Code>AccessDenied</Code>');
    expect(text).toContain('<Message>Request has expired</Message>');
  });

  it('answers virtual-host style requests (Host: <bucket>.localhost:<port>)', async () => {
    const port = new URL(f.host.awsEndpoint).port;
    // *.localhost is loopback (RFC 6761), which not every resolver knows: this agent resolves it so.
    const agent = new http.Agent({
      lookup: ((_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) => (opts.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4))) as never,
    });
    const hosts: string[] = [];
    const virtual = s3Client(`http://localhost:${port}`, { forcePathStyle: false, requestHandler: { httpAgent: agent } });
    virtual.middlewareStack.add(
      (next) => async (args) => {
        hosts.push((args.request as { hostname: string }).hostname);
        return next(args);
      },
      { step: 'finalizeRequest' },
    );
    await virtual.send(new PutObjectCommand({ Bucket, Key: 'virtual/host style.txt', Body: 'vh', ContentType: 'text/x-vh' }));
    const got = await virtual.send(new GetObjectCommand({ Bucket, Key: 'virtual/host style.txt' }));
    expect(await got.Body!.transformToString()).toBe('vh');
    expect(got.ContentType).toBe('text/x-vh');
    expect(hosts).toEqual([`${Bucket}.localhost`, `${Bucket}.localhost`]);
    expect(readFileSync(path.join(folder, 'virtual/host style.txt'), 'utf8')).toBe('vh');
    virtual.destroy();
  });
});
