/**
 * Local DynamoDB tables: marshalling, key validation, persistence across hosts, and stream
 * records delivered to real functions (captured from 'invocation' pushes: the functions echo).
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from '../../../../electron/services/create-host.js';
import { startHost, type HostFixture } from '../../services/host-fixture.js';
import { removeTempDir } from '../../../helpers/functions.js';

const streamTable = (id: string, name: string, view: string) => `  ${id}:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: ${name}
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH
      StreamSpecification:
        StreamViewType: ${view}
`;
const handler = (id: string, table: string, handlerName: string, extra = '') => `  ${id}:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.${handlerName}
      Events:
        Stream:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt ${table}.StreamArn
            StartingPosition: TRIM_HORIZON
            MaximumBatchingWindowInSeconds: 1
${extra}`;

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: src/
    Timeout: 5
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
      AttributeDefinitions:
        - AttributeName: pk
          AttributeType: S
        - AttributeName: sk
          AttributeType: N
      KeySchema:
        - AttributeName: pk
          KeyType: HASH
        - AttributeName: sk
          KeyType: RANGE
      StreamSpecification:
        StreamViewType: NEW_AND_OLD_IMAGES
${streamTable('KeysTable', 'keys-table', 'KEYS_ONLY')}${streamTable('NewTable', 'new-table', 'NEW_IMAGE')}${streamTable('OldTable', 'old-table', 'OLD_IMAGE')}${streamTable('FlakyTable', 'flaky-table', 'NEW_IMAGE')}
  Simple:
    Type: AWS::Serverless::SimpleTable
    Properties:
      PrimaryKey:
        Name: code
        Type: Number
  Plain:
    Type: AWS::Serverless::SimpleTable
${handler('OrdersHandler', 'Orders', 'echo', '            BatchSize: 2\n')}${handler('KeysHandler', 'KeysTable', 'echo')}${handler('NewHandler', 'NewTable', 'echo')}${handler('OldHandler', 'OldTable', 'echo')}${handler('FlakyHandler', 'FlakyTable', 'flaky', '            BatchSize: 3\n            FunctionResponseTypes:\n              - ReportBatchItemFailures\n')}`;

const APP = `exports.echo = async (event) => event;
let failedOnce = false;
exports.flaky = async (event) => {
  const second = event.Records[1];
  if (second && !failedOnce) {
    failedOnce = true;
    return { batchItemFailures: [{ itemIdentifier: second.dynamodb.SequenceNumber }] };
  }
  return event;
};
`;
const FILES = { 'template.yaml': TEMPLATE, 'src/app.js': APP };

interface StreamRec {
  eventID: string;
  eventName: string;
  eventVersion: string;
  eventSource: string;
  awsRegion: string;
  eventSourceARN: string;
  dynamodb: { ApproximateCreationDateTime: number; Keys: unknown; NewImage?: unknown; OldImage?: unknown; SequenceNumber: string; SizeBytes: number; StreamViewType: string };
}

let h: HostFixture;
beforeAll(async () => {
  h = await startHost(FILES);
});
afterAll(async () => {
  await h?.close();
});

/** The batches each invocation of `logicalId` received, in order. */
function batches(logicalId: string): StreamRec[][] {
  return h.pushes.flatMap((p) => (p.event === 'invocation' && p.data.logicalId === logicalId ? [(p.data.response as { Records?: StreamRec[] })?.Records ?? []] : []));
}

