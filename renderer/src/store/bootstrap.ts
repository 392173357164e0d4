import { client } from '../api/index.js';
import { useDrafts } from './drafts.js';
import { useEditor } from './editor.js';
import { useHistory } from './history.js';
import { useLogs } from './logs.js';
import { useResources } from './resources.js';
import { useTest } from './test-events.js';
import { useTriggers } from './triggers.js';
import { useWorkspace } from './workspace.js';

/**
 * Wires the host's event streams into the stores, and (re)loads everything each time the
 * connection opens: after a reconnect the host may have moved on without us.
 */
export function startSync(): () => void {
  let lastDir: string | undefined;
  const offs = [
    client.on('workspace', (info) => useWorkspace.getState().apply(info)),
    client.on('environments', (state) => useWorkspace.getState().setEnvironments(state)),
    client.on('log', (entry) => useLogs.getState().enqueue(entry)),
    client.on('file', ({ logicalId, path }) => void useEditor.getState().onDiskChange(logicalId, path)),
    client.on('triggers', (info) => useTriggers.getState().apply(info)),
    client.on('activity', (activity) => useTriggers.getState().pushActivity(activity)),
    // Queues, topics, buckets and tables (issue 4): counts pushed, the rest reloaded with the template.
    client.on('activity', (activity) => useResources.getState().onActivity(activity)),
    client.on('queues', (queues) => useResources.getState().applyQueues(queues)),
    client.on('tables', (tables) => useResources.getState().applyTables(tables)),
    client.on('buckets', ({ buckets, changed }) => useResources.getState().applyBuckets(buckets, changed)),
    client.on('workspace', () => void useResources.getState().load()),
    // Attempts of an Event invocation started from the Test tab; bucket folders may have moved.
    client.on('invocation', (record) => useTest.getState().onInvocation(record)),
    // Every invocation is stored: the History view of the bottom panel shows it at once.
    client.on('invocation', (record) => useHistory.getState().onInvocation(record)),
    client.on('settings', () => void useResources.getState().load()),
    // A function's AWS target is part of its summary (the header's chip).
    client.on('settings', () => void useWorkspace.getState().load()),
    // Picking a function leaves the resource view.
    useWorkspace.subscribe((s, prev) => {
      if (s.selectedId !== prev.selectedId) useResources.getState().close();
    }),
    // A different workspace: per-function state of the old one means nothing there.
    useWorkspace.subscribe((s) => {
      const dir = s.info?.dir;
      if (dir === lastDir) return;
      if (lastDir !== undefined) {
        useEditor.getState().reset();
        useDrafts.getState().reset();
        useTest.getState().reset();
        useLogs.getState().clear();
        useTriggers.getState().reset();
        useResources.getState().reset();
        void useTest.getState().loadEvents();
        void useTriggers.getState().load();
      }
      lastDir = dir;
    }),
    client.onState((state) => {
      useWorkspace.getState().setConnection(state);
      if (state.kind === 'open') void loadAll();
    }),
  ];
  return () => offs.forEach((off) => off());
}

async function loadAll(): Promise<void> {
  await useWorkspace.getState().load();
  const logs = client.call('logs.recent', { limit: 2000 }).then(
    (entries) => useLogs.getState().replace(entries),
    () => {},
  );
  await Promise.all([useTest.getState().loadEvents(), useTest.getState().loadTemplates(), useTriggers.getState().load(), useResources.getState().load(), logs]);
  if (useHistory.getState().tab === 'history') void useHistory.getState().load();
  // Files of open functions may have changed while we were away.
  for (const logicalId of Object.keys(useEditor.getState().files)) void useEditor.getState().loadFiles(logicalId);
}
