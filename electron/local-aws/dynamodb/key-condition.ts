/**
 * KeyConditionExpression: parsed as any condition, then held to what Query allows: an equality on
 * the partition key, and at most one condition on the sort key (=, <, <=, >, >=, BETWEEN,
 * begins_with), joined by AND.
 */
import type { KeyAttribute } from '../../../shared/domain/storage.js';
import { typeOf, type AttributeValue } from './attribute-values.js';
import { validation } from './errors.js';
import type { Comparator, Condition, Operand } from './expressions/ast.js';

export interface KeyCondition {
  partition: AttributeValue;
  /** The sort key condition, evaluated on each item of the partition. */
  sort?: Condition;
}

const FLIP: Record<Comparator, Comparator> = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

export function keyCondition(condition: Condition, schema: readonly KeyAttribute[]): KeyCondition {
  const parts: Condition[] = [];
  const flatten = (c: Condition): void => {
    if (c.kind === 'and') {
      flatten(c.left);
      flatten(c.right);
    } else parts.push(c);
  };
  flatten(condition);
  const byKey = new Map<string, { condition: Condition; value: AttributeValue; op: string }>();
  for (const part of parts) {
    const { name, values, op, normalized } = describePart(part);
    const key = schema.find((k) => k.name === name);
    if (!key) throw validation('Query key condition not supported');
    if (byKey.has(name)) throw validation('KeyConditionExpressions must only contain one condition per key');
    for (const v of values) if (typeOf(v) !== key.type) throw validation('One or more parameter values were invalid: Condition parameter type does not match schema type');
    if (op === 'begins_with' && key.type === 'N')
      throw validation('Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N');
    byKey.set(name, { condition: normalized, value: values[0]!, op });
  }
  const hash = schema[0]!;
  const p = byKey.get(hash.name);
  if (!p) throw validation(`Query condition missed key schema element: ${hash.name}`);
  if (p.op !== '=') throw validation('Query key condition not supported');
  const sort = schema[1] ? byKey.get(schema[1].name)?.condition : undefined;
  return { partition: p.value, ...(sort ? { sort } : {}) };
}

function describePart(c: Condition): { name: string; values: AttributeValue[]; op: string; normalized: Condition } {
  const pathName = (o: Operand): string | undefined => {
    if (o.kind !== 'path') return undefined;
    if (o.path.length > 1) throw validation('KeyConditionExpressions cannot have conditions on nested attributes');
    return o.path[0] as string;
  };
  const value = (o: Operand): AttributeValue => {
    if (o.kind !== 'value') throw validation('Invalid KeyConditionExpression: The key condition must compare a key attribute with a value');
    return o.value;
  };
  switch (c.kind) {
    case 'compare': {
      if (c.op === '<>') throw validation('Invalid operator used in KeyConditionExpression: <>');
      const left = pathName(c.left);
      if (left !== undefined) return { name: left, values: [value(c.right)], op: c.op, normalized: c };
      const right = pathName(c.right);
      if (right === undefined) throw validation('Invalid KeyConditionExpression: The key condition must compare a key attribute with a value');
      // :v < sk is sk > :v.
      return { name: right, values: [value(c.left)], op: FLIP[c.op], normalized: { ...c, op: FLIP[c.op], left: c.right, right: c.left } };
    }
    case 'between': {
      const name = pathName(c.value);
      if (name === undefined) throw validation('Invalid KeyConditionExpression: The key condition must compare a key attribute with a value');
      return { name, values: [value(c.low), value(c.high)], op: 'BETWEEN', normalized: c };
    }
    case 'begins_with': {
      const name = pathName(c.subject);
      if (name === undefined) throw validation('Invalid KeyConditionExpression: The key condition must compare a key attribute with a value');
      return { name, values: [value(c.operand)], op: 'begins_with', normalized: c };
    }
    case 'or':
    case 'not':
      throw validation(`Invalid operator used in KeyConditionExpression: ${c.kind.toUpperCase()}`);
    case 'in':
      throw validation('Invalid operator used in KeyConditionExpression: IN');
    default:
      throw validation(`Invalid operator used in KeyConditionExpression: ${c.kind}`);
  }
}
