/**
 * Workspace settings (.faaslab/settings.json): settings.get / settings.update, validation, the
 * retry delay scale's precedence, bucket folders picked by the user, and invoke.async retrying
 * with the scale the settings file gives.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/engine/engine.js';
import { AsyncInvoker, resolveRetryScale } from '../../../electron/triggers/messaging/async-invoke.js';
import { removeTempDir, waitFor } from '../../helpers/functions.js';
import { startHost, type HostFixture } from './host-fixture.js';

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
      BucketName: settings-uploads
  OnUpload:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.echo
      Events:
        Put:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events: s3:ObjectCreated:*
  Flaky:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.flaky
      EventInvokeConfig:
        MaximumRetryAttempts: 2
`;
// Fails on its first two attempts, succeeds on the third: the warm environment counts the
// attempts of each request id (retries keep the id), as the sandbox keeps it from host files.
const APP = `const attempts = new Map();
exports.echo = async (event) => event;
exports.flaky = async (event, context) => {
  const n = (attempts.get(context.awsRequestId) ?? 0) + 1;
  attempts.set(context.awsRequestId, n);
  if (n < 3) throw new Error('attempt ' + n + ' fails');
  return { attempt: n };
};
`;

let h: HostFixture;
let scratch: string;
beforeAll(async () => {
  delete process.env.FAASLAB_ASYNC_RETRY_SCALE;
  scratch = mkdtempSync(path.join(os.tmpdir(), 'faaslab-settings-'));
  // The scale comes from the settings file alone: without it the retries would wait 1 and 2 minutes.
  h = await startHost({ 'template.yaml': TEMPLATE, 'src/app.js': APP, '.faaslab/settings.json': JSON.stringify({ asyncRetryDelayScale: 0.001 }) });
});
afterAll(async () => {
  await h?.close();
  removeTempDir(scratch);
});

describe('settings', () => {
  it('reads the settings file the workspace has', async () => {
    expect(await h.call('settings.get')).toEqual({ asyncRetryDelayScale: 0.001 });
  });

  it('writes .faaslab/settings.json and pushes "settings"', async () => {
    const since = h.pushes.length;
    const next = await h.call('settings.update', { settings: { asyncRetryDelayScale: 0.002 } });
    expect(next).toEqual({ asyncRetryDelayScale: 0.002 });
    expect(JSON.parse(h.read('.faaslab/settings.json'))).toEqual({ asyncRetryDelayScale: 0.002 });
    await h.waitForPush('settings', (s) => s.asyncRetryDelayScale === 0.002, 'settings', since);
    await h.call('settings.update', { settings: { asyncRetryDelayScale: 0.001 } });
  });

  it('refuses a scale out of (0, 1] and bucket folders that are not absolute or cannot be created', async () => {
    for (const bad of [0, -1, 2]) {
      const err = await h.failure('settings.update', { settings: { asyncRetryDelayScale: bad } });
      expect(err.code).toBe('ValidationError');
      expect(Object.keys(err.fields ?? {})).toEqual(['asyncRetryDelayScale']);
    }
    const relative = await h.failure('settings.update', { settings: { bucketFolders: { Uploads: 'relative/dir' } } });
    expect(relative.code).toBe('ValidationError');
    expect(relative.fields?.['bucketFolders.Uploads']).toMatch(/not an absolute path/);
    const file = path.join(scratch, 'a-file');
    writeFileSync(file, 'x');
    const blocked = await h.failure('settings.update', { settings: { bucketFolders: { Uploads: path.join(file, 'sub') } } });
    expect(blocked.fields?.['bucketFolders.Uploads']).toMatch(/cannot create/);
    // Nothing was written by the failed updates.
    expect(JSON.parse(h.read('.faaslab/settings.json'))).toEqual({ asyncRetryDelayScale: 0.001 });
  });

  it('precedence of the retry delay scale: settings file > createHost option > FAASLAB_ASYNC_RETRY_SCALE > 1', () => {
    expect(resolveRetryScale(0.01, 0.5, { FAASLAB_ASYNC_RETRY_SCALE: '0.2' })).toBe(0.01);
    expect(resolveRetryScale(undefined, 0.5, { FAASLAB_ASYNC_RETRY_SCALE: '0.2' })).toBe(0.5);
    expect(resolveRetryScale(undefined, undefined, { FAASLAB_ASYNC_RETRY_SCALE: '0.2' })).toBe(0.2);
    expect(resolveRetryScale(undefined, undefined, {})).toBe(1);
    const invoker = new AsyncInvoker({ engine: {} as Engine, config: () => undefined, deliver: () => {}, log: () => {}, retryDelayScale: 0.5 });
    expect(invoker.retryDelayScale).toBe(0.5);
    invoker.setRetryDelayScale(0.01);
    expect(invoker.retryDelayScale).toBe(0.01);
    invoker.setRetryDelayScale(undefined);
    expect(invoker.retryDelayScale).toBe(0.5);
    invoker.close();
  });

  it('binds a bucket to the folder the user picked: a file dropped there runs the S3 function', async () => {
    const picked = path.join(scratch, 'picked', 'uploads');
    const next = await h.call('settings.update', { settings: { bucketFolders: { Uploads: picked } } });
    expect(next.bucketFolders).toEqual({ Uploads: picked });
    expect(existsSync(picked)).toBe(true);
    const [bucket] = await h.call('buckets.list');
    expect(bucket).toMatchObject({ logicalId: 'Uploads', folder: picked });
    const since = h.pushes.length;
    writeFileSync(path.join(picked, 'dropped.txt'), 'hello');
    const record = await h.waitForPush('invocation', (r) => r.logicalId === 'OnUpload' && JSON.stringify(r.response ?? '').includes('dropped.txt'), 'OnUpload for dropped.txt', since);
    expect(record.status).toBe('success');
    // buckets.put writes into the picked folder too.
    await h.call('buckets.put', { bucket: 'Uploads', key: 'put.txt', contentBase64: Buffer.from('x').toString('base64') });
    expect(readFileSync(path.join(picked, 'put.txt'), 'utf8')).toBe('x');
    // Back to the default folder.
    await h.call('settings.update', { settings: { bucketFolders: {} } });
    const [again] = await h.call('buckets.list');
    expect(again!.folder).toBe(path.join(h.dir, '.faaslab/buckets/settings-uploads'));
  });
});

describe('invoke.async', () => {
  it('queues an Event invocation: fails twice, succeeds on the third attempt, every attempt pushed with the same request id', async () => {
    const { requestId } = await h.call('invoke.async', { logicalId: 'Flaky', payload: '{}' });
    const attempts = await waitFor(
      () => {
        const mine = h.pushes.filter((p) => p.event === 'invocation' && p.data.requestId === requestId);
        return mine.length >= 3 && mine;
      },
      'three attempts',
      15_000,
    );
    expect(attempts.map((p) => (p.event === 'invocation' ? p.data.status : ''))).toEqual(['error', 'error', 'success']);
    expect(attempts.map((p) => (p.event === 'invocation' ? p.data.response : undefined))[2]).toEqual({ attempt: 3 });
  });

  it('refuses an event that is not JSON and a function that does not exist', async () => {
    expect((await h.failure('invoke.async', { logicalId: 'Flaky', payload: '{' })).code).toBe('ValidationError');
    expect((await h.failure('invoke.async', { logicalId: 'Nope', payload: '{}' })).code).toBe('NotFound');
  });
});
