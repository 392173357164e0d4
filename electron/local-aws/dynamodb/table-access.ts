/**
 * The workspace's tables as DynamoDB's operations reach them: by TableName (or ARN), keys checked
 * against the key schema, and the items of the table or of one of its secondary indexes in key
 * order (partition key, then sort key; numbers numerically, strings and binary by bytes).
 */
import type { KeyAttribute, SecondaryIndex } from '../../../shared/domain/storage.js';
import type { LocalTable } from '../../triggers/storage/local-table.js';
import type { StorageTriggers } from '../../triggers/storage/storage-triggers.js';
import { checkValue, compareValues, typeOf, type AttributeValue, type Item } from './attribute-values.js';
import { notFound, validation } from './errors.js';

export function tableNamed(storage: StorageTriggers, name: unknown): LocalTable {
  if (typeof name !== 'string' || name === '') throw validation("1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
  const plain = /^arn:aws[^:]*:dynamodb:[^:]*:\d*:table\/([^/]+)$/.exec(name)?.[1] ?? name;
  const table = storage.table(plain);
  // storage.table also answers logical ids; DynamoDB knows only names.
  if (!table || table.tableName !== plain) throw notFound();
  return table;
}

/** The table's own key, or an index's: what Query and Scan order and paginate by. */
export interface KeyView {
  index?: SecondaryIndex;
  keySchema: KeyAttribute[];
}

export function viewOf(table: LocalTable, indexName: unknown): KeyView {
  if (indexName === undefined) return { keySchema: table.def.keySchema };
  const index = indexesOf(table).find((i) => i.indexName === indexName);
  if (!index) throw validation(`The table does not have the specified index: ${String(indexName)}`);
  return { index, keySchema: index.keySchema };
}

export function indexesOf(table: LocalTable): SecondaryIndex[] {
  return [...(table.def.globalSecondaryIndexes ?? []), ...(table.def.localSecondaryIndexes ?? [])];
}

export function isGlobal(table: LocalTable, index: SecondaryIndex): boolean {
  return (table.def.globalSecondaryIndexes ?? []).includes(index);
}

/** A key given on its own (GetItem, DeleteItem, UpdateItem): exactly the key attributes, of the schema's types. */
export function checkKey(table: LocalTable, raw: unknown): Item {
  const schema = table.def.keySchema;
  if (typeof raw !== 'object' || raw === null) throw validation("1 validation error detected: Value null at 'key' failed to satisfy constraint: Member must not be null");
  const key: Item = {};
  for (const [k, v] of Object.entries(raw)) key[k] = checkValue(v);
  const names = Object.keys(key);
  if (names.length !== schema.length || !schema.every((s) => key[s.name] !== undefined && typeOf(key[s.name]!) === s.type)) throw validation('The provided key element does not match the schema');
  for (const s of schema)
    if (s.type !== 'N' && (key[s.name] as Record<string, string>)[s.type] === '')
      throw validation(`One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${s.name}`);
  return Object.fromEntries(schema.map((s) => [s.name, key[s.name]!]));
}

export function keyOf(item: Item, schema: readonly KeyAttribute[]): Item {
  return Object.fromEntries(schema.map((s) => [s.name, item[s.name]!]));
}

/** An item written: its key attributes present and typed, its index keys (when present) of their declared types. */
export function checkItemKeys(table: LocalTable, item: Item): void {
  for (const s of table.def.keySchema) {
    const v = item[s.name];
    if (v === undefined) throw validation(`One or more parameter values were invalid: Missing the key ${s.name} in the item`);
    if (typeOf(v) !== s.type) throw validation(`One or more parameter values were invalid: Type mismatch for key ${s.name} expected: ${s.type} actual: ${typeOf(v)}`);
    if (s.type !== 'N' && (v as Record<string, string>)[s.type] === '')
      throw validation(`One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${s.name}`);
  }
  for (const index of indexesOf(table))
    for (const s of index.keySchema) {
      const v = item[s.name];
      if (v === undefined || table.def.keySchema.some((k) => k.name === s.name)) continue;
      if (typeOf(v) !== s.type)
        throw validation(`One or more parameter values were invalid: Type mismatch for Index Key ${s.name} Expected: ${s.type} Actual: ${typeOf(v)} IndexName: ${index.indexName}`);
      if (s.type !== 'N' && (v as Record<string, string>)[s.type] === '')
        throw validation(
          `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: ${index.indexName}, IndexKey: ${s.name}`,
        );
    }
}

/** Orders by the view's keys, then (for an index, where keys repeat) by the table's. */
export function keyComparator(table: LocalTable, view: KeyView): (a: Item, b: Item) => number {
  const schema = view.index ? [...view.keySchema, ...table.def.keySchema] : view.keySchema;
  return (a, b) => {
    for (const s of schema) {
      const [x, y] = [a[s.name], b[s.name]];
      if (x === undefined || y === undefined) continue;
      const c = compareValues(x, y) ?? 0;
      if (c !== 0) return c;
    }
    return 0;
  };
}

/** The items the view holds (an index holds only the items that have its key attributes), in key order. */
export function itemsInOrder(table: LocalTable, view: KeyView): Item[] {
  const items = table.scan().filter((item) => view.keySchema.every((s) => item[s.name] !== undefined && typeOf(item[s.name]!) === s.type));
  return items.sort(keyComparator(table, view));
}

/** The attributes an index's items carry. */
export function projectIndex(table: LocalTable, index: SecondaryIndex | undefined, item: Item): Item {
  if (!index || index.projection === 'ALL') return item;
  const keep = new Set([...table.def.keySchema, ...index.keySchema].map((k) => k.name));
  for (const a of index.nonKeyAttributes ?? []) keep.add(a);
  return Object.fromEntries(Object.entries(item).filter(([k]) => keep.has(k)));
}

/** ExclusiveStartKey: the view's and the table's key attributes. */
export function checkStartKey(table: LocalTable, view: KeyView, raw: unknown): Item {
  if (typeof raw !== 'object' || raw === null) throw validation('The provided starting key is invalid');
  const key: Item = {};
  for (const [k, v] of Object.entries(raw)) key[k] = checkValue(v);
  const needed = [...view.keySchema, ...(view.index ? table.def.keySchema : [])];
  for (const s of needed) {
    const v: AttributeValue | undefined = key[s.name];
    if (!v || typeOf(v) !== s.type) throw validation('The provided starting key is invalid: The provided key element does not match the schema');
  }
  return key;
}

/** LastEvaluatedKey of an item: the view's keys and, for an index, the table's. */
export function lastKeyOf(table: LocalTable, view: KeyView, item: Item): Item {
  return { ...keyOf(item, table.def.keySchema), ...keyOf(item, view.keySchema) };
}
