/**
 * Local S3 buckets: real files in .faaslab/buckets/<name>/, a real engine, and the S3 records
 * the functions receive (captured from the host's 'invocation' pushes: the functions echo).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type HostFixture } from '../../services/host-fixture.js';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: src/
    Timeout: 5
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: faaslab-uploads
  Plain:
    Type: AWS::S3::Bucket
  OnPhoto:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.echo
      Events:
        Photos:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events: s3:ObjectCreated:*
            Filter:
              S3Key:
                Rules:
                  - Name: prefix
                    Value: photos/
                  - Name: suffix
                    Value: .jpg
  OnRemove:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.echo
      Events:
        Removed:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events:
              - s3:ObjectRemoved:Delete
  OnPlain:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.echo
      Events:
        Put:
          Type: S3
          Properties:
            Bucket: !Ref Plain
            Events: s3:ObjectCreated:Put
`;
const APP = 'exports.echo = async (event) => event;\n';

interface S3Rec {
  eventName: string;
  eventSource: string;
  eventVersion: string;
  awsRegion: string;
  eventTime: string;
  s3: { bucket: { name: string; arn: string }; object: { key: string; size?: number; eTag?: string; sequencer: string } };
}

let h: HostFixture;
let uploads: string;
let plain: string;
beforeAll(async () => {
  h = await startHost({ 'template.yaml': TEMPLATE, 'src/app.js': APP });
  uploads = path.join(h.dir, '.faaslab/buckets/faaslab-uploads');
  plain = path.join(h.dir, '.faaslab/buckets/Plain');
});
afterAll(async () => {
  await h?.close();
});

/** The S3 records each invocation of `logicalId` received, in order. */
function received(logicalId: string): S3Rec[] {
  return h.pushes.flatMap((p) => (p.event === 'invocation' && p.data.logicalId === logicalId ? ((p.data.response as { Records: S3Rec[] }).Records ?? []) : []));
}

