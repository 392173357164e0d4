/**
 * TransactWriteItems and TransactGetItems. A write transaction decides every action against the
 * tables as they are and writes all of them or none: any false condition cancels it with
 * TransactionCanceledException and one CancellationReason per action, in order.
 */
import type { StorageTriggers } from '../../triggers/storage/storage-triggers.js';
import { AwsError } from '../wire.js';
import { CONDITION_FAILED, validation } from './errors.js';
import { project } from './expressions/document-paths.js';
import { commitWrites, ConditionFailed, prepareWrite, type PreparedWrite } from './item-writes.js';
import { requestExpressions } from './request-expressions.js';
import { checkKey, tableNamed } from './table-access.js';

type Body = Record<string, unknown>;

const MAX_ACTIONS = 100;
const KINDS = ['ConditionCheck', 'Put', 'Delete', 'Update'] as const;

function transactItems(body: Body): Body[] {
  const items = body.TransactItems;
  if (!Array.isArray(items) || items.length === 0) throw validation("1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: Member must not be null");
  if (items.length > MAX_ACTIONS)
    throw validation(`1 validation error detected: Value '[...]' at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ACTIONS}`);
  return items as Body[];
}

export async function transactWriteItems(storage: StorageTriggers, body: Body): Promise<Record<string, unknown>> {
  const writes: PreparedWrite[] = transactItems(body).map((entry) => {
    const kinds = KINDS.filter((k) => entry?.[k] !== undefined);
    if (kinds.length !== 1) throw validation('TransactItems can only contain one of Check, Put, Update or Delete');
    return prepareWrite(storage, kinds[0]!, entry[kinds[0]!] as Body);
  });
  const ids = writes.map((w) => `${w.table.tableName} ${JSON.stringify(w.key)}`);
  if (new Set(ids).size !== ids.length) throw validation('Transaction request cannot include multiple operations on one item');
  const reasons: Array<Record<string, unknown>> = writes.map(() => ({ Code: 'None' }));
  let cancelled = false;
  await commitWrites(storage, writes, (i, err) => {
    cancelled = true;
    if (err instanceof ConditionFailed) reasons[i] = { Code: 'ConditionalCheckFailed', Message: CONDITION_FAILED, ...(err.item ? { Item: err.item } : {}) };
    else if (err instanceof AwsError && err.code === 'ValidationException') reasons[i] = { Code: 'ValidationError', Message: err.message };
    else throw err;
  });
  if (cancelled)
    throw new AwsError('TransactionCanceledException', `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`, 400, {
      CancellationReasons: reasons,
    });
  return {};
}

export function transactGetItems(storage: StorageTriggers, body: Body): Record<string, unknown> {
  const gets = transactItems(body).map((entry) => {
    const get = entry?.Get as Body | undefined;
    if (!get) throw validation("1 validation error detected: Value null at 'transactItems.1.member.get' failed to satisfy constraint: Member must not be null");
    const table = tableNamed(storage, get.TableName);
    return { table, key: checkKey(table, get.Key), projection: requestExpressions(get).projection };
  });
  return {
    Responses: gets.map(({ table, key, projection }) => {
      const item = table.get(key);
      return item ? { Item: projection ? project(item, projection) : item } : {};
    }),
  };
}
