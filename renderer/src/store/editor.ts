import { create } from 'zustand';
import type { FileEntry } from '../../../shared/api/schemas.js';
import { client, HostError } from '../api/index.js';
import { toastError } from './ui.js';

/** An open file. Its text lives in a Monaco model (monaco/models.ts); this is what the UI shows about it. */
export interface DocState {
  status: 'loading' | 'ready' | 'error';
  error?: string;
  dirty: boolean;
  /** 'changed': the file changed on disk while it had unsaved edits here. */
  disk: 'same' | 'changed' | 'deleted';
}

export interface EditorState {
  files: Record<string, FileEntry[]>;
  filesError: Record<string, string>;
  open: Record<string, string[]>;
  active: Record<string, string>;
  docs: Record<string, DocState>;
  lastSavedAt: Record<string, number>;

  loadFiles(logicalId: string): Promise<void>;
  openFile(logicalId: string, path: string): Promise<void>;
  closeFile(logicalId: string, path: string): void;
  saveFile(logicalId: string, path: string): Promise<void>;
  saveAll(logicalId: string): Promise<void>;
  setDirty(key: string, dirty: boolean): void;
  onDiskChange(logicalId: string, path: string): Promise<void>;
  reloadFromDisk(logicalId: string, path: string): Promise<void>;
  keepMine(logicalId: string, path: string): void;
  createEntry(logicalId: string, path: string, kind: 'file' | 'dir'): Promise<void>;
  renameEntry(logicalId: string, path: string, newPath: string): Promise<void>;
  deleteEntry(logicalId: string, path: string): Promise<void>;
  reset(): void;
}

export const docKey = (logicalId: string, path: string) => `${logicalId}/${path}`;
async function models() {
  const m = await import('../monaco/models.js');
  m.reportDirtiness((key, dirty) => useEditor.getState().setDirty(key, dirty));
  return m;
}
const refreshTimers = new Map<string, ReturnType<typeof setTimeout>>();

function patchDoc(key: string, patch: Partial<DocState>) {
  return (s: EditorState) => {
    const doc = s.docs[key];
    return doc ? { docs: { ...s.docs, [key]: { ...doc, ...patch } } } : {};
  };
}

