/**
 * A CodeUri that names one file rather than a folder: sam package zips that file alone (SAM
 * always zips a function's code), so the function's task root holds just it. faaslab copies it
 * to a folder of the workspace's own state, <workspace>/.faaslab/file-code/<LogicalId>/,
 * rewritten only when it changed so the file watcher sees no change on a plain reload. The copy is
 * refreshed by a load: the session watches the copy's folder, so an edit of the original file
 * reaches a running workspace when the template next reloads (not yet on its own).
 */
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Archives are code Lambda would unpack; faaslab runs only folders and single source files. */
export const ARCHIVE = /\.(zip|jar)$/i;

export async function singleFileCodeDir(root: string, logicalId: string, file: string): Promise<string> {
  const dir = path.join(root, '.faaslab', 'file-code', logicalId);
  const target = path.join(dir, path.basename(file));
  const [now, before] = await Promise.all([readFile(file), readFile(target).catch(() => undefined)]);
  if (!before || !now.equals(before)) {
    await mkdir(dir, { recursive: true });
    await copyFile(file, target);
  }
  return dir;
}
