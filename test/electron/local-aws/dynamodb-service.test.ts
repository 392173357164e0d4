/**
 * The local DynamoDB through the real @aws-sdk/client-dynamodb and lib-dynamodb, against a real
 * host: every operation, on the workspace's own tables (items land in the table's file and the
 * workbench hears of them), and its errors as the SDK surfaces them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BatchGetItemCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand as RawQuery,
  UpdateItemCommand,
  paginateQuery,
  paginateScan,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { startHost, type HostFixture } from '../services/host-fixture.js';

const FILES = {
  'template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - { AttributeName: customer, AttributeType: S }
        - { AttributeName: seq, AttributeType: N }
        - { AttributeName: status, AttributeType: S }
        - { AttributeName: total, AttributeType: N }
      KeySchema:
        - { AttributeName: customer, KeyType: HASH }
        - { AttributeName: seq, KeyType: RANGE }
      GlobalSecondaryIndexes:
        - IndexName: byStatus
          KeySchema:
            - { AttributeName: status, KeyType: HASH }
            - { AttributeName: total, KeyType: RANGE }
          Projection: { ProjectionType: INCLUDE, NonKeyAttributes: [note] }
        - IndexName: byStatusAll
          KeySchema:
            - { AttributeName: status, KeyType: HASH }
          Projection: { ProjectionType: ALL }
      LocalSecondaryIndexes:
        - IndexName: byTotal
          KeySchema:
            - { AttributeName: customer, KeyType: HASH }
            - { AttributeName: total, KeyType: RANGE }
          Projection: { ProjectionType: KEYS_ONLY }
      StreamSpecification:
        StreamViewType: NEW_AND_OLD_IMAGES
  People:
    Type: AWS::Serverless::SimpleTable
    Properties:
      TableName: people
      PrimaryKey: { Name: name, Type: String }
`,
};

describe('the local DynamoDB', () => {
  let f: HostFixture;
  let raw: DynamoDBClient;
  let doc: DynamoDBDocumentClient;
  beforeAll(async () => {
    f = await startHost(FILES);
    raw = new DynamoDBClient({ endpoint: f.host.awsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    doc = DynamoDBDocumentClient.from(raw);
    // ada has orders 1..12, bob 1..3; every third is shipped.
    const items = [];
    for (let seq = 1; seq <= 12; seq++) items.push({ customer: 'ada', seq, status: seq % 3 === 0 ? 'shipped' : 'open', total: seq * 10, note: `n${seq}`, secret: 's' });
    for (let seq = 1; seq <= 3; seq++) items.push({ customer: 'bob', seq, status: 'open', total: 1000 + seq });
    for (let i = 0; i < items.length; i += 25) await doc.send(new BatchWriteCommand({ RequestItems: { orders: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  });
  afterAll(async () => {
    raw?.destroy();
    await f?.close();
  });

  const tableFile = () => JSON.parse(readFileSync(path.join(f.dir, '.faaslab', 'tables', 'people.json'), 'utf8')) as { items: unknown[] };
  const error = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      return err as Error & { $metadata: { httpStatusCode: number }; Item?: unknown; CancellationReasons?: unknown };
    }
    throw new Error('the call succeeded');
  };

  it('puts and gets an item, which is a row of the table file and a tables push', async () => {
    const since = f.pushes.length;
    await doc.send(new PutCommand({ TableName: 'people', Item: { name: 'ada', langs: ['en', 'fr'], age: 36, address: { city: 'London', lines: ['1 St', 'Flat 2'] } } }));
    expect((await doc.send(new GetCommand({ TableName: 'people', Key: { name: 'ada' } }))).Item).toEqual({
      name: 'ada',
      langs: ['en', 'fr'],
      age: 36,
      address: { city: 'London', lines: ['1 St', 'Flat 2'] },
    });
    expect(tableFile().items).toContainEqual(expect.objectContaining({ name: { S: 'ada' }, age: { N: '36' } }));
    await f.waitForPush('tables', (tables) => tables.some((t) => t.tableName === 'people' && t.itemCount >= 1), 'tables', since);
    expect((await doc.send(new GetCommand({ TableName: 'people', Key: { name: 'nobody' } }))).Item).toBeUndefined();
    const projected = await doc.send(new GetCommand({ TableName: 'people', Key: { name: 'ada' }, ProjectionExpression: '#a.lines[1], age', ExpressionAttributeNames: { '#a': 'address' } }));
    expect(projected.Item).toEqual({ age: 36, address: { lines: ['Flat 2'] } });
  });

  it('keeps every digit of a number and answers it in canonical form', async () => {
    await raw.send(new PutItemCommand({ TableName: 'people', Item: { name: { S: 'big' }, n: { N: '12345678901234567890.1230' }, ns: { NS: ['1.50', '2'] } } }));
    await raw.send(new UpdateItemCommand({ TableName: 'people', Key: { name: { S: 'big' } }, UpdateExpression: 'SET n = n + :one', ExpressionAttributeValues: { ':one': { N: '1' } } }));
    const got = await raw.send(new GetItemCommand({ TableName: 'people', Key: { name: { S: 'big' } } }));
    expect(got.Item).toEqual({ name: { S: 'big' }, n: { N: '12345678901234567891.123' }, ns: { NS: ['1.5', '2'] } });
    // Sort keys beyond 2^53 stay distinct items, in numeric order.
    for (const seq of ['12345678901234567891', '12345678901234567890', '9']) await raw.send(new PutItemCommand({ TableName: 'orders', Item: { customer: { S: 'big' }, seq: { N: seq } } }));
    const keys = await raw.send(new RawQuery({ TableName: 'orders', KeyConditionExpression: 'customer = :c', ExpressionAttributeValues: { ':c': { S: 'big' } } }));
    expect(keys.Items!.map((i) => i.seq!.N)).toEqual(['9', '12345678901234567890', '12345678901234567891']);
    for (const item of keys.Items!) await raw.send(new DeleteItemCommand({ TableName: 'orders', Key: { customer: item.customer!, seq: item.seq! } }));
  });

  it('writes only when the ConditionExpression holds, and returns the old item when asked', async () => {
    await doc.send(new PutCommand({ TableName: 'people', Item: { name: 'cond', v: 1 }, ConditionExpression: 'attribute_not_exists(#n)', ExpressionAttributeNames: { '#n': 'name' } }));
    const err = await error(
      doc.send(
        new PutCommand({
          TableName: 'people',
          Item: { name: 'cond', v: 2 },
          ConditionExpression: 'attribute_not_exists(#n)',
          ExpressionAttributeNames: { '#n': 'name' },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    expect(err.name).toBe('ConditionalCheckFailedException');
    expect(err.message).toBe('The conditional request failed');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.Item).toEqual({ name: { S: 'cond' }, v: { N: '1' } });
    const old = await doc.send(
      new PutCommand({ TableName: 'people', Item: { name: 'cond', v: 3 }, ConditionExpression: 'v = :one', ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'ALL_OLD' }),
    );
    expect(old.Attributes).toEqual({ name: 'cond', v: 1 });
    const withoutItem = await error(doc.send(new DeleteCommand({ TableName: 'people', Key: { name: 'cond' }, ConditionExpression: 'v > :ten', ExpressionAttributeValues: { ':ten': 10 } })));
    expect(withoutItem.name).toBe('ConditionalCheckFailedException');
    expect(withoutItem.Item).toBeUndefined();
    const deleted = await doc.send(
      new DeleteCommand({ TableName: 'people', Key: { name: 'cond' }, ConditionExpression: 'v < :ten', ExpressionAttributeValues: { ':ten': 10 }, ReturnValues: 'ALL_OLD' }),
    );
    expect(deleted.Attributes).toEqual({ name: 'cond', v: 3 });
    expect((await doc.send(new GetCommand({ TableName: 'people', Key: { name: 'cond' } }))).Item).toBeUndefined();
  });

  it('updates with SET, REMOVE, ADD and DELETE, returning each kind of ReturnValues', async () => {
    const key = { name: 'upd' };
    // UpdateItem on a missing item creates it.
    const created = await doc.send(
      new UpdateCommand({
        TableName: 'people',
        Key: key,
        UpdateExpression: 'SET visits = if_not_exists(visits, :zero) + :one, tags = :tags, items = list_append(if_not_exists(items, :empty), :first)',
        ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':tags': new Set(['a', 'b']), ':empty': [], ':first': ['x'] },
        ReturnValues: 'ALL_NEW',
      }),
    );
    expect(created.Attributes).toEqual({ name: 'upd', visits: 1, tags: new Set(['a', 'b']), items: ['x'] });
    const updatedOld = await doc.send(
      new UpdateCommand({
        TableName: 'people',
        Key: key,
        UpdateExpression: 'SET visits = visits + :one, items[5] = :y REMOVE items[0] ADD tags :c',
        ExpressionAttributeValues: { ':one': 1, ':y': 'y', ':c': new Set(['c']) },
        ReturnValues: 'UPDATED_OLD',
      }),
    );
    expect(updatedOld.Attributes).toEqual({ visits: 1, tags: new Set(['a', 'b']), items: ['x'] });
    const updatedNew = await doc.send(
      new UpdateCommand({
        TableName: 'people',
        Key: key,
        UpdateExpression: 'ADD visits :ten DELETE tags :a',
        ExpressionAttributeValues: { ':ten': 10, ':a': new Set(['a']) },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    expect(updatedNew.Attributes).toEqual({ visits: 12, tags: new Set(['b', 'c']) });
    const overlap = await error(doc.send(new UpdateCommand({ TableName: 'people', Key: key, UpdateExpression: 'ADD tags :a DELETE tags :a', ExpressionAttributeValues: { ':a': new Set(['a']) } })));
    expect(overlap.message).toBe('Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [tags], path two: [tags]');
    const allOld = await doc.send(new UpdateCommand({ TableName: 'people', Key: key, UpdateExpression: 'REMOVE tags', ReturnValues: 'ALL_OLD' }));
    expect(allOld.Attributes).toEqual({ name: 'upd', visits: 12, tags: new Set(['b', 'c']), items: ['y'] });
    const none = await doc.send(new UpdateCommand({ TableName: 'people', Key: key, UpdateExpression: 'SET visits = :one', ExpressionAttributeValues: { ':one': 1 } }));
    expect(none.Attributes).toBeUndefined();
    const failed = await error(
      doc.send(
        new UpdateCommand({
          TableName: 'people',
          Key: key,
          UpdateExpression: 'SET visits = :one',
          ConditionExpression: 'visits > :one',
          ExpressionAttributeValues: { ':one': 1 },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    expect(failed.name).toBe('ConditionalCheckFailedException');
    expect(failed.Item).toEqual({ name: { S: 'upd' }, visits: { N: '1' }, items: { L: [{ S: 'y' }] } });
  });

  const seqs = (items: Array<Record<string, unknown>> | undefined) => (items ?? []).map((i) => i.seq);

  it('queries a partition in sort key order with each key condition', async () => {
    const q = async (cond: string, values: Record<string, unknown>, extra: object = {}) =>
      doc.send(new QueryCommand({ TableName: 'orders', KeyConditionExpression: `customer = :c AND ${cond}`, ExpressionAttributeValues: { ':c': 'ada', ...values }, ...extra }));
    expect(seqs((await doc.send(new QueryCommand({ TableName: 'orders', KeyConditionExpression: 'customer = :c', ExpressionAttributeValues: { ':c': 'bob' } }))).Items)).toEqual([1, 2, 3]);
    // Numbers order numerically: 2 before 10.
    expect(seqs((await q('seq < :v', { ':v': 4 })).Items)).toEqual([1, 2, 3]);
    expect(seqs((await q('seq <= :v', { ':v': 2 })).Items)).toEqual([1, 2]);
    expect(seqs((await q('seq > :v', { ':v': 9 })).Items)).toEqual([10, 11, 12]);
    expect(seqs((await q('seq >= :v', { ':v': 11 })).Items)).toEqual([11, 12]);
    expect(seqs((await q('seq = :v', { ':v': 7 })).Items)).toEqual([7]);
    expect(seqs((await q('seq BETWEEN :a AND :b', { ':a': 2, ':b': 10 })).Items)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(seqs((await q(':v > seq', { ':v': 3 })).Items)).toEqual([1, 2]);
    expect(seqs((await q('seq BETWEEN :a AND :b', { ':a': 2, ':b': 5 }, { ScanIndexForward: false })).Items)).toEqual([5, 4, 3, 2]);
    const filtered = await q('seq > :v', { ':v': 0, ':s': 'shipped' }, { FilterExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' } });
    expect(seqs(filtered.Items)).toEqual([3, 6, 9, 12]);
    expect([filtered.Count, filtered.ScannedCount]).toEqual([4, 12]);
    const count = await q('seq > :v', { ':v': 6 }, { Select: 'COUNT' });
    expect([count.Items, count.Count]).toEqual([undefined, 6]);
    const projected = await q('seq = :v', { ':v': 1 }, { ProjectionExpression: 'total, note' });
    expect(projected.Items).toEqual([{ total: 10, note: 'n1' }]);
  });

  it('orders strings bytewise and matches begins_with on a string sort key', async () => {
    await doc.send(new BatchWriteCommand({ RequestItems: { people: ['b', 'B', 'a10', 'a2', 'ab'].map((name) => ({ PutRequest: { Item: { name } } })) } }));
    const out = await doc.send(new ScanCommand({ TableName: 'people', FilterExpression: 'begins_with(#n, :a)', ExpressionAttributeNames: { '#n': 'name' }, ExpressionAttributeValues: { ':a': 'a' } }));
    expect(out.Items!.map((i) => i.name).sort()).toEqual(['a10', 'a2', 'ab', 'ada']);
  });

  it('pages a Query and a Scan by Limit and ExclusiveStartKey', async () => {
    const pages: unknown[][] = [];
    for await (const page of paginateQuery(
      { client: raw, pageSize: 5 },
      { TableName: 'orders', KeyConditionExpression: 'customer = :c', ExpressionAttributeValues: { ':c': { S: 'ada' } }, ScanIndexForward: false },
    ))
      pages.push((page.Items ?? []).map((i) => Number(i.seq!.N)));
    expect(pages).toEqual([
      [12, 11, 10, 9, 8],
      [7, 6, 5, 4, 3],
      [2, 1],
    ]);
    const first = await raw.send(new RawQuery({ TableName: 'orders', KeyConditionExpression: 'customer = :c', ExpressionAttributeValues: { ':c': { S: 'ada' } }, Limit: 2 }));
    expect(first.LastEvaluatedKey).toEqual({ customer: { S: 'ada' }, seq: { N: '2' } });
    const scanned: string[] = [];
    for await (const page of paginateScan({ client: raw, pageSize: 4 }, { TableName: 'orders' })) for (const i of page.Items ?? []) scanned.push(`${i.customer!.S}${i.seq!.N}`);
    expect(scanned).toHaveLength(15);
    expect(new Set(scanned).size).toBe(15);
    // Parallel scan: the segments split the items between them.
    const segments = await Promise.all([0, 1, 2].map((Segment) => doc.send(new ScanCommand({ TableName: 'orders', Segment, TotalSegments: 3 }))));
    const bySegment = segments.map((p) => (p.Items ?? []).map((i) => `${i.customer}${i.seq}`));
    expect(bySegment.flat().sort()).toEqual([...scanned].sort());
    // Each partition lies in one segment.
    for (const customer of ['ada', 'bob']) expect(bySegment.filter((items) => items.some((i) => i.startsWith(customer)))).toHaveLength(1);
    const limited = await doc.send(
      new ScanCommand({ TableName: 'orders', Limit: 3, FilterExpression: 'total > :t', ExpressionAttributeValues: { ':t': 1000 }, ProjectionExpression: 'customer, seq' }),
    );
    expect([limited.ScannedCount, limited.LastEvaluatedKey]).toEqual([3, expect.objectContaining({ customer: expect.any(String) })]);
  });

  it('queries and scans a global secondary index, with its projection', async () => {
    const shipped = await doc.send(
      new QueryCommand({
        TableName: 'orders',
        IndexName: 'byStatus',
        KeyConditionExpression: '#s = :s AND total BETWEEN :lo AND :hi',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': 'shipped', ':lo': 30, ':hi': 90 },
      }),
    );
    // INCLUDE [note]: the table's and the index's keys, and note; never `secret`.
    expect(shipped.Items).toEqual([
      { customer: 'ada', seq: 3, status: 'shipped', total: 30, note: 'n3' },
      { customer: 'ada', seq: 6, status: 'shipped', total: 60, note: 'n6' },
      { customer: 'ada', seq: 9, status: 'shipped', total: 90, note: 'n9' },
    ]);
    const paged: unknown[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new QueryCommand({
          TableName: 'orders',
          IndexName: 'byStatus',
          KeyConditionExpression: '#s = :s',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': 'open' },
          Limit: 4,
          ScanIndexForward: false,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      if (page.LastEvaluatedKey) expect(Object.keys(page.LastEvaluatedKey).sort()).toEqual(['customer', 'seq', 'status', 'total']);
      paged.push(...(page.Items ?? []).map((i) => i.total));
      start = page.LastEvaluatedKey;
    } while (start);
    expect(paged).toEqual([1003, 1002, 1001, 110, 100, 80, 70, 50, 40, 20, 10]);
    const all = await doc.send(new ScanCommand({ TableName: 'orders', IndexName: 'byStatusAll', FilterExpression: 'customer = :c', ExpressionAttributeValues: { ':c': 'ada' } }));
    expect(all.Items).toHaveLength(12);
    expect(all.Items![0]).toHaveProperty('secret', 's');
    const err = await error(doc.send(new QueryCommand({ TableName: 'orders', IndexName: 'nope', KeyConditionExpression: 'customer = :c', ExpressionAttributeValues: { ':c': 'ada' } })));
    expect([err.name, err.message]).toEqual(['ValidationException', 'The table does not have the specified index: nope']);
  });

  it('queries a local secondary index, fetching from the table what it does not hold only when asked', async () => {
    const q = (extra: object) =>
      doc.send(
        new QueryCommand({
          TableName: 'orders',
          IndexName: 'byTotal',
          KeyConditionExpression: 'customer = :c AND total >= :t',
          ExpressionAttributeValues: { ':c': 'ada', ':t': 100 },
          ScanIndexForward: false,
          ...extra,
        }),
      );
    expect((await q({})).Items).toEqual([
      { customer: 'ada', seq: 12, total: 120 },
      { customer: 'ada', seq: 11, total: 110 },
      { customer: 'ada', seq: 10, total: 100 },
    ]);
    expect((await q({ Select: 'ALL_ATTRIBUTES', Limit: 1 })).Items).toEqual([{ customer: 'ada', seq: 12, status: 'shipped', total: 120, note: 'n12', secret: 's' }]);
    expect((await q({ ProjectionExpression: 'note', Limit: 1 })).Items).toEqual([{ note: 'n12' }]);
    const err = await error(q({ Select: 'ALL_PROJECTED_ATTRIBUTES', IndexName: undefined }));
    expect([err.name, err.message]).toEqual(['ValidationException', 'ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName']);
  });

  it('reads and writes in batches', async () => {
    await doc.send(
      new BatchWriteCommand({
        RequestItems: { people: [{ PutRequest: { Item: { name: 'bw1', v: 1 } } }, { PutRequest: { Item: { name: 'bw2', v: 2 } } }, { DeleteRequest: { Key: { name: 'b' } } }] },
      }),
    );
    const got = await doc.send(
      new BatchGetCommand({
        RequestItems: {
          people: { Keys: [{ name: 'bw1' }, { name: 'bw2' }, { name: 'b' }], ProjectionExpression: '#n, v', ExpressionAttributeNames: { '#n': 'name' } },
          orders: { Keys: [{ customer: 'bob', seq: 2 }] },
        },
      }),
    );
    expect(got.Responses!.people!.sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual([
      { name: 'bw1', v: 1 },
      { name: 'bw2', v: 2 },
    ]);
    expect(got.Responses!.orders).toEqual([{ customer: 'bob', seq: 2, status: 'open', total: 1002 }]);
    expect(got.UnprocessedKeys).toEqual({});
    const raw2 = await raw.send(new BatchGetItemCommand({ RequestItems: { people: { Keys: [{ name: { S: 'bw1' } }] } } }));
    expect(raw2.Responses!.people).toEqual([{ name: { S: 'bw1' }, v: { N: '1' } }]);
    const dup = await error(doc.send(new BatchWriteCommand({ RequestItems: { people: [{ PutRequest: { Item: { name: 'd' } } }, { DeleteRequest: { Key: { name: 'd' } } }] } })));
    expect([dup.name, dup.message]).toEqual(['ValidationException', 'Provided list of item keys contains duplicates']);
  });

  it('writes a transaction all or nothing, and reads one', async () => {
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: 'people', Item: { name: 'tx1', balance: 100 }, ConditionExpression: 'attribute_not_exists(#n)', ExpressionAttributeNames: { '#n': 'name' } } },
          { Put: { TableName: 'people', Item: { name: 'tx2', balance: 0 } } },
          { ConditionCheck: { TableName: 'orders', Key: { customer: 'bob', seq: 1 }, ConditionExpression: 'attribute_exists(total)' } },
          { Delete: { TableName: 'people', Key: { name: 'bw1' } } },
        ],
      }),
    );
    const move = (amount: number) =>
      doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: { TableName: 'people', Key: { name: 'tx1' }, UpdateExpression: 'SET balance = balance - :a', ConditionExpression: 'balance >= :a', ExpressionAttributeValues: { ':a': amount } },
            },
            { Update: { TableName: 'people', Key: { name: 'tx2' }, UpdateExpression: 'SET balance = balance + :a', ExpressionAttributeValues: { ':a': amount } } },
          ],
        }),
      );
    await move(60);
    const err = await error(move(60));
    expect(err.name).toBe('TransactionCanceledException');
    expect(err.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]');
    expect(err.CancellationReasons).toEqual([{ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }, { Code: 'None' }]);
    const read = await doc.send(
      new TransactGetCommand({
        TransactItems: [
          { Get: { TableName: 'people', Key: { name: 'tx1' } } },
          { Get: { TableName: 'people', Key: { name: 'tx2' }, ProjectionExpression: 'balance' } },
          { Get: { TableName: 'people', Key: { name: 'bw1' } } },
        ],
      }),
    );
    // The cancelled transfer changed neither side.
    expect(read.Responses).toEqual([{ Item: { name: 'tx1', balance: 40 } }, { Item: { balance: 60 } }, {}]);
    const withItem = await error(
      doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: 'people',
                Key: { name: 'tx1' },
                ConditionExpression: 'balance > :x',
                ExpressionAttributeValues: { ':x': 1000 },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
          ],
        }),
      ),
    );
    expect(withItem.CancellationReasons).toEqual([{ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { name: { S: 'tx1' }, balance: { N: '40' } } }]);
    const twice = await error(doc.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 'people', Item: { name: 'z' } } }, { Delete: { TableName: 'people', Key: { name: 'z' } } }] })));
    expect([twice.name, twice.message]).toEqual(['ValidationException', 'Transaction request cannot include multiple operations on one item']);
  });

  it('describes and lists the tables', async () => {
    const { Table } = await raw.send(new DescribeTableCommand({ TableName: 'orders' }));
    expect(Table).toMatchObject({
      TableName: 'orders',
      TableStatus: 'ACTIVE',
      TableArn: expect.stringMatching(/^arn:aws:dynamodb:us-east-1:\d{12}:table\/orders$/),
      KeySchema: [
        { AttributeName: 'customer', KeyType: 'HASH' },
        { AttributeName: 'seq', KeyType: 'RANGE' },
      ],
      ItemCount: 15,
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      LatestStreamArn: expect.stringContaining(':table/orders/stream/'),
    });
    expect(Table!.GlobalSecondaryIndexes!.map((i) => [i.IndexName, i.Projection?.ProjectionType, i.ItemCount])).toEqual([
      ['byStatus', 'INCLUDE', 15],
      ['byStatusAll', 'ALL', 15],
    ]);
    expect((await raw.send(new ListTablesCommand({}))).TableNames).toEqual(['orders', 'people']);
    const page = await raw.send(new ListTablesCommand({ Limit: 1 }));
    expect([page.TableNames, page.LastEvaluatedTableName]).toEqual([['orders'], 'orders']);
    const missing = await error(raw.send(new DescribeTableCommand({ TableName: 'nope' })));
    expect([missing.name, missing.message]).toEqual(['ResourceNotFoundException', 'Requested resource not found: Table: nope not found']);
  });

  it.each<[string, () => Promise<unknown>, string, string]>([
    [
      'a missing table',
      () => doc.send(new PutCommand({ TableName: 'nope', Item: { id: '1' }, ConditionExpression: 'attribute_not_exists(id)' })),
      'ResourceNotFoundException',
      'Requested resource not found',
    ],
    [
      'a key of the wrong type',
      () => doc.send(new GetCommand({ TableName: 'orders', Key: { customer: 'ada', seq: '1' } })),
      'ValidationException',
      'The provided key element does not match the schema',
    ],
    ['a key with an extra attribute', () => doc.send(new GetCommand({ TableName: 'people', Key: { name: 'ada', x: 1 } })), 'ValidationException', 'The provided key element does not match the schema'],
    [
      'an item without its key',
      () => doc.send(new PutCommand({ TableName: 'orders', Item: { customer: 'ada' } })),
      'ValidationException',
      'One or more parameter values were invalid: Missing the key seq in the item',
    ],
    [
      'an index key of the wrong type',
      () => doc.send(new PutCommand({ TableName: 'orders', Item: { customer: 'ada', seq: 99, status: 1 } })),
      'ValidationException',
      'One or more parameter values were invalid: Type mismatch for Index Key status Expected: S Actual: N IndexName: byStatus',
    ],
    [
      'an update syntax error',
      () => doc.send(new UpdateCommand({ TableName: 'people', Key: { name: 'ada' }, UpdateExpression: 'SET age = = :a', ExpressionAttributeValues: { ':a': 1 } })),
      'ValidationException',
      'Invalid UpdateExpression: Syntax error; token: "=", near: "= = :a"',
    ],
    [
      'a reserved word as an attribute name',
      () => doc.send(new UpdateCommand({ TableName: 'people', Key: { name: 'ada' }, UpdateExpression: 'SET status = :s', ExpressionAttributeValues: { ':s': 'x' } })),
      'ValidationException',
      'Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status',
    ],
    [
      'an undefined value',
      () => doc.send(new UpdateCommand({ TableName: 'people', Key: { name: 'ada' }, UpdateExpression: 'SET age = :b', ExpressionAttributeValues: { ':a': 1 } })),
      'ValidationException',
      'Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :b',
    ],
    [
      'an unused name',
      () => doc.send(new GetCommand({ TableName: 'people', Key: { name: 'ada' }, ProjectionExpression: 'age', ExpressionAttributeNames: { '#x': 'x' } })),
      'ValidationException',
      'Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}',
    ],
    [
      'an update of a key attribute',
      () =>
        doc.send(
          new UpdateCommand({ TableName: 'people', Key: { name: 'ada' }, UpdateExpression: 'SET #n = :a', ExpressionAttributeNames: { '#n': 'name' }, ExpressionAttributeValues: { ':a': 'x' } }),
        ),
      'ValidationException',
      'One or more parameter values were invalid: Cannot update attribute name. This attribute is part of the key',
    ],
    [
      'a key condition without the partition key',
      () => doc.send(new QueryCommand({ TableName: 'orders', KeyConditionExpression: 'seq = :s', ExpressionAttributeValues: { ':s': 1 } })),
      'ValidationException',
      'Query condition missed key schema element: customer',
    ],
    [
      'a key attribute in a Query filter',
      () => doc.send(new QueryCommand({ TableName: 'orders', KeyConditionExpression: 'customer = :c', FilterExpression: 'seq > :s', ExpressionAttributeValues: { ':c': 'a', ':s': 1 } })),
      'ValidationException',
      'Filter Expression can only contain non-primary key attributes: Primary key attribute: seq',
    ],
    [
      'begins_with on a number sort key',
      () => doc.send(new QueryCommand({ TableName: 'orders', KeyConditionExpression: 'customer = :c AND begins_with(seq, :s)', ExpressionAttributeValues: { ':c': 'a', ':s': 1 } })),
      'ValidationException',
      'Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N',
    ],
    [
      'two conditions on the sort key',
      () => doc.send(new QueryCommand({ TableName: 'orders', KeyConditionExpression: 'customer = :c AND seq > :s AND seq < :s', ExpressionAttributeValues: { ':c': 'a', ':s': 1 } })),
      'ValidationException',
      'KeyConditionExpressions must only contain one condition per key',
    ],
    [
      'a key condition value of the wrong type',
      () => doc.send(new QueryCommand({ TableName: 'orders', KeyConditionExpression: 'customer = :c AND seq = :s', ExpressionAttributeValues: { ':c': 'a', ':s': 'one' } })),
      'ValidationException',
      'One or more parameter values were invalid: Condition parameter type does not match schema type',
    ],
    [
      'OR in a key condition',
      () => doc.send(new QueryCommand({ TableName: 'orders', KeyConditionExpression: 'customer = :c OR seq = :s', ExpressionAttributeValues: { ':c': 'a', ':s': 1 } })),
      'ValidationException',
      'Invalid operator used in KeyConditionExpression: OR',
    ],
    ['ALL_NEW on PutItem', () => doc.send(new PutCommand({ TableName: 'people', Item: { name: 'q' }, ReturnValues: 'ALL_NEW' })), 'ValidationException', 'Return values set to invalid value'],
    [
      'arithmetic on a string',
      () =>
        doc.send(
          new UpdateCommand({ TableName: 'people', Key: { name: 'ada' }, UpdateExpression: 'SET age = #n + :a', ExpressionAttributeNames: { '#n': 'name' }, ExpressionAttributeValues: { ':a': 1 } }),
        ),
      'ValidationException',
      'An operand in the update expression has an incorrect data type',
    ],
  ])('answers %s as the SDK expects', async (_what, call, name, message) => {
    const err = await error(call());
    expect([err.name, err.message, err.$metadata.httpStatusCode]).toEqual([name, message, 400]);
  });
});