async function waitForBatches(logicalId: string, records: number): Promise<StreamRec[][]> {
  const deadline = Date.now() + 10_000;
  while (batches(logicalId).flat().length < records) {
    if (Date.now() > deadline) throw new Error(`${logicalId} received ${batches(logicalId).flat().length} of ${records} records`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return batches(logicalId);
}

const put = (table: string, item: unknown) => h.call('tables.put', { table, item: JSON.stringify(item) });

describe('local DynamoDB tables', () => {
  it('lists the tables: DynamoDB tables with their key schema and stream, SimpleTables with theirs', async () => {
    const tables = await h.call('tables.list');
    expect(tables.map((t) => t.tableName)).toEqual(['orders', 'keys-table', 'new-table', 'old-table', 'flaky-table', 'Simple', 'Plain']);
    expect(tables[0]).toMatchObject({
      logicalId: 'Orders',
      itemCount: 0,
      streamViewType: 'NEW_AND_OLD_IMAGES',
      keySchema: [
        { name: 'pk', type: 'S', keyType: 'HASH' },
        { name: 'sk', type: 'N', keyType: 'RANGE' },
      ],
      file: path.join(h.dir, '.faaslab/tables/orders.json'),
    });
    expect(tables[0]!.streamArn).toMatch(/^arn:aws:dynamodb:us-east-1:\d{12}:table\/orders\/stream\/\d{4}-\d\d-\d\dT/);
    expect(tables[5]).toMatchObject({ logicalId: 'Simple', keySchema: [{ name: 'code', type: 'N', keyType: 'HASH' }] });
    expect(tables[5]!.streamViewType).toBeUndefined();
    expect(tables[6]).toMatchObject({ keySchema: [{ name: 'id', type: 'S', keyType: 'HASH' }] });
  });

  it('marshals plain JSON items, takes DynamoDB JSON as it is, and replaces items by key', async () => {
    const first = await put('Plain', { id: 'a', n: 1.5, ok: true, none: null, tags: ['x', 2], nested: { deep: { v: 'w' } } });
    expect(first.eventName).toBe('INSERT');
    expect(first.item).toEqual({
      id: { S: 'a' },
      n: { N: '1.5' },
      ok: { BOOL: true },
      none: { NULL: true },
      tags: { L: [{ S: 'x' }, { N: '2' }] },
      nested: { M: { deep: { M: { v: { S: 'w' } } } } },
    });
    const second = await put('Plain', { id: { S: 'a' }, count: { N: '3' } });
    expect(second).toEqual({ eventName: 'MODIFY', item: { id: { S: 'a' }, count: { N: '3' } }, oldItem: first.item });
    expect((await h.call('tables.scan', { table: 'Plain' })).items).toEqual([{ id: { S: 'a' }, count: { N: '3' } }]);
    expect(await h.call('tables.delete', { table: 'Plain', key: '{"id":"a"}' })).toEqual({ deleted: true, oldItem: second.item });
    expect(await h.call('tables.delete', { table: 'Plain', key: '{"id":"a"}' })).toEqual({ deleted: false });
    expect((await h.call('tables.scan', { table: 'Plain' })).count).toBe(0);
  });

  it('validates the key attributes', async () => {
    const missing = await h.failure('tables.put', { table: 'orders', item: '{"pk": "a"}' });
    expect(missing).toMatchObject({ code: 'ValidationError', message: 'One or more parameter values were invalid: Missing the key sk in the item' });
    const wrongType = await h.failure('tables.put', { table: 'orders', item: '{"pk": "a", "sk": "1"}' });
    expect(wrongType.message).toBe('One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S');
    expect((await h.failure('tables.put', { table: 'orders', item: 'not json' })).code).toBe('ValidationError');
    expect((await h.failure('tables.delete', { table: 'orders', key: '{"pk": "a"}' })).message).toBe('The provided key element does not match the schema');
    expect((await h.failure('tables.scan', { table: 'nope' })).code).toBe('NotFound');
  });

  it('streams INSERT, MODIFY and REMOVE in order, in batches of BatchSize, with NEW_AND_OLD_IMAGES', async () => {
    await put('orders', { pk: 'o1', sk: 1, total: 10 });
    await put('orders', { pk: 'o1', sk: 1, total: 12 });
    await h.call('tables.delete', { table: 'orders', key: '{"pk": "o1", "sk": 1}' });
    const got = await waitForBatches('OrdersHandler', 3);
    expect(got.map((b) => b.length)).toEqual([2, 1]);
    const records = got.flat();
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    const keys = { pk: { S: 'o1' }, sk: { N: '1' } };
    const v1 = { ...keys, total: { N: '10' } };
    const v2 = { ...keys, total: { N: '12' } };
    expect(records[0]).toMatchObject({ eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: 'us-east-1', dynamodb: { Keys: keys, NewImage: v1, StreamViewType: 'NEW_AND_OLD_IMAGES' } });
    expect(records[0]!.dynamodb.OldImage).toBeUndefined();
    expect(records[1]!.dynamodb).toMatchObject({ NewImage: v2, OldImage: v1 });
    expect(records[2]!.dynamodb).toMatchObject({ Keys: keys, OldImage: v2 });
    expect(records[2]!.dynamodb.NewImage).toBeUndefined();
    const arn = (await h.call('tables.list'))[0]!.streamArn;
    for (const r of records) {
      expect(r.eventSourceARN).toBe(arn);
      expect(r.dynamodb.SequenceNumber).toMatch(/^\d{21}$/);
      expect(r.dynamodb.SizeBytes).toBeGreaterThan(0);
      expect(Math.abs(r.dynamodb.ApproximateCreationDateTime - Date.now() / 1000)).toBeLessThan(60);
    }
    const seqs = records.map((r) => BigInt(r.dynamodb.SequenceNumber));
    expect(seqs[0]! < seqs[1]! && seqs[1]! < seqs[2]!).toBe(true);
    expect(new Set(records.map((r) => r.eventID)).size).toBe(3);
  });

  it('carries the images each StreamViewType asks for', async () => {
    for (const table of ['keys-table', 'new-table', 'old-table']) {
      await put(table, { id: 'k', v: 1 });
      await put(table, { id: 'k', v: 2 });
    }
    const images = async (fn: string) => (await waitForBatches(fn, 2)).flat().map((r) => [r.eventName, r.dynamodb.NewImage ?? null, r.dynamodb.OldImage ?? null, r.dynamodb.StreamViewType]);
    const k = { id: { S: 'k' } };
    expect(await images('KeysHandler')).toEqual([
      ['INSERT', null, null, 'KEYS_ONLY'],
      ['MODIFY', null, null, 'KEYS_ONLY'],
    ]);
    expect(await images('NewHandler')).toEqual([
      ['INSERT', { ...k, v: { N: '1' } }, null, 'NEW_IMAGE'],
      ['MODIFY', { ...k, v: { N: '2' } }, null, 'NEW_IMAGE'],
    ]);
    expect(await images('OldHandler')).toEqual([
      ['INSERT', null, null, 'OLD_IMAGE'],
      ['MODIFY', null, { ...k, v: { N: '1' } }, 'OLD_IMAGE'],
    ]);
  });

  it('ReportBatchItemFailures: resumes from the lowest failed sequence number', async () => {
    for (const id of ['r1', 'r2', 'r3']) await put('flaky-table', { id });
    const deadline = Date.now() + 10_000;
    while (batches('FlakyHandler').length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 300));
    const all = h.pushes.filter((p) => p.event === 'invocation' && p.data.logicalId === 'FlakyHandler');
    expect(all).toHaveLength(2);
    // The first answer was {"batchItemFailures": [...]}: no Records echoed; the second got r2 and r3 again.
    expect((all[0]!.data as { response: unknown }).response).toMatchObject({ batchItemFailures: [{}] });
    expect(batches('FlakyHandler')[1]!.map((r) => (r.dynamodb.Keys as { id: { S: string } }).id.S)).toEqual(['r2', 'r3']);
  });

  it("pushes 'tables' and dynamodb activity", async () => {
    const since = h.pushes.length;
    await put('Simple', { code: 7 });
    const tables = await h.waitForPush('tables', (t) => t.some((x) => x.tableName === 'Simple' && x.itemCount === 1), 'tables', since);
    expect(tables).toHaveLength(7);
    const activity = await h.waitForPush('activity', (a) => a.trigger === 'dynamodb' && a.logicalId === 'OrdersHandler');
    expect(activity).toMatchObject({ kind: 'dynamodb', status: 'success' });
  });
});

describe('persistence', () => {
  it('keeps items in .faaslab/tables/<TableName>.json across hosts, with increasing sequence numbers', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'faaslab-tables-'));
    const state = mkdtempSync(path.join(os.tmpdir(), 'faaslab-state-'));
    const { writeFiles } = await import('../../../helpers/functions.js');
    writeFiles(dir, FILES);
    try {
      const first = await createHost({ workspaceDir: dir, stateDir: state, apiPort: 0 });
      await first.call('tables.put', { table: 'Simple', item: '{"code": 1, "name": "one"}' });
      await first.call('tables.put', { table: 'orders', item: '{"pk": "p", "sk": 2}' });
      await first.close();
      const file = path.join(dir, '.faaslab/tables/Simple.json');
      expect(existsSync(file)).toBe(true);
      expect(JSON.parse(readFileSync(file, 'utf8')).items).toEqual([{ code: { N: '1' }, name: { S: 'one' } }]);
      const seqBefore = JSON.parse(readFileSync(path.join(dir, '.faaslab/tables/orders.json'), 'utf8')).sequence as string;

      const second = await createHost({ workspaceDir: dir, stateDir: state, apiPort: 0 });
      try {
        expect(await second.call('tables.scan', { table: 'Simple' })).toEqual({ tableName: 'Simple', items: [{ code: { N: '1' }, name: { S: 'one' } }], count: 1 });
        expect((await second.call('tables.list', {})).find((t) => t.tableName === 'orders')!.itemCount).toBe(1);
        await second.call('tables.put', { table: 'orders', item: '{"pk": "p", "sk": 3}' });
        const seqAfter = JSON.parse(readFileSync(path.join(dir, '.faaslab/tables/orders.json'), 'utf8')).sequence as string;
        expect(BigInt(seqAfter) > BigInt(seqBefore)).toBe(true);
      } finally {
        await second.close();
      }
    } finally {
      removeTempDir(dir);
      removeTempDir(state);
    }
  });
});
