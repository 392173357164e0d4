/**
 * PutItem, UpdateItem, DeleteItem and ConditionCheck as two steps, so that TransactWriteItems can
 * check every item before writing any: prepare (parse and validate the request; ValidationException)
 * and decide (given the item as it is now, the item to write, or ConditionFailed). Writes go
 * through the storage triggers, which persist the table, append its stream record and push the
 * workbench's 'tables' update. A write that changes nothing is not made, as DynamoDB writes no
 * stream record for it.
 */
import type { LocalTable } from '../../triggers/storage/local-table.js';
import type { StorageTriggers } from '../../triggers/storage/storage-triggers.js';
import { checkItem, itemsEqual, type Item } from './attribute-values.js';
import { validation } from './errors.js';
import { applyUpdate } from './expressions/apply-update.js';
import type { DocumentPath } from './expressions/ast.js';
import { evaluate } from './expressions/evaluate.js';
import { requestExpressions, returnOnFailure } from './request-expressions.js';
import { checkItemKeys, checkKey, keyOf, tableNamed } from './table-access.js';

/** The condition of a write or ConditionCheck was false; `item` when ReturnValuesOnConditionCheckFailure is ALL_OLD. */
export class ConditionFailed extends Error {
  constructor(readonly item: Item | undefined) {
    super('The conditional request failed');
  }
}

/** Nothing to write (ConditionCheck). */
export const KEEP = Symbol('keep');

export interface PreparedWrite {
  kind: 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
  table: LocalTable;
  key: Item;
  /** The item to write after `old`, undefined to delete it, KEEP to leave it. */
  decide(old: Item | undefined): Item | undefined | typeof KEEP;
  /** The paths an update touched, for UPDATED_OLD and UPDATED_NEW. */
  updatedPaths?: DocumentPath[];
}

/** Item size as DynamoDB counts it: names and values in bytes; 400 KB at most. */
const MAX_ITEM_BYTES = 400 * 1024;

export function prepareWrite(storage: StorageTriggers, kind: PreparedWrite['kind'], body: Record<string, unknown>): PreparedWrite {
  const table = tableNamed(storage, body.TableName);
  const expressions = requestExpressions(body);
  const onFailure = returnOnFailure(body);
  const check = (old: Item | undefined) => {
    if (expressions.condition && !evaluate(expressions.condition, old)) throw new ConditionFailed(onFailure ? old : undefined);
  };
  if (kind === 'Put') {
    if (body.Item === undefined) throw validation("1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must not be null");
    const item = checkItem(body.Item);
    checkItemKeys(table, item);
    if (itemBytes(item) > MAX_ITEM_BYTES) throw validation('Item size has exceeded the maximum allowed size');
    return {
      kind,
      table,
      key: keyOf(item, table.def.keySchema),
      decide: (old) => {
        check(old);
        return item;
      },
    };
  }
  const key = checkKey(table, body.Key);
  if (kind === 'Update') {
    const update = expressions.update;
    const updatedPaths = update ? [...update.set.map((a) => a.path), ...update.remove, ...update.add.map((a) => a.path), ...update.delete.map((a) => a.path)] : [];
    for (const path of updatedPaths)
      if (table.def.keySchema.some((k) => k.name === path[0]))
        throw validation(`One or more parameter values were invalid: Cannot update attribute ${String(path[0])}. This attribute is part of the key`);
    return {
      kind,
      table,
      key,
      updatedPaths,
      decide: (old) => {
        check(old);
        // UpdateItem creates the item when there is none.
        const next = update ? applyUpdate(old ?? key, update) : (old ?? key);
        checkItemKeys(table, next);
        if (itemBytes(next) > MAX_ITEM_BYTES) throw validation('Item size to update has exceeded the maximum allowed size');
        return next;
      },
    };
  }
  if (kind === 'ConditionCheck' && !expressions.condition) throw validation("1 validation error detected: Value null at 'conditionExpression' failed to satisfy constraint: Member must not be null");
  return {
    kind,
    table,
    key,
    decide: (old) => {
      check(old);
      return kind === 'Delete' ? undefined : KEEP;
    },
  };
}

export interface WriteResult {
  old: Item | undefined;
  next: Item | undefined;
}

/**
 * Decides every write against the table as it is, then (when none failed) makes them all in the
 * same turn of the event loop, so no other request sees some and not the others. Throws the first
 * failure unless `collect` gathers them (transactions).
 */
export async function commitWrites(storage: StorageTriggers, writes: PreparedWrite[], collect?: (i: number, err: unknown) => void): Promise<WriteResult[]> {
  const results: WriteResult[] = [];
  let failed = false;
  const decided = writes.map((w, i) => {
    const old = w.table.get(w.key);
    try {
      const next = w.decide(old);
      results.push({ old, next: next === KEEP ? old : next });
      return next;
    } catch (err) {
      if (!collect) throw err;
      collect(i, err);
      failed = true;
      results.push({ old, next: old });
      return KEEP;
    }
  });
  if (failed) return results;
  const pending: Array<Promise<unknown>> = [];
  decided.forEach((next, i) => {
    const { table, key } = writes[i]!;
    const old = results[i]!.old;
    if (next === KEEP) return;
    if (next === undefined) {
      if (old) pending.push(storage.deleteItem(table, key));
    } else if (!old || !itemsEqual(old, next)) pending.push(storage.putItem(table, next));
  });
  await Promise.all(pending);
  return results;
}

export function itemBytes(item: Item): number {
  let n = 0;
  for (const [k, v] of Object.entries(item)) n += Buffer.byteLength(k) + valueBytes(v);
  return n;
}

function valueBytes(v: Item[string]): number {
  if ('S' in v) return Buffer.byteLength(v.S);
  if ('N' in v) return Math.ceil(v.N.replace(/[-.]/g, '').length / 2) + 1;
  if ('B' in v) return Buffer.from(v.B, 'base64').length;
  if ('BOOL' in v || 'NULL' in v) return 1;
  if ('L' in v) return 3 + v.L.reduce((s, e) => s + 1 + valueBytes(e), 0);
  if ('M' in v) return 3 + itemBytes(v.M) + Object.keys(v.M).length;
  if ('SS' in v) return v.SS.reduce((s, e) => s + Buffer.byteLength(e), 0);
  if ('NS' in v) return v.NS.reduce((s, e) => s + Math.ceil(e.length / 2) + 1, 0);
  return v.BS.reduce((s, e) => s + Buffer.from(e, 'base64').length, 0);
}
