/**
 * The 'buckets' push: whatever changes a bucket's objects (a function's S3 call, the UI, a file
 * dropped in its folder) tells the renderer which bucket changed, so an open bucket view follows
 * even when no S3 trigger is configured on it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type HostFixture } from './host-fixture.js';

const FILES = {
  'template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: uploads-bucket
  Noop:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: fn/
      Handler: index.handler
`,
  'fn/index.mjs': 'export const handler = async () => 1;\n',
};

describe("the 'buckets' push", () => {
  let f: HostFixture;
  beforeAll(async () => {
    f = await startHost(FILES);
  });
  afterAll(() => f?.close());

  it('names the bucket whose objects changed, with the new counts', async () => {
    const since = f.pushes.length;
    await f.call('buckets.put', { bucket: 'Uploads', key: 'a.txt', contentBase64: Buffer.from('a').toString('base64') });
    const pushed = await f.waitForPush('buckets', (d) => d.changed.includes('uploads-bucket'), 'a buckets push', since);
    expect(pushed.buckets.find((b) => b.bucketName === 'uploads-bucket')?.objectCount).toBe(1);
  });

  it('follows a file dropped into the folder by hand', async () => {
    const since = f.pushes.length;
    const folder = (await f.call('buckets.list', {}))[0]!.folder;
    writeFileSync(path.join(folder, 'dropped.txt'), 'b');
    const pushed = await f.waitForPush('buckets', (d) => d.buckets[0]!.objectCount === 2, 'a push with two objects', since);
    expect(pushed.changed).toEqual(['uploads-bucket']);
  });
});
