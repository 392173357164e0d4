/**
 * The same edits as TemplateEditor makes to text, made to the template's plain JS value. The
 * editor compares the two after every edit: the text edit must change exactly what was asked.
 */
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function setIn(root: unknown, path: readonly string[], value: unknown): void {
  let node = root as Obj;
  for (const key of path.slice(0, -1)) {
    if (!isObj(node[key])) node[key] = {};
    node = node[key] as Obj;
  }
  node[path[path.length - 1]!] = value;
}

export function deleteIn(root: unknown, path: readonly string[]): void {
  const parent = getIn(root, path.slice(0, -1));
  if (isObj(parent)) delete parent[path[path.length - 1]!];
}

/** Renames a key in place, keeping the order of its siblings. */
export function renameIn(root: unknown, path: readonly string[], newKey: string): void {
  const parentPath = path.slice(0, -1);
  const parent = getIn(root, parentPath);
  if (!isObj(parent)) return;
  const renamed = Object.fromEntries(Object.entries(parent).map(([k, v]) => [k === path[path.length - 1] ? newKey : k, v]));
  for (const k of Object.keys(parent)) delete parent[k];
  Object.assign(parent, renamed);
}

export function getIn(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const key of path) node = isObj(node) ? node[key] : undefined;
  return node;
}
