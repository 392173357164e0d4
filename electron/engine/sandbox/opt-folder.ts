/**
 * Lambda's /opt: the function's layers extracted into one folder in order, a later layer's file
 * replacing an earlier one's. One layer is bound at /opt as it is; several are merged as a
 * folder of links into them (only where their folders overlap is a folder made), which the
 * sandbox binds at /opt. The links point at the layers' own paths, which the sandbox shows too.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function optFolder(layers: readonly string[], root: string): string | undefined {
  const present = layers.filter((l) => isDir(l));
  if (present.length <= 1) return present[0];
  const dir = path.join(root, `opt-${createHash('sha256').update(present.join('\u0000')).digest('hex').slice(0, 16)}`);
  // Made once per set of layers: spares already hold a bind of it, which a remade folder would orphan.
  if (existsSync(path.join(dir, '.faaslab-complete'))) return dir;
  const work = `${dir}.${process.pid}.tmp`;
  rmSync(work, { recursive: true, force: true });
  merge(present, work);
  writeFileSync(path.join(work, '.faaslab-complete'), '');
  try {
    renameSync(work, dir);
  } catch {
    rmSync(work, { recursive: true, force: true }); // another environment made it first
  }
  return dir;
}

function merge(sources: readonly string[], target: string): void {
  mkdirSync(target, { recursive: true });
  const names = new Map<string, string[]>();
  for (const source of sources) for (const name of readdirSync(source)) names.set(name, [...(names.get(name) ?? []), path.join(source, name)]);
  for (const [name, from] of names) {
    const last = from[from.length - 1]!;
    // Folders in several layers merge; otherwise the last layer's entry is the one Lambda keeps.
    const folders = from.filter(isDir);
    if (folders.length > 1 && isDir(last)) merge(folders, path.join(target, name));
    else symlinkSync(last, path.join(target, name));
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
