/** history.* and metrics.query: the open workspace's invocation history (electron/store/). */
import type { Registry } from './registry.js';
import { HostError } from './host-types.js';
import type { HistoryRecorder } from '../store/history-recorder.js';

export function setupHistory(registry: Registry, history: HistoryRecorder): void {
  registry.register('history.list', async (q) => history.store.list(q));
  registry.register('history.get', async ({ requestId }) => {
    const rec = history.store.get(requestId);
    if (!rec) throw new HostError('NotFound', `no invocation ${requestId} in the history`);
    return rec;
  });
  registry.register('history.stats', async () => history.store.stats());
  registry.register('history.setRetention', async (r) => history.store.setRetention(r));
  registry.register('metrics.query', async (q) => history.store.metrics(q));
}
