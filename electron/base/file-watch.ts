/**
 * Watching a workspace: the template's folder (not the file: editors save by replacing it, which
 * ends a watch on the old inode) and each function's code folder, recursively.
 */
import { lstatSync, readdirSync, watch, type Dirent, type FSWatcher } from 'node:fs';
import path from 'node:path';

/** Folders never watched nor listed: dependencies and dot-folders (.git, .faaslab). */
export function isIgnoredDir(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

function ignoredPath(rel: string): boolean {
  const parts = rel.split(/[\\/]/);
  return parts.slice(0, -1).some(isIgnoredDir) || parts[parts.length - 1] === 'node_modules';
}

export interface Closable {
  close(): void;
}

/**
 * Calls `onChange(relativePath)` for changes under `root`. macOS and Windows watch a tree
 * natively. On Linux, Node's recursive mode would put an inotify watch on every folder of
 * node_modules (and can exhaust the user's limit), so folders are watched one by one, skipping
 * ignored ones, and new folders are picked up as they appear.
 */
export function watchTree(root: string, onChange: (rel: string) => void): Closable {
  const report = (full: string) => {
    const rel = path.relative(root, full);
    if (rel && !rel.startsWith('..') && !ignoredPath(rel)) onChange(rel.split(path.sep).join('/'));
  };
  if (process.platform !== 'linux') {
    const w = tryWatch(root, true, (name) => report(path.join(root, name)));
    return { close: () => w?.close() };
  }
  const watchers = new Map<string, FSWatcher>();
  const add = (dir: string) => {
    if (watchers.has(dir) || !isRealDir(dir)) return;
    const w = tryWatch(dir, false, (name) => {
      const full = path.join(dir, name);
      report(full);
      if (!isIgnoredDir(name)) add(full); // a folder created since: watch it too
    });
    if (!w) return;
    w.on('error', () => {
      w.close();
      watchers.delete(dir);
    });
    watchers.set(dir, w);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) if (e.isDirectory() && !isIgnoredDir(e.name)) add(path.join(dir, e.name));
  };
  add(root);
  return {
    close: () => {
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}

/** The entries of one folder, without descending (the workspace root: template.yaml, env.json). */
export function watchFolder(dir: string, onName: (name: string) => void): Closable {
  const w = tryWatch(dir, false, onName);
  return { close: () => w?.close() };
}

/** A folder, not a symlink to one (which could loop back into the tree). */
function isRealDir(p: string): boolean {
  try {
    return lstatSync(p).isDirectory();
  } catch {
    return false;
  }
}

function tryWatch(target: string, recursive: boolean, onName: (name: string) => void): FSWatcher | undefined {
  try {
    const w = watch(target, { recursive, persistent: false }, (_type, name) => {
      if (name) onName(name.toString());
    });
    w.on('error', () => w.close());
    return w;
  } catch {
    return undefined; // gone already, or not a folder
  }
}
