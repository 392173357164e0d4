/** GetItem, PutItem, UpdateItem and DeleteItem. */
import type { StorageTriggers } from '../../triggers/storage/storage-triggers.js';
import type { Item } from './attribute-values.js';
import { AwsError } from '../wire.js';
import { CONDITION_FAILED } from './errors.js';
import { project } from './expressions/document-paths.js';
import { commitWrites, ConditionFailed, prepareWrite, type PreparedWrite } from './item-writes.js';
import { requestExpressions, returnValues } from './request-expressions.js';
import { checkKey, tableNamed } from './table-access.js';

type Body = Record<string, unknown>;

export function getItem(storage: StorageTriggers, body: Body): Record<string, unknown> {
  const table = tableNamed(storage, body.TableName);
  const { projection } = requestExpressions(body);
  const key = checkKey(table, body.Key);
  const item = table.get(key);
  if (!item) return {};
  return { Item: projection ? project(item, projection) : item };
}

export async function putItem(storage: StorageTriggers, body: Body): Promise<Record<string, unknown>> {
  const rv = returnValues(body, ['NONE', 'ALL_OLD']);
  const [result] = await writeOne(storage, prepareWrite(storage, 'Put', body));
  return rv === 'ALL_OLD' && result!.old ? { Attributes: result!.old } : {};
}

export async function deleteItem(storage: StorageTriggers, body: Body): Promise<Record<string, unknown>> {
  const rv = returnValues(body, ['NONE', 'ALL_OLD']);
  const [result] = await writeOne(storage, prepareWrite(storage, 'Delete', body));
  return rv === 'ALL_OLD' && result!.old ? { Attributes: result!.old } : {};
}

export async function updateItem(storage: StorageTriggers, body: Body): Promise<Record<string, unknown>> {
  const rv = returnValues(body, ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW']);
  const write = prepareWrite(storage, 'Update', body);
  const [result] = await writeOne(storage, write);
  const { old, next } = result!;
  let attributes: Item | undefined;
  if (rv === 'ALL_OLD') attributes = old;
  if (rv === 'ALL_NEW') attributes = next;
  // UPDATED_*: the paths the expression touched, as they were or are now.
  if (rv === 'UPDATED_OLD' && old) attributes = project(old, write.updatedPaths!);
  if (rv === 'UPDATED_NEW' && next) attributes = project(next, write.updatedPaths!);
  return attributes && Object.keys(attributes).length ? { Attributes: attributes } : {};
}

async function writeOne(storage: StorageTriggers, write: PreparedWrite) {
  try {
    return await commitWrites(storage, [write]);
  } catch (err) {
    if (err instanceof ConditionFailed) throw new AwsError('ConditionalCheckFailedException', CONDITION_FAILED, 400, err.item ? { Item: err.item } : {});
    throw err;
  }
}