export const useEditor = create<EditorState>()((set, get) => ({
  files: {},
  filesError: {},
  open: {},
  active: {},
  docs: {},
  lastSavedAt: {},

  loadFiles: async (logicalId) => {
    try {
      const files = await client.call('files.list', { logicalId });
      set((s) => ({ files: { ...s.files, [logicalId]: files }, filesError: { ...s.filesError, [logicalId]: '' } }));
    } catch (error) {
      set((s) => ({ filesError: { ...s.filesError, [logicalId]: (error as Error).message } }));
    }
  },

  openFile: async (logicalId, path) => {
    const key = docKey(logicalId, path);
    set((s) => {
      const tabs = s.open[logicalId] ?? [];
      return {
        open: tabs.includes(path) ? s.open : { ...s.open, [logicalId]: [...tabs, path] },
        active: { ...s.active, [logicalId]: path },
        docs: s.docs[key] ? s.docs : { ...s.docs, [key]: { status: 'loading', dirty: false, disk: 'same' } },
      };
    });
    if (get().docs[key]?.status === 'ready') return;
    try {
      const [{ content }, m] = await Promise.all([client.call('files.read', { logicalId, path }), models()]);
      m.openModel(key, logicalId, path, content);
      set(patchDoc(key, { status: 'ready', error: undefined }));
    } catch (error) {
      set(patchDoc(key, { status: 'error', error: (error as Error).message }));
    }
  },

  closeFile: (logicalId, path) => {
    const key = docKey(logicalId, path);
    if (get().docs[key]?.dirty && !window.confirm(`${path} has unsaved changes. Close it and discard them?`)) return;
    void models().then((m) => m.disposeModel(key));
    set((s) => {
      const tabs = (s.open[logicalId] ?? []).filter((p) => p !== path);
      const docs = { ...s.docs };
      delete docs[key];
      const active = { ...s.active };
      if (active[logicalId] === path) {
        const index = (s.open[logicalId] ?? []).indexOf(path);
        const next = tabs[Math.min(index, tabs.length - 1)];
        if (next) active[logicalId] = next;
        else delete active[logicalId];
      }
      return { open: { ...s.open, [logicalId]: tabs }, docs, active };
    });
  },

  saveFile: async (logicalId, path) => {
    const key = docKey(logicalId, path);
    const m = await models();
    const content = m.getText(key);
    if (content === undefined) return;
    try {
      await client.call('files.write', { logicalId, path, content });
      m.markSaved(key, content);
      set((s) => ({ ...patchDoc(key, { disk: 'same' })(s), lastSavedAt: { ...s.lastSavedAt, [logicalId]: Date.now() } }));
    } catch (error) {
      toastError(new Error(`Could not save ${path}: ${(error as Error).message}`));
    }
  },

  saveAll: async (logicalId) => {
    const dirty = (get().open[logicalId] ?? []).filter((p) => get().docs[docKey(logicalId, p)]?.dirty);
    await Promise.all(dirty.map((p) => get().saveFile(logicalId, p)));
  },

  setDirty: (key, dirty) => {
    if (get().docs[key]?.dirty !== dirty) set(patchDoc(key, { dirty }));
  },

  onDiskChange: async (logicalId, path) => {
    // Bursts of changes (git checkout, npm install) refresh the tree once.
    clearTimeout(refreshTimers.get(logicalId));
    refreshTimers.set(
      logicalId,
      setTimeout(() => void get().loadFiles(logicalId), 150),
    );
    const key = docKey(logicalId, path);
    const doc = get().docs[key];
    if (!doc || doc.status !== 'ready') return;
    const m = await models();
    let content: string;
    try {
      content = (await client.call('files.read', { logicalId, path })).content;
    } catch (error) {
      if (error instanceof HostError && error.code === 'NotFound') {
        if (get().docs[key]?.dirty) set(patchDoc(key, { disk: 'deleted' }));
        else get().closeFile(logicalId, path);
      }
      return;
    }
    // Our own save comes back as a change event: nothing to do.
    if (content === m.getSavedText(key)) return;
    if (!get().docs[key]?.dirty) {
      m.replaceContent(key, content);
      set(patchDoc(key, { disk: 'same' }));
    } else {
      m.setDiskText(key, content);
      set(patchDoc(key, { disk: 'changed' }));
    }
  },

  reloadFromDisk: async (logicalId, path) => {
    const key = docKey(logicalId, path);
    try {
      const { content } = await client.call('files.read', { logicalId, path });
      (await models()).replaceContent(key, content);
      set(patchDoc(key, { disk: 'same', dirty: false }));
    } catch (error) {
      toastError(error);
    }
  },

  keepMine: (logicalId, path) => {
    const key = docKey(logicalId, path);
    // The disk version becomes the baseline, so the same change does not ask again.
    void models().then((m) => m.acceptDiskText(key));
    set(patchDoc(key, { disk: 'same' }));
  },

  createEntry: async (logicalId, path, kind) => {
    await client.call('files.create', { logicalId, path, kind });
    await get().loadFiles(logicalId);
    if (kind === 'file') await get().openFile(logicalId, path);
  },

  renameEntry: async (logicalId, path, newPath) => {
    await client.call('files.rename', { logicalId, path, newPath });
    const m = await models();
    const moved = (p: string) => (p === path ? newPath : p.startsWith(`${path}/`) ? newPath + p.slice(path.length) : p);
    const prefix = `${logicalId}/`;
    const docs: Record<string, DocState> = {};
    for (const [key, doc] of Object.entries(get().docs)) {
      const p = key.startsWith(prefix) ? key.slice(prefix.length) : undefined;
      if (p === undefined || moved(p) === p) {
        docs[key] = doc;
        continue;
      }
      const newKey = docKey(logicalId, moved(p));
      m.renameModel(key, newKey, logicalId, moved(p));
      docs[newKey] = doc;
    }
    set((s) => {
      const active = s.active[logicalId];
      return {
        docs,
        open: { ...s.open, [logicalId]: (s.open[logicalId] ?? []).map(moved) },
        active: active ? { ...s.active, [logicalId]: moved(active) } : s.active,
      };
    });
    await get().loadFiles(logicalId);
  },

  deleteEntry: async (logicalId, path) => {
    await client.call('files.delete', { logicalId, path });
    for (const p of get().open[logicalId] ?? []) {
      if (p === path || p.startsWith(`${path}/`)) {
        get().setDirty(docKey(logicalId, p), false);
        get().closeFile(logicalId, p);
      }
    }
    await get().loadFiles(logicalId);
  },

  reset: () => {
    void models().then((m) => m.disposeAll());
    set({ files: {}, filesError: {}, open: {}, active: {}, docs: {}, lastSavedAt: {} });
  },
}));

export const selectDirtyCount = (logicalId: string) => (s: EditorState) => (s.open[logicalId] ?? []).filter((p) => s.docs[docKey(logicalId, p)]?.dirty).length;

export const selectIsDirty = (logicalId: string, path: string) => (s: EditorState) => s.docs[docKey(logicalId, path)]?.dirty ?? false;

// Unsaved edits would be lost on reload or window close: let the browser ask.
window.addEventListener('beforeunload', (event) => {
  if (Object.values(useEditor.getState().docs).some((d) => d.dirty)) event.preventDefault();
});
