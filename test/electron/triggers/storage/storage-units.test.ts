/** The pure parts of local storage: DynamoDB JSON, template reading, S3 matching, and the stream poller's retries. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { InvocationRecord } from '../../../../shared/domain/invocation.js';
import type { DynamoDbTrigger } from '../../../../shared/domain/triggers.js';
import { isDynamoJson, keyOf, marshall, parseItem, unmarshall, ValidationError } from '../../../../electron/triggers/storage/dynamodb-json.js';
import { LocalTable, type StreamRecord } from '../../../../electron/triggers/storage/local-table.js';
import { s3Matches, Sequencer } from '../../../../electron/triggers/storage/s3-events.js';
import { StorageTriggers } from '../../../../electron/triggers/storage/storage-triggers.js';
import { StreamPoller } from '../../../../electron/triggers/storage/stream-poller.js';
import type { Engine } from '../../../../electron/engine/engine.js';
import type { TableInfo } from '../../../../shared/api/storage-schemas.js';
import { readTriggers } from '../../../../electron/workspace/read/trigger-loader.js';
import { removeTempDir, sleep, waitFor } from '../../../helpers/functions.js';

describe('DynamoDB JSON', () => {
  it('marshals plain JSON and leaves DynamoDB JSON as it is', () => {
    expect(marshall({ s: 'x', n: 2, b: false, z: null, l: [1, 'a'], m: { k: 'v' } })).toEqual({
      s: { S: 'x' },
      n: { N: '2' },
      b: { BOOL: false },
      z: { NULL: true },
      l: { L: [{ N: '1' }, { S: 'a' }] },
      m: { M: { k: { S: 'v' } } },
    });
    expect(isDynamoJson({ id: { S: '1' }, tags: { SS: ['a'] } })).toBe(true);
    // One plain value among descriptors: the whole item is plain JSON.
    expect(isDynamoJson({ id: { S: '1' }, other: 'x' })).toBe(false);
    expect(parseItem('{"id": {"S": "1"}, "n": {"N": "2"}}')).toEqual({ id: { S: '1' }, n: { N: '2' } });
    expect(parseItem('{"S": "plain"}')).toEqual({ S: { S: 'plain' } });
    expect(unmarshall({ id: { S: '1' }, n: { N: '2' }, l: { L: [{ BOOL: true }] } })).toEqual({ id: '1', n: 2, l: [true] });
    expect(() => parseItem('[1]')).toThrow(ValidationError);
  });

  it('checks key attributes like DynamoDB', () => {
    const schema = [{ name: 'id', type: 'S' as const, keyType: 'HASH' as const }];
    expect(() => keyOf({ other: { S: 'x' } }, schema)).toThrow('One or more parameter values were invalid: Missing the key id in the item');
    expect(() => keyOf({ id: { N: '1' } }, schema)).toThrow('Type mismatch for key id expected: S actual: N');
    expect(keyOf({ id: { S: 'a' }, v: { N: '1' } }, schema)).toEqual({ id: { S: 'a' } });
  });
});

describe('reading buckets, tables and their events from the template', () => {
  const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  NoKeys:
    Type: AWS::DynamoDB::Table
  NoStream:
    Type: AWS::DynamoDB::Table
    Properties:
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Events:
        Up:
          Type: S3
          Properties:
            Bucket: !Ref Elsewhere
            Events: s3:ObjectCreated:*
        Ok:
          Type: S3
          Properties:
            Bucket: !Ref Bucket
            Events: [s3:ObjectCreated:Put, s3:ObjectRemoved:*]
            Filter: {S3Key: {Rules: [{Name: Prefix, Value: in/}]}}
        Stream:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt NoStream.StreamArn
            StartingPosition: LATEST
`;
  it('reports what cannot work, with its line, and reads the rest', () => {
    const load = readTriggers(template, '/ws/template.yaml');
    expect(load.storage!.buckets).toEqual([{ logicalId: 'Bucket', bucketName: 'Bucket', line: 3 }]);
    expect(load.storage!.tables.map((t) => t.logicalId)).toEqual(['NoStream']);
    expect(load.storage!.s3).toEqual([
      { kind: 's3', logicalId: 'Fn', eventName: 'Ok', bucket: 'Bucket', events: ['s3:ObjectCreated:Put', 's3:ObjectRemoved:*'], prefix: 'in/', line: expect.any(Number) },
    ]);
    expect(load.storage!.streams).toEqual([]);
    const messages = load.problems.map((p) => `${p.severity} ${p.logicalId ?? ''} ${p.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^error +NoKeys: KeySchema is required/),
      expect.stringMatching(/^error Fn Events.Up: Bucket must be !Ref <Bucket>/),
      expect.stringMatching(/^error Fn Events.Stream: NoStream has no StreamSpecification/),
    ]);
    expect(load.problems.every((p) => typeof p.line === 'number')).toBe(true);
  });

  it('matches event types and key filters as S3 does', () => {
    const t = { kind: 's3' as const, logicalId: 'F', eventName: 'E', bucket: 'B', events: ['s3:ObjectCreated:*'], prefix: 'in/', suffix: '.csv' };
    expect(s3Matches(t, { eventName: 'ObjectCreated:Put', key: 'in/a.csv' })).toBe(true);
    expect(s3Matches(t, { eventName: 'ObjectRemoved:Delete', key: 'in/a.csv' })).toBe(false);
    expect(s3Matches(t, { eventName: 'ObjectCreated:Put', key: 'out/a.csv' })).toBe(false);
    expect(s3Matches(t, { eventName: 'ObjectCreated:Put', key: 'in/a.txt' })).toBe(false);
    expect(s3Matches({ ...t, events: ['s3:ObjectRemoved:Delete'], prefix: undefined, suffix: undefined }, { eventName: 'ObjectRemoved:Delete', key: 'x' })).toBe(true);
    const seq = new Sequencer();
    const a = seq.next();
    const b = seq.next();
    expect(a < b && a.length === b.length).toBe(true);
  });
});

describe('the stream poller', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeTempDir));
  const table = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'faaslab-poller-'));
    dirs.push(dir);
    return new LocalTable({ logicalId: 'T', tableName: 't', keySchema: [{ name: 'id', type: 'S', keyType: 'HASH' }], streamViewType: 'KEYS_ONLY' }, path.join(dir, 't.json'), {
      region: 'us-east-1',
      accountId: '123456789012',
    });
  };
  const trigger = (extra: Partial<DynamoDbTrigger> = {}): DynamoDbTrigger => ({
    kind: 'dynamodb',
    logicalId: 'F',
    eventName: 'S',
    table: 'T',
    batchSize: 10,
    startingPosition: 'TRIM_HORIZON',
    ...extra,
  });
  const record = (status: InvocationRecord['status'], response?: unknown) => ({ status, response }) as InvocationRecord;
  const ids = (batch: StreamRecord[]) => batch.map((r) => (r.dynamodb.Keys.id as { S: string }).S);

  it('retries a failed batch, in order, until it succeeds', async () => {
    const t = table();
    await t.put({ id: { S: 'a' } });
    await t.put({ id: { S: 'b' } });
    const seen: string[][] = [];
    const poller = new StreamPoller(
      trigger(),
      t,
      async (_tr, batch) => {
        seen.push(ids(batch));
        return record(seen.length < 3 ? 'error' : 'success');
      },
      () => {},
    );
    await waitFor(() => seen.length >= 3, 'three attempts');
    await t.put({ id: { S: 'c' } });
    await waitFor(() => seen.length >= 4, 'the next batch');
    poller.close();
    expect(seen).toEqual([['a', 'b'], ['a', 'b'], ['a', 'b'], ['c']]);
  });

  it('skips a batch after MaximumRetryAttempts, and starts at the next write with LATEST', async () => {
    const t = table();
    await t.put({ id: { S: 'old' } });
    const seen: string[][] = [];
    const logs: string[] = [];
    const poller = new StreamPoller(
      trigger({ startingPosition: 'LATEST', maximumRetryAttempts: 1 }),
      t,
      async (_tr, batch) => {
        seen.push(ids(batch));
        return record(ids(batch).includes('bad') ? 'error' : 'success');
      },
      (l) => logs.push(l),
    );
    await t.put({ id: { S: 'bad' } });
    await waitFor(() => logs.length > 0, 'the skip');
    await t.put({ id: { S: 'good' } });
    await waitFor(() => seen.some((b) => b.includes('good')), 'the next record');
    poller.close();
    expect(seen).toEqual([['bad'], ['bad'], ['good']]);
    expect(logs[0]).toMatch(/1 record\(s\) from sequence number \d{21} skipped after 1 retry/);
  });

  it('treats an unknown itemIdentifier as a failure of the whole batch', async () => {
    const t = table();
    await t.put({ id: { S: 'a' } });
    const seen: string[][] = [];
    const poller = new StreamPoller(
      trigger({ reportBatchItemFailures: true }),
      t,
      async (_tr, batch) => {
        seen.push(ids(batch));
        return record('success', seen.length === 1 ? { batchItemFailures: [{ itemIdentifier: 'nope' }] } : { batchItemFailures: [] });
      },
      () => {},
    );
    await waitFor(() => seen.length >= 2, 'the retry');
    poller.close();
    expect(seen).toEqual([['a'], ['a']]);
  });
});

describe("StorageTriggers: the 'tables' push", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeTempDir));

  it('one push for a burst of writes, once they stop; none after close', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'faaslab-tables-push-'));
    dirs.push(dir);
    const pushes: TableInfo[][] = [];
    const engine = { region: 'us-east-1', accountId: '123456789012' } as Engine;
    const storage = new StorageTriggers({ engine, onActivity: () => {}, onTables: (t) => pushes.push(t), log: () => {} });
    const keySchema = [{ name: 'id', type: 'S' as const, keyType: 'HASH' as const }];
    storage.apply({ buckets: [], tables: [{ logicalId: 'T', tableName: 'T', keySchema }], s3: [], streams: [] }, dir);
    await waitFor(() => pushes.length > 0, 'the push of the new table');
    const table = storage.table('T')!;
    await Promise.all(['a', 'b', 'c'].map((id) => storage.putItem(table, { id: { S: id } })));
    await waitFor(() => pushes.length > 1, "a 'tables' push");
    await sleep(250);
    expect(pushes.map((p) => p.map((t) => [t.logicalId, t.itemCount]))).toEqual([[['T', 0]], [['T', 3]]]);

    await storage.putItem(table, { id: { S: 'd' } });
    await storage.close();
    await sleep(250);
    expect(pushes).toHaveLength(2);
  });
});
