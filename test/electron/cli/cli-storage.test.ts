/**
 * `faaslab serve` with buckets and tables, and `faaslab table put|delete|scan` reaching it
 * through .faaslab/host.json: real processes, real sockets, real files.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { runCli, startServe } from '../../helpers/cli.js';
import { makeTempDir, removeTempDir, waitFor, writeFiles } from '../../helpers/functions.js';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: src/
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: cli-uploads
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH
      StreamSpecification:
        StreamViewType: NEW_IMAGE
  Notes:
    Type: AWS::Serverless::SimpleTable
  OnOrder:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.log
      Events:
        Stream:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt Orders.StreamArn
            StartingPosition: LATEST
  OnUpload:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.log
      Events:
        Created:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events: s3:ObjectCreated:*
`;
const APP = `exports.log = async (event) => { for (const r of event.Records) console.log('got', r.eventName, JSON.stringify(r.dynamodb ? r.dynamodb.Keys : r.s3.object.key)); return 'ok'; };\n`;

let dir: string;
const running: ChildProcess[] = [];
beforeAll(() => {
  dir = writeFiles(makeTempDir(), { 'template.yaml': TEMPLATE, 'src/app.js': APP });
});
afterEach(() => {
  for (const p of running.splice(0)) p.kill('SIGKILL');
});
afterAll(() => removeTempDir(dir));

describe('faaslab serve with buckets and tables, and faaslab table', () => {
  it('prints each bucket with its folder and each table with its stream; table put/delete/scan go through the running host', async () => {
    const serve = await startServe(['--workspace', dir, '--api-port', '0']);
    running.push(serve.proc);
    await waitFor(() => serve.output().includes('table'), 'the table lines');
    const out = serve.output();
    expect(out).toMatch(/faaslab: 1 bucket/);
    expect(out).toContain(`cli-uploads (Uploads)  ${path.join(dir, '.faaslab/buckets/cli-uploads')}`);
    expect(out).toMatch(/faaslab: 2 tables/);
    expect(out).toContain('orders (Orders)  key id S  0 items  stream NEW_IMAGE');
    expect(out).toContain('Notes  key id S  0 items  no stream');

    const put = await runCli(['table', 'put', 'orders', '{"id": "o-1", "total": 5}', '--workspace', dir]);
    expect(put.stderr).toBe('');
    expect(put.code).toBe(0);
    expect(JSON.parse(put.stdout)).toEqual({ eventName: 'INSERT', item: { id: { S: 'o-1' }, total: { N: '5' } } });
    await waitFor(() => serve.output().includes('got INSERT {"id":{"S":"o-1"}}'), 'the stream invocation');
    // The batch's line comes once the invocation has ended, a moment after the function's own line.
    await waitFor(() => /orders stream 1 record from \d{21} -> OnOrder success/.test(serve.output()), "the stream batch's line");

    const scan = await runCli(['table', 'scan', 'Orders', '--workspace', dir]);
    expect(scan.code).toBe(0);
    expect(JSON.parse(scan.stdout)).toEqual({ Items: [{ id: { S: 'o-1' }, total: { N: '5' } }], Count: 1 });

    const bad = await runCli(['table', 'put', 'orders', '{"total": 5}', '--workspace', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Missing the key id in the item');

    const del = await runCli(['table', 'delete', 'orders', '{"id": {"S": "o-1"}}', '--workspace', dir]);
    expect(del.code).toBe(0);
    expect(JSON.parse(del.stdout)).toMatchObject({ deleted: true });
    await waitFor(() => serve.output().includes('got REMOVE {"id":{"S":"o-1"}}'), 'the REMOVE record');
    expect(existsSync(path.join(dir, '.faaslab/tables/orders.json'))).toBe(true);

    // A file dropped into the bucket's folder runs OnUpload in the running host.
    writeFileSync(path.join(dir, '.faaslab/buckets/cli-uploads/hello world.txt'), 'hi');
    await waitFor(() => serve.output().includes('got ObjectCreated:Put "hello+world.txt"'), 'the S3 invocation');
    // The activity line comes once the asynchronous invocation's attempt has finished.
    await waitFor(() => serve.output().includes('cli-uploads ObjectCreated:Put hello world.txt -> OnUpload success'), 'the S3 activity line');
  });

  it('has help, and says what is wrong', async () => {
    const help = await runCli(['table', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('faaslab table put <Table> <item-json>');
    const usage = await runCli(['table', 'put', 'orders']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('missing the item');
    const none = await runCli(['table', 'scan', 'orders', '--workspace', dir]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no faaslab host is running');
  });
});
