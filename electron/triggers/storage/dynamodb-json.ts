/**
 * DynamoDB JSON (attribute values with type descriptors: {"id": {"S": "1"}}), as tables keep
 * items and streams carry them, and the plain JSON users type, converted as the SDK's
 * marshall() does: string S, number N (as text), boolean BOOL, null NULL, array L, object M.
 */
import type { KeyAttribute } from '../../../shared/domain/storage.js';

export type AttributeValue =
  { S: string } | { N: string } | { B: string } | { BOOL: boolean } | { NULL: true } | { L: AttributeValue[] } | { M: Item } | { SS: string[] } | { NS: string[] } | { BS: string[] };
export type Item = Record<string, AttributeValue>;

const DESCRIPTORS = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'L', 'M', 'SS', 'NS', 'BS']);

/** A ValidationException as DynamoDB words it. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
}

/** Is this a single-key type descriptor ({"S": "x"}, {"N": "1"}, ...)? */
function isDescriptor(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== 1 || !DESCRIPTORS.has(keys[0]!)) return false;
  const [k, v] = [keys[0]!, (value as Record<string, unknown>)[keys[0]!]];
  if (k === 'S' || k === 'N' || k === 'B') return typeof v === 'string';
  if (k === 'BOOL') return typeof v === 'boolean';
  if (k === 'NULL') return v === true;
  if (k === 'L') return Array.isArray(v) && v.every(isDescriptor);
  if (k === 'M') return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isDescriptor);
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** An item already in DynamoDB JSON: every top-level value is a type descriptor. */
export function isDynamoJson(item: Record<string, unknown>): boolean {
  const values = Object.values(item);
  return values.length > 0 && values.every(isDescriptor);
}

/** A plain JSON value as an attribute value. */
export function marshallValue(value: unknown, where: string): AttributeValue {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValidationError(`${where}: ${value} is not a number DynamoDB can store`);
    return { N: String(value) };
  }
  if (typeof value === 'boolean') return { BOOL: value };
  if (value === null) return { NULL: true };
  if (Array.isArray(value)) return { L: value.map((v, i) => marshallValue(v, `${where}[${i}]`)) };
  if (typeof value === 'object') return { M: marshall(value as Record<string, unknown>, where) };
  throw new ValidationError(`${where}: a ${typeof value} cannot be stored`);
}

export function marshall(item: Record<string, unknown>, where = 'item'): Item {
  const out: Item = {};
  for (const [k, v] of Object.entries(item)) if (v !== undefined) out[k] = marshallValue(v, where === 'item' ? k : `${where}.${k}`);
  return out;
}

/** Plain JSON of an item, for people: N becomes a number when it round-trips exactly. */
export function unmarshall(item: Item): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, unmarshallValue(v)]));
}

function unmarshallValue(v: AttributeValue): unknown {
  if ('S' in v) return v.S;
  if ('N' in v) return String(Number(v.N)) === v.N ? Number(v.N) : v.N;
  if ('B' in v) return v.B;
  if ('BOOL' in v) return v.BOOL;
  if ('NULL' in v) return null;
  if ('L' in v) return v.L.map(unmarshallValue);
  if ('M' in v) return unmarshall(v.M);
  if ('SS' in v) return v.SS;
  if ('NS' in v) return v.NS.map(Number);
  return v.BS;
}

/** JSON text from a user (plain or DynamoDB JSON) as an item in DynamoDB JSON. */
export function parseItem(text: string, what = 'item'): Item {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ValidationError(`the ${what} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ValidationError(`the ${what} must be a JSON object`);
  const obj = value as Record<string, unknown>;
  return isDynamoJson(obj) ? (obj as Item) : marshall(obj);
}

/** The key attributes of an item, checked against the key schema, in schema order. */
export function keyOf(item: Item, schema: readonly KeyAttribute[]): Item {
  const key: Item = {};
  for (const k of schema) {
    const v = item[k.name];
    if (v === undefined) throw new ValidationError(`One or more parameter values were invalid: Missing the key ${k.name} in the item`);
    if (!(k.type in v)) {
      throw new ValidationError(`One or more parameter values were invalid: Type mismatch for key ${k.name} expected: ${k.type} actual: ${Object.keys(v)[0]}`);
    }
    if (k.type !== 'N' && (v as Record<string, string>)[k.type] === '') {
      throw new ValidationError(`One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${k.name}`);
    }
    key[k.name] = v;
  }
  return key;
}

/** A key given on its own (delete, get): exactly the key attributes. */
export function checkKey(key: Item, schema: readonly KeyAttribute[]): Item {
  const extra = Object.keys(key).filter((k) => !schema.some((s) => s.name === k));
  if (extra.length || Object.keys(key).length !== schema.length) throw new ValidationError('The provided key element does not match the schema');
  return keyOf(key, schema);
}

/** One string per key, for the table's index: numbers compare by value ("1.0" is 1), every digit of them. */
export function keyString(key: Item, schema: readonly KeyAttribute[]): string {
  return JSON.stringify(
    schema.map((k) => {
      const v = key[k.name] as Record<string, string>;
      return k.type === 'N' ? numberIdentity(v.N!) : v[k.type];
    }),
  );
}

/**
 * The same text for the same value ("1.0", "01" and "1e0" are all 1e0) without going through a
 * double, which would make 12345678901234567890 and 12345678901234567891 (ids longer than 2^53)
 * one key.
 */
function numberIdentity(text: string): string {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
  if (!m) return text;
  const all = `${m[2] ?? ''}${m[3] ?? ''}`.replace(/^0+/, '');
  if (!all) return '0';
  const digits = all.replace(/0+$/, '');
  const exp = Number(m[4] ?? 0) - (m[3] ?? '').length + (all.length - digits.length);
  return `${m[1] === '-' ? '-' : ''}${digits}e${exp}`;
}
