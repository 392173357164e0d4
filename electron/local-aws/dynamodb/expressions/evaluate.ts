/**
 * Evaluates a parsed condition against an item (undefined: no item, as a condition on a missing
 * item sees it). A comparison with a missing attribute or values of different types is false
 * (but <> is true), as in DynamoDB.
 */
import { compareValues, sizeOf, TYPE_NAMES, typeOf, valuesEqual, type AttributeValue, type Item } from '../attribute-values.js';
import { validation } from '../errors.js';
import type { Condition, Operand } from './ast.js';
import { getPath } from './document-paths.js';

export function evaluate(condition: Condition, item: Item | undefined, what = 'ConditionExpression'): boolean {
  const doc = item ?? {};
  const operand = (o: Operand): AttributeValue | undefined => {
    if (o.kind === 'value') return o.value;
    if (o.kind === 'path') return getPath(doc, o.path);
    if (o.kind === 'size') {
      const v = getPath(doc, o.path);
      const n = v === undefined ? undefined : sizeOf(v);
      return n === undefined ? undefined : { N: String(n) };
    }
    throw validation(`Invalid ${what}: The function is not allowed to be used this way in an expression`);
  };
  const test = (c: Condition): boolean => {
    switch (c.kind) {
      case 'and':
        return test(c.left) && test(c.right);
      case 'or':
        return test(c.left) || test(c.right);
      case 'not':
        return !test(c.condition);
      case 'compare': {
        const [a, b] = [operand(c.left), operand(c.right)];
        if (c.op === '<>') return a === undefined || b === undefined || !valuesEqual(a, b);
        if (a === undefined || b === undefined) return false;
        if (c.op === '=') return valuesEqual(a, b);
        const cmp = compareValues(a, b);
        if (cmp === undefined) return false;
        return c.op === '<' ? cmp < 0 : c.op === '<=' ? cmp <= 0 : c.op === '>' ? cmp > 0 : cmp >= 0;
      }
      case 'between': {
        const [v, lo, hi] = [operand(c.value), operand(c.low), operand(c.high)];
        if (lo && hi && c.low.kind === 'value' && c.high.kind === 'value' && (compareValues(lo, hi) ?? 0) > 0)
          throw validation(
            `Invalid ${what}: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: ${describe(lo)}, upper bound operand: AttributeValue: ${describe(hi)}`,
          );
        if (!v || !lo || !hi) return false;
        const [x, y] = [compareValues(v, lo), compareValues(v, hi)];
        return x !== undefined && y !== undefined && x >= 0 && y <= 0;
      }
      case 'in': {
        const v = operand(c.value);
        return (
          v !== undefined &&
          c.list.some((o) => {
            const w = operand(o);
            return w !== undefined && valuesEqual(v, w);
          })
        );
      }
      case 'attribute_exists':
        return getPath(doc, c.path) !== undefined;
      case 'attribute_not_exists':
        return getPath(doc, c.path) === undefined;
      case 'attribute_type': {
        const t = operand(c.type);
        if (!t || !('S' in t)) throw validation(`Invalid ${what}: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: ${t ? typeOf(t) : 'missing'}`);
        if (!TYPE_NAMES.includes(t.S as never)) throw validation(`Invalid ${what}: Invalid attribute type name found; type: ${t.S}, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}`);
        const v = getPath(doc, c.path);
        return v !== undefined && typeOf(v) === t.S;
      }
      case 'begins_with': {
        const [v, prefix] = [operand(c.subject), operand(c.operand)];
        if (prefix && c.operand.kind === 'value' && !('S' in prefix) && !('B' in prefix))
          throw validation(`Invalid ${what}: Incorrect operand type for operator or function; operator or function: begins_with, operand type: ${typeOf(prefix)}`);
        if (!v || !prefix) return false;
        if ('S' in v && 'S' in prefix) return Buffer.from(v.S).subarray(0, Buffer.byteLength(prefix.S)).equals(Buffer.from(prefix.S));
        if ('B' in v && 'B' in prefix) {
          const [b, p] = [Buffer.from(v.B, 'base64'), Buffer.from(prefix.B, 'base64')];
          return b.subarray(0, p.length).equals(p);
        }
        return false;
      }
      case 'contains': {
        const [v, x] = [operand(c.subject), operand(c.operand)];
        if (!v || !x) return false;
        if ('S' in v) return 'S' in x && v.S.includes(x.S);
        if ('B' in v) return 'B' in x && Buffer.from(v.B, 'base64').includes(Buffer.from(x.B, 'base64'));
        if ('SS' in v) return 'S' in x && v.SS.includes(x.S);
        if ('NS' in v) return 'N' in x && v.NS.some((n) => valuesEqual({ N: n }, x));
        if ('BS' in v) return 'B' in x && v.BS.some((b) => valuesEqual({ B: b }, x));
        if ('L' in v) return v.L.some((e) => valuesEqual(e, x));
        return false;
      }
    }
  };
  return test(condition);
}

/** {N:5}, as DynamoDB's messages print a value. */
function describe(v: AttributeValue): string {
  const t = typeOf(v);
  return `{${t}:${JSON.stringify((v as Record<string, unknown>)[t]).replace(/^"|"$/g, '')}}`;
}
