/**
 * Attribute values as expressions see them: their type, equality (numbers by value, sets in any
 * order), ordering (numbers numerically, strings by UTF-8 bytes, binary by bytes) and size.
 */
import type { AttributeValue, Item } from '../../triggers/storage/dynamodb-json.js';
import { canonicalNumber, compareNumbers } from './decimal.js';
import { validation } from './errors.js';

export type { AttributeValue, Item };
export type TypeName = 'S' | 'N' | 'B' | 'BOOL' | 'NULL' | 'L' | 'M' | 'SS' | 'NS' | 'BS';
export const TYPE_NAMES: readonly TypeName[] = ['S', 'N', 'B', 'BOOL', 'NULL', 'L', 'M', 'SS', 'NS', 'BS'];

export function typeOf(v: AttributeValue): TypeName {
  return Object.keys(v)[0] as TypeName;
}

function raw(v: AttributeValue): unknown {
  return (v as Record<string, unknown>)[typeOf(v)];
}

function bytes(v: AttributeValue): Buffer {
  return 'B' in v ? Buffer.from(v.B, 'base64') : Buffer.from(raw(v) as string, 'utf8');
}

export function valuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  const t = typeOf(a);
  if (t !== typeOf(b)) return false;
  if (t === 'N') return compareNumbers(raw(a) as string, raw(b) as string) === 0;
  if (t === 'B') return bytes(a).equals(bytes(b));
  if (t === 'SS' || t === 'NS' || t === 'BS') {
    const [x, y] = [raw(a) as string[], raw(b) as string[]];
    const el = (s: string): AttributeValue => ({ [t.slice(0, 1)]: s }) as AttributeValue;
    return x.length === y.length && x.every((s) => y.some((o) => valuesEqual(el(s), el(o))));
  }
  if (t === 'L') {
    const [x, y] = [raw(a) as AttributeValue[], raw(b) as AttributeValue[]];
    return x.length === y.length && x.every((v, i) => valuesEqual(v, y[i]!));
  }
  if (t === 'M') return itemsEqual(raw(a) as Item, raw(b) as Item);
  return raw(a) === raw(b);
}

export function itemsEqual(a: Item, b: Item): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] !== undefined && valuesEqual(a[k]!, b[k]!));
}

/** Ordering for <, <=, >, >=, BETWEEN and sort keys: undefined when the two are not comparable (different types, or not S, N, B). */
export function compareValues(a: AttributeValue, b: AttributeValue): number | undefined {
  const t = typeOf(a);
  if (t !== typeOf(b)) return undefined;
  if (t === 'N') return compareNumbers(raw(a) as string, raw(b) as string);
  if (t === 'S' || t === 'B') return Buffer.compare(bytes(a), bytes(b));
  return undefined;
}

/** size(): bytes of a string or binary, elements of a set, list or map. */
export function sizeOf(v: AttributeValue): number | undefined {
  const t = typeOf(v);
  if (t === 'S' || t === 'B') return bytes(v).length;
  if (t === 'SS' || t === 'NS' || t === 'BS' || t === 'L') return (raw(v) as unknown[]).length;
  if (t === 'M') return Object.keys(raw(v) as Item).length;
  return undefined;
}

/** Types as DynamoDB's messages name them ("operand type: STRING"). */
export function typeWord(v: AttributeValue): string {
  return ({ S: 'STRING', N: 'NUMBER', B: 'BINARY', BOOL: 'BOOLEAN', NULL: 'NULL', L: 'LIST', M: 'MAP', SS: 'STRING SET', NS: 'NUMBER SET', BS: 'BINARY SET' } as const)[typeOf(v)];
}

export function clone<T>(v: T): T {
  return structuredClone(v);
}

/**
 * An attribute value from a request, checked as DynamoDB checks it (one type descriptor, a
 * number that is a number, sets neither empty nor with duplicates) and with its numbers in
 * DynamoDB's canonical form.
 */
export function checkValue(v: unknown): AttributeValue {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw validation('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  const keys = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined && (v as Record<string, unknown>)[k] !== null);
  if (keys.length === 0) throw validation('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  if (keys.length > 1) throw validation('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
  const t = keys[0] as TypeName;
  const x = (v as Record<string, unknown>)[t];
  switch (t) {
    case 'S':
    case 'B':
      if (typeof x !== 'string') break;
      return { [t]: x } as AttributeValue;
    case 'N':
      if (typeof x !== 'string') break;
      return { N: canonicalNumber(x) };
    case 'BOOL':
      if (typeof x !== 'boolean') break;
      return { BOOL: x };
    case 'NULL':
      if (x !== true) throw validation('One or more parameter values were invalid: Null attribute value types must have the value of true');
      return { NULL: true };
    case 'L':
      if (!Array.isArray(x)) break;
      return { L: x.map(checkValue) };
    case 'M':
      if (typeof x !== 'object' || Array.isArray(x)) break;
      return { M: checkItem(x as Record<string, unknown>) };
    case 'SS':
    case 'NS':
    case 'BS': {
      if (!Array.isArray(x) || !x.every((s) => typeof s === 'string')) break;
      const kind = { SS: 'string', NS: 'number', BS: 'binary' }[t];
      if (x.length === 0) throw validation(`One or more parameter values were invalid: An ${kind} set  may not be empty`);
      const members = t === 'NS' ? (x as string[]).map(canonicalNumber) : (x as string[]);
      if (new Set(t === 'NS' ? members : members).size !== members.length) throw validation(`Input collection [${x.join(', ')}] contains duplicates.`);
      return { [t]: members } as AttributeValue;
    }
    default:
      throw validation(`Supplied AttributeValue has an unsupported datatype: ${t}`);
  }
  throw validation(`Supplied AttributeValue for ${t} has the wrong shape`);
}

export function checkItem(item: unknown): Item {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw validation('One or more parameter values were invalid: the item must be a map of attribute values');
  const out: Item = {};
  for (const [k, v] of Object.entries(item)) out[k] = checkValue(v);
  return out;
}
