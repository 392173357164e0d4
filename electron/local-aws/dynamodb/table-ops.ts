/** DescribeTable and ListTables: the template's tables, always ACTIVE, billed on demand. */
import type { KeyAttribute, SecondaryIndex } from '../../../shared/domain/storage.js';
import type { LocalTable } from '../../triggers/storage/local-table.js';
import type { StorageTriggers } from '../../triggers/storage/storage-triggers.js';
import type { LocalResources } from '../service.js';
import { notFound, validation } from './errors.js';
import { itemBytes } from './item-writes.js';
import { itemsInOrder, tableNamed } from './table-access.js';

type Body = Record<string, unknown>;

export function describeTable(storage: StorageTriggers, resources: LocalResources, body: Body): Record<string, unknown> {
  let table: LocalTable;
  try {
    table = tableNamed(storage, body.TableName);
  } catch {
    throw notFound(`Requested resource not found: Table: ${String(body.TableName)} not found`);
  }
  const arn = `arn:aws:dynamodb:${resources.region}:${resources.accountId}:table/${table.tableName}`;
  const def = table.def;
  const keySchema = (schema: KeyAttribute[]) => schema.map((k) => ({ AttributeName: k.name, KeyType: k.keyType }));
  const definitions = new Map<string, string>();
  for (const k of [...def.keySchema, ...[...(def.globalSecondaryIndexes ?? []), ...(def.localSecondaryIndexes ?? [])].flatMap((i) => i.keySchema)]) definitions.set(k.name, k.type);
  const items = table.scan();
  const index = (ix: SecondaryIndex, global: boolean) => {
    const held = itemsInOrder(table, { index: ix, keySchema: ix.keySchema });
    return {
      IndexName: ix.indexName,
      KeySchema: keySchema(ix.keySchema),
      Projection: { ProjectionType: ix.projection, ...(ix.nonKeyAttributes ? { NonKeyAttributes: ix.nonKeyAttributes } : {}) },
      ...(global ? { IndexStatus: 'ACTIVE', ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0, NumberOfDecreasesToday: 0 } } : {}),
      IndexSizeBytes: held.reduce((n, i) => n + itemBytes(i), 0),
      ItemCount: held.length,
      IndexArn: `${arn}/index/${ix.indexName}`,
    };
  };
  return {
    Table: {
      TableName: table.tableName,
      TableArn: arn,
      TableStatus: 'ACTIVE',
      KeySchema: keySchema(def.keySchema),
      AttributeDefinitions: [...definitions].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
      ItemCount: items.length,
      TableSizeBytes: items.reduce((n, i) => n + itemBytes(i), 0),
      BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
      ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0, NumberOfDecreasesToday: 0 },
      DeletionProtectionEnabled: false,
      ...(def.globalSecondaryIndexes ? { GlobalSecondaryIndexes: def.globalSecondaryIndexes.map((ix) => index(ix, true)) } : {}),
      ...(def.localSecondaryIndexes ? { LocalSecondaryIndexes: def.localSecondaryIndexes.map((ix) => index(ix, false)) } : {}),
      ...(table.streamArn
        ? { StreamSpecification: { StreamEnabled: true, StreamViewType: def.streamViewType }, LatestStreamArn: table.streamArn, LatestStreamLabel: table.streamArn.split('/stream/')[1] }
        : {}),
    },
  };
}

export function listTables(storage: StorageTriggers, body: Body): Record<string, unknown> {
  let names = storage
    .tableList()
    .map((t) => t.tableName)
    .sort();
  if (typeof body.ExclusiveStartTableName === 'string') names = names.filter((n) => n > (body.ExclusiveStartTableName as string));
  const limit = body.Limit === undefined ? 100 : Number(body.Limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw validation(`1 validation error detected: Value '${String(body.Limit)}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100`);
  const page = names.slice(0, limit);
  return { TableNames: page, ...(names.length > limit ? { LastEvaluatedTableName: page[page.length - 1] } : {}) };
}
