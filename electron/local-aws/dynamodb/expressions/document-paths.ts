/**
 * Reading and writing document paths inside an item: a.b[0].c walks maps by name and lists by
 * index. Writes are on an item the caller owns (a clone), so a failed update leaves nothing half
 * done.
 */
import type { AttributeValue, Item } from '../attribute-values.js';
import { validation } from '../errors.js';
import type { DocumentPath } from './ast.js';

export function getPath(item: Item, path: DocumentPath): AttributeValue | undefined {
  let cur: AttributeValue | undefined = item[path[0] as string];
  for (const p of path.slice(1)) {
    if (cur === undefined) return undefined;
    if (typeof p === 'number') cur = 'L' in cur ? cur.L[p] : undefined;
    else cur = 'M' in cur ? cur.M[p] : undefined;
  }
  return cur;
}

const INVALID_FOR_UPDATE = 'The document path provided in the update expression is invalid for update';

/** The map or list holding the path's last element. */
function parentOf(item: Item, path: DocumentPath): Item | AttributeValue[] {
  if (path.length === 1) return item;
  const parent = getPath(item, path.slice(0, -1));
  const last = path[path.length - 1];
  if (parent && typeof last === 'number' && 'L' in parent) return parent.L;
  if (parent && typeof last === 'string' && 'M' in parent) return parent.M;
  throw validation(INVALID_FOR_UPDATE);
}

/** SET: a list index past the end appends, as DynamoDB does. */
export function setPath(item: Item, path: DocumentPath, value: AttributeValue): void {
  const parent = parentOf(item, path);
  const last = path[path.length - 1]!;
  if (Array.isArray(parent)) {
    const i = last as number;
    if (i < parent.length) parent[i] = value;
    else parent.push(value);
  } else parent[last as string] = value;
}

/** REMOVE: a missing attribute is nothing to do; a removed list element shifts the rest down. */
export function removePath(item: Item, path: DocumentPath): void {
  if (path.length > 1 && getPath(item, path.slice(0, -1)) === undefined) return;
  let parent: Item | AttributeValue[];
  try {
    parent = parentOf(item, path);
  } catch {
    return;
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(parent)) {
    if ((last as number) < parent.length) parent.splice(last as number, 1);
  } else delete parent[last as string];
}

/**
 * The item with only the given paths (ProjectionExpression): maps keep the named keys, lists the
 * picked elements in index order.
 */
export function project(item: Item, paths: DocumentPath[]): Item {
  const out: Item = {};
  // Within a list, elements are added in index order whatever the order of the paths.
  const sorted = [...paths].sort((a, b) => comparePaths(a, b));
  const lists = new WeakMap<AttributeValue, Map<number, AttributeValue>>();
  for (const path of sorted) {
    const value = getPath(item, path);
    if (value === undefined) continue;
    let src: AttributeValue | undefined = item[path[0] as string];
    if (path.length === 1) {
      out[path[0] as string] = structuredClone(value);
      continue;
    }
    let dst: AttributeValue = (out[path[0] as string] ??= emptyLike(src!));
    for (let i = 1; i < path.length; i++) {
      const p = path[i]!;
      const last = i === path.length - 1;
      const next: AttributeValue = typeof p === 'number' ? (src as { L: AttributeValue[] }).L[p]! : (src as { M: Item }).M[p]!;
      if ('M' in dst) {
        const key = p as string;
        dst = dst.M[key] ??= last ? structuredClone(next) : emptyLike(next);
      } else if ('L' in dst) {
        // A list holds the picked elements once each (a[1].x and a[1].y share one).
        const picked = lists.get(dst) ?? new Map<number, AttributeValue>();
        lists.set(dst, picked);
        let el = picked.get(p as number);
        if (!el) {
          el = last ? structuredClone(next) : emptyLike(next);
          picked.set(p as number, el);
          dst.L.push(el);
        }
        dst = el;
      }
      src = next;
    }
  }
  return out;
}

function emptyLike(v: AttributeValue): AttributeValue {
  if ('M' in v) return { M: {} };
  if ('L' in v) return { L: [] };
  return structuredClone(v);
}

function comparePaths(a: DocumentPath, b: DocumentPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i]!, b[i]!];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return 0;
  }
  return a.length - b.length;
}
