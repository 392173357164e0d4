import { create } from 'zustand';
import type { EventData, Input } from '../../../shared/api/contract.js';
import type { FunctionSummary, WorkspaceInfo } from '../../../shared/api/schemas.js';
import { client, type ConnectionState } from '../api/index.js';

type Environments = EventData<'environments'>;
type FunctionTemplate = Input<'functions.create'>['template'];
type WorkspaceTemplate = Input<'workspace.create'>['template'];

export interface WorkspaceState {
  connection: ConnectionState;
  info: WorkspaceInfo | null;
  loadError: string | null;
  recent: string[];
  /** Warm and busy execution environments per logical id, from the 'environments' push. */
  environments: Record<string, { warm: number; busy: number }>;
  selectedId: string | null;

  setConnection(state: ConnectionState): void;
  load(): Promise<void>;
  apply(info: WorkspaceInfo): void;
  setEnvironments(state: Environments): void;
  refreshRecent(): Promise<void>;
  open(dir: string): Promise<void>;
  create(dir: string, template: WorkspaceTemplate): Promise<void>;
  select(logicalId: string | null): void;
  createFunction(logicalId: string, template: FunctionTemplate): Promise<FunctionSummary>;
  renameFunction(logicalId: string, newLogicalId: string): Promise<void>;
  deleteFunction(logicalId: string, deleteCode: boolean): Promise<void>;
}

const selectionKey = (dir: string) => `faaslab.selected:${dir}`;

/** A function on screen is likely to be invoked next: its sandboxed runtime process starts now. */
function prewarm(logicalId: string | null): void {
  if (logicalId) void client.call('invoke.prewarm', { logicalId }).catch(() => {});
}

function remember(dir: string | undefined, id: string | null): void {
  if (!dir) return;
  try {
    if (id) localStorage.setItem(selectionKey(dir), id);
    else localStorage.removeItem(selectionKey(dir));
  } catch {
    // storage may be unavailable (private mode, file://): selection is a nicety
  }
}

function remembered(dir: string): string | null {
  try {
    return localStorage.getItem(selectionKey(dir));
  } catch {
    return null;
  }
}

export const useWorkspace = create<WorkspaceState>()((set, get) => ({
  connection: client.state,
  info: null,
  loadError: null,
  recent: [],
  environments: {},
  selectedId: null,

  setConnection: (connection) => set({ connection }),

  load: async () => {
    try {
      const info = await client.call('workspace.current');
      get().apply(info);
      set({ loadError: null });
    } catch (error) {
      set({ loadError: (error as Error).message });
    }
    void get().refreshRecent();
  },

  apply: (info) => {
    const { selectedId, info: previous } = get();
    const ids = new Set(info.functions.map((f) => f.logicalId));
    let selected = previous?.dir === info.dir ? selectedId : remembered(info.dir);
    if (!selected || !ids.has(selected)) selected = info.functions[0]?.logicalId ?? null;
    set({ info, selectedId: selected });
    remember(info.dir, selected);
    if (selected !== selectedId) prewarm(selected);
  },

  setEnvironments: (state) => {
    const environments: WorkspaceState['environments'] = {};
    for (const e of state) environments[e.logicalId] = { warm: e.warm, busy: e.busy };
    set({ environments });
  },

  refreshRecent: async () => {
    try {
      set({ recent: await client.call('workspace.recent') });
    } catch {
      // recent workspaces are a convenience; the list stays as it was
    }
  },

  open: async (dir) => {
    const info = await client.call('workspace.open', { dir });
    set({ environments: {} });
    get().apply(info);
    void get().refreshRecent();
  },

  create: async (dir, template) => {
    const info = await client.call('workspace.create', { dir, template });
    set({ environments: {} });
    get().apply(info);
    void get().refreshRecent();
  },

  select: (logicalId) => {
    set({ selectedId: logicalId });
    prewarm(logicalId);
    remember(get().info?.dir, logicalId);
  },

  createFunction: async (logicalId, template) => {
    const summary = await client.call('functions.create', { logicalId, template });
    const info = get().info;
    // The 'workspace' push brings the full picture; add the function now so it can be selected.
    if (info && !info.functions.some((f) => f.logicalId === summary.logicalId)) {
      set({ info: { ...info, functions: [...info.functions, summary] } });
    }
    get().select(summary.logicalId);
    return summary;
  },

  renameFunction: async (logicalId, newLogicalId) => {
    const summary = await client.call('functions.rename', { logicalId, newLogicalId });
    const info = get().info;
    if (info) set({ info: { ...info, functions: info.functions.map((f) => (f.logicalId === logicalId ? summary : f)) } });
    if (get().selectedId === logicalId) get().select(summary.logicalId);
  },

  deleteFunction: async (logicalId, deleteCode) => {
    await client.call('functions.delete', { logicalId, deleteCode });
    const info = get().info;
    if (!info) return;
    const functions = info.functions.filter((f) => f.logicalId !== logicalId);
    set({ info: { ...info, functions } });
    if (get().selectedId === logicalId) get().select(functions[0]?.logicalId ?? null);
  },
}));

// Selectors: components subscribe to the smallest piece they render.
export const selectFunctions = (s: WorkspaceState) => s.info?.functions ?? EMPTY;
export const selectSelectedFunction = (s: WorkspaceState) => s.info?.functions.find((f) => f.logicalId === s.selectedId);
export const selectFunction = (logicalId: string) => (s: WorkspaceState) => s.info?.functions.find((f) => f.logicalId === logicalId);
export const selectEnvironmentTotals = (s: WorkspaceState) => {
  let warm = 0;
  let busy = 0;
  for (const e of Object.values(s.environments)) {
    warm += e.warm;
    busy += e.busy;
  }
  return `${warm}/${busy}`;
};
export const selectIsConnected = (s: WorkspaceState) => s.connection.kind === 'open';
const EMPTY: FunctionSummary[] = [];
