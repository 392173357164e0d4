/** workspace.*: the folder the host has open, opening another, recent ones, and new ones. */
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { HostContext } from './host-context.js';
import { HostError } from './host-types.js';
import type { Registry } from './registry.js';
import { writeWorkspaceScaffold } from './workspace-scaffold.js';

export function setupWorkspace(registry: Registry, ctx: HostContext): void {
  registry.register('workspace.current', async () => ctx.session().info());

  registry.register('workspace.open', async ({ dir }) => (await ctx.openWorkspace(dir)).info());

  registry.register('workspace.recent', () => ctx.recent.list());

  registry.register('workspace.create', async ({ dir, template }) => {
    const target = path.resolve(dir);
    const entries = await readdir(target).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [];
      throw err;
    });
    if (entries.length > 0) throw new HostError('Conflict', `${target} is not empty: a new workspace needs an empty or new folder`);
    await mkdir(target, { recursive: true });
    await writeWorkspaceScaffold(target, template);
    return (await ctx.openWorkspace(target)).info();
  });
}
