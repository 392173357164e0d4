import type { FileEntry } from '../../../../shared/api/schemas.js';

export interface TreeNode {
  name: string;
  path: string;
  kind: 'file' | 'dir';
  children: TreeNode[];
}

/** Nests the flat files.list answer into folders, folders first, each level sorted by name. */
export function buildTree(entries: FileEntry[]): TreeNode[] {
  const root: TreeNode = { name: '', path: '', kind: 'dir', children: [] };
  const dirs = new Map<string, TreeNode>([['', root]]);
  const ensureDir = (path: string): TreeNode => {
    const existing = dirs.get(path);
    if (existing) return existing;
    const cut = path.lastIndexOf('/');
    const parent = ensureDir(cut < 0 ? '' : path.slice(0, cut));
    const node: TreeNode = { name: path.slice(cut + 1), path, kind: 'dir', children: [] };
    parent.children.push(node);
    dirs.set(path, node);
    return node;
  };
  for (const e of entries) {
    if (e.kind === 'dir') {
      ensureDir(e.path);
      continue;
    }
    const cut = e.path.lastIndexOf('/');
    ensureDir(cut < 0 ? '' : e.path.slice(0, cut)).children.push({ name: e.path.slice(cut + 1), path: e.path, kind: 'file', children: [] });
  }
  const sort = (nodes: TreeNode[]) => {
    nodes.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1));
    nodes.forEach((n) => sort(n.children));
  };
  sort(root.children);
  return root.children;
}

/** The file a handler setting points at, if the folder has it: index.handler -> index.js, .mjs, ... */
export function handlerFile(handler: string, runtime: string, entries: FileEntry[]): string | undefined {
  const files = new Set(entries.filter((e) => e.kind === 'file').map((e) => e.path));
  if (runtime.startsWith('provided')) return files.has('bootstrap') ? 'bootstrap' : undefined;
  const dot = handler.lastIndexOf('.');
  const stem = dot > 0 ? handler.slice(0, dot) : handler;
  for (const ext of ['.js', '.mjs', '.cjs', '.ts', '.mts', '.py', '.rb']) if (files.has(stem + ext)) return stem + ext;
  return undefined;
}

/** Why a new file or folder name cannot be used, or undefined. */
export function checkEntryName(name: string, entries: FileEntry[], except?: string): string | undefined {
  const path = name.trim();
  if (!path) return 'Type a name';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'Use a path inside the code folder';
  if (path.split('/').some((part) => part === '..' || part === '.' || part === '')) return 'No empty, "." or ".." parts';
  if (path !== except && entries.some((e) => e.path === path)) return `${path} already exists`;
  return undefined;
}
