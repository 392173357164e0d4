/** settings.*: the machine-local workspace settings (.faaslab/settings.json). */
import type { HostContext } from './host-context.js';
import type { Registry } from './registry.js';

export function setupSettings(registry: Registry, ctx: HostContext): void {
  registry.register('settings.get', async () => ctx.session().settings());

  registry.register('settings.update', async ({ settings }) => {
    const next = await ctx.session().updateSettings(settings);
    ctx.push({ event: 'settings', data: next });
    return next;
  });
}
