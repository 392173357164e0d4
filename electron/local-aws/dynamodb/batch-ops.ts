/** BatchGetItem and BatchWriteItem: every request is processed locally, so nothing is ever unprocessed. */
import type { StorageTriggers } from '../../triggers/storage/storage-triggers.js';
import { validation } from './errors.js';
import { project } from './expressions/document-paths.js';
import { commitWrites, prepareWrite, type PreparedWrite } from './item-writes.js';
import { requestExpressions } from './request-expressions.js';
import { checkKey, tableNamed } from './table-access.js';

type Body = Record<string, unknown>;

const MAX_GET = 100;
const MAX_WRITE = 25;

function requestItems(body: Body): Array<[string, unknown]> {
  const r = body.RequestItems;
  if (typeof r !== 'object' || r === null || Object.keys(r).length === 0)
    throw validation("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
  return Object.entries(r);
}

export function batchGetItem(storage: StorageTriggers, body: Body): Record<string, unknown> {
  const entries = requestItems(body);
  const total = entries.reduce((n, [, v]) => n + (Array.isArray((v as Body)?.Keys) ? ((v as Body).Keys as unknown[]).length : 0), 0);
  if (total > MAX_GET) throw validation('Too many items requested for the BatchGetItem call');
  const responses: Record<string, unknown[]> = {};
  for (const [name, raw] of entries) {
    const req = (raw ?? {}) as Body;
    const table = tableNamed(storage, name);
    const { projection } = requestExpressions(req);
    const keys = Array.isArray(req.Keys) ? req.Keys.map((k) => checkKey(table, k)) : [];
    if (!keys.length) throw validation("1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
    if (new Set(keys.map((k) => JSON.stringify(k))).size !== keys.length) throw validation('Provided list of item keys contains duplicates');
    responses[name] = keys.flatMap((k) => {
      const item = table.get(k);
      return item ? [projection ? project(item, projection) : item] : [];
    });
  }
  return { Responses: responses, UnprocessedKeys: {} };
}

export async function batchWriteItem(storage: StorageTriggers, body: Body): Promise<Record<string, unknown>> {
  const entries = requestItems(body);
  const writes: PreparedWrite[] = [];
  for (const [name, list] of entries) {
    if (!Array.isArray(list) || list.length === 0)
      throw validation("1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
    for (const raw of list as Body[]) {
      const put = raw?.PutRequest as Body | undefined;
      const del = raw?.DeleteRequest as Body | undefined;
      if ((put === undefined) === (del === undefined)) throw validation('A WriteRequest must contain exactly one of PutRequest and DeleteRequest');
      writes.push(put ? prepareWrite(storage, 'Put', { TableName: name, Item: put.Item }) : prepareWrite(storage, 'Delete', { TableName: name, Key: del!.Key }));
    }
  }
  if (writes.length > MAX_WRITE)
    throw validation(
      `1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]`,
    );
  const ids = writes.map((w) => `${w.table.tableName} ${JSON.stringify(w.key)}`);
  if (new Set(ids).size !== ids.length) throw validation('Provided list of item keys contains duplicates');
  await commitWrites(storage, writes);
  return { UnprocessedItems: {} };
}
