/**
 * Machine-local workspace settings, <workspace>/.faaslab/settings.json (faaslab's local state
 * lives in .faaslab/, which the workspace's .gitignore lists): the async retry delay scale and the
 * folders the user picked for buckets. A missing file is no settings; a broken one is reported
 * and ignored, so the workspace still opens.
 */
import { mkdirSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { WorkspaceSettingsShape, type WorkspaceSettings, WorkspaceSettingsUpdate } from '../../shared/api/settings-schemas.js';
import { HostError } from './host-types.js';

export const SETTINGS_FILE = path.join('.faaslab', 'settings.json');

export async function readSettings(workspaceDir: string): Promise<{ settings: WorkspaceSettings; problem?: string }> {
  const file = path.join(workspaceDir, SETTINGS_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { settings: {} };
  }
  try {
    const parsed = WorkspaceSettingsShape.safeParse(JSON.parse(text));
    if (parsed.success) return { settings: parsed.data };
    return { settings: {}, problem: `${SETTINGS_FILE} is ignored: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
  } catch (err) {
    return { settings: {}, problem: `${SETTINGS_FILE} is ignored: ${(err as Error).message}` };
  }
}

/**
 * The settings after an update (validated: every bucket folder is an absolute path to a folder
 * that exists or can be created); ValidationError with a message per field otherwise.
 */
export function mergeSettings(current: WorkspaceSettings, update: z.output<typeof WorkspaceSettingsUpdate>): WorkspaceSettings {
  const next: WorkspaceSettings = { ...current };
  if (update.asyncRetryDelayScale === null) delete next.asyncRetryDelayScale;
  else if (update.asyncRetryDelayScale !== undefined) next.asyncRetryDelayScale = update.asyncRetryDelayScale;
  if (update.awsTargets === null) delete next.awsTargets;
  else if (update.awsTargets !== undefined) next.awsTargets = update.awsTargets;
  if (update.bucketFolders !== undefined) {
    const fields: Record<string, string> = {};
    const folders: Record<string, string> = {};
    for (const [id, raw] of Object.entries(update.bucketFolders)) {
      const dir = raw.trim();
      const field = `bucketFolders.${id}`;
      if (!path.isAbsolute(dir)) {
        fields[field] = `${JSON.stringify(raw)} is not an absolute path`;
        continue;
      }
      try {
        mkdirSync(dir, { recursive: true });
        if (!statSync(dir).isDirectory()) throw new Error('it is not a folder');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        fields[field] = `cannot create the folder ${dir}: ${code === 'EEXIST' || code === 'ENOTDIR' ? 'a file is in the way' : (err as Error).message}`;
        continue;
      }
      folders[id] = path.normalize(dir);
    }
    if (Object.keys(fields).length)
      throw new HostError(
        'ValidationError',
        Object.entries(fields)
          .map(([k, m]) => `${k}: ${m}`)
          .join('; '),
        fields,
      );
    if (Object.keys(folders).length) next.bucketFolders = folders;
    else delete next.bucketFolders;
  }
  return next;
}

export async function writeSettings(workspaceDir: string, settings: WorkspaceSettings): Promise<void> {
  const file = path.join(workspaceDir, SETTINGS_FILE);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(settings, null, 2)}\n`);
}
