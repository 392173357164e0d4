/** files.*: the files of a function's code folder, for the Code tab. */
import { lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileEntry } from '../../shared/api/schemas.js';
import { resolveInCodeDir } from './code-paths.js';
import { isIgnoredDir } from '../base/file-watch.js';
import type { HostContext } from './host-context.js';
import { HostError } from './host-types.js';
import type { Registry } from './registry.js';

export function setupFiles(registry: Registry, ctx: HostContext): void {
  const codeDir = (logicalId: string) => ctx.session().fn(logicalId).codeDir;
  /** A change to a function's code ends its environments, as a deployment would. */
  const changed = (abs: string) => {
    const session = ctx.session();
    session.noteOwnWrite(abs);
    session.retire(session.functionsAt(abs));
  };

  registry.register('files.list', async ({ logicalId }) => listTree(codeDir(logicalId)));

  registry.register('files.read', async ({ logicalId, path: rel }) => {
    const { abs } = await resolveInCodeDir(codeDir(logicalId), rel);
    const info = await stat(abs).catch(() => undefined);
    if (!info?.isFile()) throw new HostError('NotFound', `${rel} is not a file of ${logicalId}`);
    return { content: await readFile(abs, 'utf8'), mtimeMs: info.mtimeMs };
  });

  registry.register('files.write', async ({ logicalId, path: rel, content }) => {
    const { abs } = await resolveInCodeDir(codeDir(logicalId), rel);
    if ((await stat(abs).catch(() => undefined))?.isDirectory()) throw new HostError('Conflict', `${rel} is a folder`);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content);
    changed(abs);
    return { mtimeMs: (await stat(abs)).mtimeMs };
  });

  registry.register('files.create', async ({ logicalId, path: rel, kind }) => {
    const { abs } = await resolveInCodeDir(codeDir(logicalId), rel);
    if (await lstat(abs).catch(() => undefined)) throw new HostError('Conflict', `${rel} already exists`);
    await mkdir(kind === 'dir' ? abs : path.dirname(abs), { recursive: true });
    if (kind === 'file') await writeFile(abs, '', { flag: 'wx' });
    changed(abs);
    return { ok: true as const };
  });

  registry.register('files.rename', async ({ logicalId, path: rel, newPath }) => {
    const dir = codeDir(logicalId);
    const from = await resolveInCodeDir(dir, rel);
    const to = await resolveInCodeDir(dir, newPath);
    if (!(await lstat(from.abs).catch(() => undefined))) throw new HostError('NotFound', `${rel} does not exist`);
    if (await lstat(to.abs).catch(() => undefined)) throw new HostError('Conflict', `${newPath} already exists`);
    await mkdir(path.dirname(to.abs), { recursive: true });
    await rename(from.abs, to.abs);
    changed(from.abs);
    changed(to.abs);
    return { ok: true as const };
  });

  registry.register('files.delete', async ({ logicalId, path: rel }) => {
    const { abs } = await resolveInCodeDir(codeDir(logicalId), rel);
    if (!(await lstat(abs).catch(() => undefined))) throw new HostError('NotFound', `${rel} does not exist`);
    await rm(abs, { recursive: true, force: true });
    changed(abs);
    return { ok: true as const };
  });
}

/** Every file and folder, depth first, sorted by path; dependencies and dot-folders left out. */
export async function listTree(root: string): Promise<FileEntry[]> {
  const out: FileEntry[] = [];
  const walk = async (dir: string, prefix: string) => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (isIgnoredDir(e.name)) continue;
        out.push({ path: rel, kind: 'dir', size: 0 });
        await walk(full, rel);
      } else {
        // A symlink is listed as what it points at, never followed into (it could loop).
        const info = await stat(full).catch(() => undefined);
        out.push({ path: rel, kind: info?.isDirectory() ? 'dir' : 'file', size: info?.isFile() ? info.size : 0 });
      }
    }
  };
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new HostError('NotFound', `the code folder ${root} does not exist`);
  await walk(root, '');
  return out;
}
