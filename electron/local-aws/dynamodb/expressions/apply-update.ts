/**
 * Applies parsed update actions to an item, as UpdateItem does: every SET value is computed from
 * the item as it was before the update, then SET, REMOVE, ADD and DELETE are applied to a copy.
 * Returns the new item; throws DynamoDB's ValidationException for operands of the wrong type or
 * paths that do not exist.
 */
import { clone, typeOf, typeWord, valuesEqual, type AttributeValue, type Item } from '../attribute-values.js';
import { addNumbers } from '../decimal.js';
import { validation } from '../errors.js';
import type { DocumentPath, Operand, UpdateActions } from './ast.js';
import { getPath, removePath, setPath } from './document-paths.js';

const WRONG_TYPE = 'An operand in the update expression has an incorrect data type';
const MISSING = 'The provided expression refers to an attribute that does not exist in the item';

export function applyUpdate(old: Item, actions: UpdateActions): Item {
  const values = actions.set.map((a) => ({ path: a.path, value: compute(old, a.value) }));
  const item = clone(old);
  for (const { path, value } of values) setPath(item, path, value);
  // Removing list elements from the highest index down keeps the lower indexes meaning what they said.
  const removals = [...actions.remove].sort((a, b) => {
    const [x, y] = [a[a.length - 1], b[b.length - 1]];
    return typeof x === 'number' && typeof y === 'number' ? y - x : 0;
  });
  for (const path of removals) removePath(item, path);
  for (const { path, value } of actions.add) add(item, path, value);
  for (const { path, value } of actions.delete) remove(item, path, value);
  return item;
}

function compute(item: Item, o: Operand): AttributeValue {
  switch (o.kind) {
    case 'value':
      return o.value;
    case 'path': {
      const v = getPath(item, o.path);
      if (v === undefined) throw validation(MISSING);
      return v;
    }
    case 'if_not_exists':
      return getPath(item, o.path) ?? compute(item, o.fallback);
    case 'list_append': {
      const [a, b] = [compute(item, o.left), compute(item, o.right)];
      if (!('L' in a) || !('L' in b)) throw validation(WRONG_TYPE);
      return { L: [...a.L, ...b.L] };
    }
    case 'arith': {
      const [a, b] = [compute(item, o.left), compute(item, o.right)];
      if (!('N' in a) || !('N' in b)) throw validation(WRONG_TYPE);
      return { N: addNumbers(a.N, b.N, o.op === '+' ? 1 : -1) };
    }
    case 'size':
      throw validation('Invalid UpdateExpression: The function is not allowed in an update expression; function: size');
  }
}

const SET_TYPES = new Set(['SS', 'NS', 'BS']);

function add(item: Item, path: DocumentPath, value: AttributeValue): void {
  const t = typeOf(value);
  if (t !== 'N' && !SET_TYPES.has(t)) throw validation(`Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: ${typeWord(value)}`);
  const cur = getPath(item, path);
  if (cur === undefined) return setPath(item, path, value);
  if ('N' in cur && 'N' in value) return setPath(item, path, { N: addNumbers(cur.N, value.N) });
  if (typeOf(cur) !== t) throw validation(WRONG_TYPE);
  const members = setMembers(cur);
  const el = t.slice(0, 1);
  for (const m of setMembers(value)) if (!members.some((x) => valuesEqual({ [el]: x } as AttributeValue, { [el]: m } as AttributeValue))) members.push(m);
  setPath(item, path, { [t]: members } as AttributeValue);
}

function remove(item: Item, path: DocumentPath, value: AttributeValue): void {
  const t = typeOf(value);
  if (!SET_TYPES.has(t)) throw validation(`Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: ${typeWord(value)}`);
  const cur = getPath(item, path);
  if (cur === undefined) return;
  if (typeOf(cur) !== t) throw validation(WRONG_TYPE);
  const el = t.slice(0, 1);
  const gone = setMembers(value);
  const left = setMembers(cur).filter((m) => !gone.some((g) => valuesEqual({ [el]: g } as AttributeValue, { [el]: m } as AttributeValue)));
  // An empty set cannot be stored: the attribute goes.
  if (left.length === 0) removePath(item, path);
  else setPath(item, path, { [t]: left } as AttributeValue);
}

function setMembers(v: AttributeValue): string[] {
  return [...((v as Record<string, string[]>)[typeOf(v)] ?? [])];
}
