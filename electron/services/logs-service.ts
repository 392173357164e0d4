/** logs.*: the recent log lines of every function, kept by the host as they stream. */
import type { HostContext } from './host-context.js';
import type { Registry } from './registry.js';

export function setupLogs(registry: Registry, ctx: HostContext): void {
  registry.register('logs.recent', async ({ limit }) => ctx.logs.recent(limit));
}