async function waitForRecords(logicalId: string, n: number): Promise<S3Rec[]> {
  const deadline = Date.now() + 10_000;
  while (received(logicalId).length < n) {
    if (Date.now() > deadline) throw new Error(`${logicalId} received ${received(logicalId).length} of ${n} records`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return received(logicalId);
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const quiet = (ms = 600) => new Promise((r) => setTimeout(r, ms));

describe('local S3 buckets', () => {
  it('binds each bucket to a folder under .faaslab/buckets/, named by BucketName or the logical id', async () => {
    const list = await h.call('buckets.list');
    expect(list).toEqual([
      { logicalId: 'Uploads', bucketName: 'faaslab-uploads', folder: uploads, objectCount: 0 },
      { logicalId: 'Plain', bucketName: 'Plain', folder: plain, objectCount: 0 },
    ]);
    expect(existsSync(uploads) && existsSync(plain)).toBe(true);
  });

  it('a created, overwritten and deleted file are ObjectCreated:Put and ObjectRemoved:Delete records', async () => {
    mkdirSync(path.join(uploads, 'photos'), { recursive: true });
    writeFileSync(path.join(uploads, 'photos/summer holiday.jpg'), 'first');
    const [put] = await waitForRecords('OnPhoto', 1);
    expect(put).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventName: 'ObjectCreated:Put',
      s3: { bucket: { name: 'faaslab-uploads', arn: 'arn:aws:s3:::faaslab-uploads' }, object: { key: 'photos/summer+holiday.jpg', size: 5, eTag: md5('first') } },
    });
    expect(Date.parse(put!.eventTime)).toBeGreaterThan(Date.now() - 60_000);
    expect(put!.s3.object.sequencer).toMatch(/^[0-9A-F]{18}$/);

    writeFileSync(path.join(uploads, 'photos/summer holiday.jpg'), 'second version');
    const [, again] = await waitForRecords('OnPhoto', 2);
    expect(again!.s3.object).toMatchObject({ key: 'photos/summer+holiday.jpg', size: 14, eTag: md5('second version') });
    expect(again!.s3.object.sequencer > put!.s3.object.sequencer).toBe(true);

    rmSync(path.join(uploads, 'photos/summer holiday.jpg'));
    const [removed] = await waitForRecords('OnRemove', 1);
    expect(removed).toMatchObject({ eventName: 'ObjectRemoved:Delete', s3: { bucket: { name: 'faaslab-uploads' }, object: { key: 'photos/summer+holiday.jpg' } } });
    expect(removed!.s3.object.size).toBeUndefined();
    expect(removed!.s3.object.sequencer > again!.s3.object.sequencer).toBe(true);
    // The delete is not an ObjectCreated event.
    await quiet(300);
    expect(received('OnPhoto')).toHaveLength(2);
  });

  it('honours the prefix and suffix filters and the event types', async () => {
    const before = received('OnPhoto').length;
    const removesBefore = received('OnRemove').length;
    writeFileSync(path.join(uploads, 'photos/cat.png'), 'png');
    mkdirSync(path.join(uploads, 'docs'), { recursive: true });
    writeFileSync(path.join(uploads, 'docs/cat.jpg'), 'jpg');
    await quiet();
    expect(received('OnPhoto')).toHaveLength(before);
    // OnRemove takes only deletes, whatever the key.
    expect(received('OnRemove')).toHaveLength(removesBefore);
    writeFileSync(path.join(uploads, 'photos/b c+d.jpg'), 'x');
    const records = await waitForRecords('OnPhoto', before + 1);
    expect(records[before]!.s3.object.key).toBe('photos/b+c%2Bd.jpg');
    rmSync(path.join(uploads, 'docs/cat.jpg'));
    const removes = await waitForRecords('OnRemove', removesBefore + 1);
    expect(removes[removesBefore]!.s3.object.key).toBe('docs/cat.jpg');
  });

  it('a file written in pieces is reported once, whole', async () => {
    const before = received('OnPhoto').length;
    const fd = openSync(path.join(uploads, 'photos/big.jpg'), 'w');
    for (let i = 0; i < 5; i++) {
      writeSync(fd, 'x'.repeat(1000));
      await new Promise((r) => setTimeout(r, 60));
    }
    closeSync(fd);
    const records = await waitForRecords('OnPhoto', before + 1);
    await quiet(400);
    expect(received('OnPhoto')).toHaveLength(before + 1);
    expect(records[before]!.s3.object).toMatchObject({ key: 'photos/big.jpg', size: 5000, eTag: md5('x'.repeat(5000)) });
  });

  it('buckets.put produces the same event as a dropped file; buckets.objects lists it; buckets.delete removes it', async () => {
    writeFileSync(path.join(plain, 'dropped file.txt'), 'same content');
    const [dropped] = await waitForRecords('OnPlain', 1);
    const put = await h.call('buckets.put', { bucket: 'Plain', key: 'nested/up loaded.txt', contentBase64: Buffer.from('same content').toString('base64') });
    expect(put).toEqual({ key: 'nested/up loaded.txt', size: 12 });
    const [, uploaded] = await waitForRecords('OnPlain', 2);
    const shape = (r: S3Rec) => ({ ...r, eventTime: '', responseElements: undefined, s3: { ...r.s3, object: { ...r.s3.object, key: '', sequencer: '' } } });
    expect(shape(uploaded!)).toEqual(shape(dropped!));
    expect(uploaded!.s3.object).toMatchObject({ key: 'nested/up+loaded.txt', size: 12, eTag: md5('same content') });

    const objects = await h.call('buckets.objects', { bucket: 'Plain' });
    expect(objects.map((o) => [o.key, o.size])).toEqual([
      ['dropped file.txt', 12],
      ['nested/up loaded.txt', 12],
    ]);
    expect(Date.parse(objects[0]!.modified)).toBeGreaterThan(0);
    expect((await h.call('buckets.list')).find((b) => b.logicalId === 'Plain')!.objectCount).toBe(2);

    expect(await h.call('buckets.delete', { bucket: 'Plain', key: 'nested/up loaded.txt' })).toEqual({ deleted: true });
    expect(existsSync(path.join(plain, 'nested/up loaded.txt'))).toBe(false);
    expect((await h.failure('buckets.put', { bucket: 'Plain', key: '../escape.txt', contentBase64: '' })).code).toBe('ValidationError');
    expect((await h.failure('buckets.objects', { bucket: 'Nope' })).code).toBe('NotFound');
  });

  it('reports each invocation as s3 activity', async () => {
    const activity = await h.waitForPush('activity', (a) => a.trigger === 's3' && a.logicalId === 'OnPlain');
    expect(activity).toMatchObject({ kind: 's3', status: 'success', route: 'Plain ObjectCreated:Put dropped file.txt' });
  });
});
