import { create } from 'zustand';
import { errorMessage } from '../api/client.js';

export type TabId = 'code' | 'test' | 'config' | 'env' | 'triggers' | 'monitor' | 'logs';
export type ThemePreference = 'light' | 'dark' | 'system';

export type Dialog =
  | { kind: 'new-function' }
  | { kind: 'rename-function'; logicalId: string }
  | { kind: 'delete-function'; logicalId: string }
  | { kind: 'open-workspace' }
  | { kind: 'create-workspace' }
  | { kind: 'workspace-settings' };

export interface Toast {
  id: number;
  kind: 'error' | 'info' | 'success';
  message: string;
}

export interface UiState {
  theme: ThemePreference;
  systemDark: boolean;
  tabs: Record<string, TabId>;
  paletteOpen: boolean;
  dialog: Dialog | null;
  logPanelOpen: boolean;
  logPanelHeight: number;
  toasts: Toast[];

  setTheme(theme: ThemePreference): void;
  toggleTheme(): void;
  setSystemDark(dark: boolean): void;
  setTab(logicalId: string, tab: TabId): void;
  setPaletteOpen(open: boolean): void;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  toggleLogPanel(open?: boolean): void;
  setLogPanelHeight(height: number): void;
  toast(kind: Toast['kind'], message: string): void;
  dismissToast(id: number): void;
}

const THEME_KEY = 'faaslab.theme';
const LOG_HEIGHT_KEY = 'faaslab.logPanelHeight';

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // not persisted: fine
  }
}

let nextToastId = 1;

export const useUi = create<UiState>()((set, get) => ({
  theme: (stored(THEME_KEY) as ThemePreference | null) ?? 'system',
  systemDark: typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches,
  tabs: {},
  paletteOpen: false,
  dialog: null,
  logPanelOpen: true,
  // Until the user drags it: a quarter of the window, so a 700px-high laptop keeps room to work.
  logPanelHeight: Number(stored(LOG_HEIGHT_KEY)) || Math.round(Math.min(220, Math.max(120, (typeof window === 'undefined' ? 900 : window.innerHeight) * 0.24))),
  toasts: [],

  setTheme: (theme) => {
    store(THEME_KEY, theme);
    set({ theme });
  },
  toggleTheme: () => get().setTheme(selectResolvedTheme(get()) === 'dark' ? 'light' : 'dark'),
  setSystemDark: (systemDark) => set({ systemDark }),
  setTab: (logicalId, tab) => set((s) => ({ tabs: { ...s.tabs, [logicalId]: tab } })),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  openDialog: (dialog) => set({ dialog, paletteOpen: false }),
  closeDialog: () => set({ dialog: null }),
  toggleLogPanel: (open) => set((s) => ({ logPanelOpen: open ?? !s.logPanelOpen })),
  setLogPanelHeight: (height) => {
    const h = Math.round(Math.min(Math.max(height, 96), window.innerHeight * 0.7));
    store(LOG_HEIGHT_KEY, String(h));
    set({ logPanelHeight: h });
  },
  toast: (kind, message) => {
    const id = nextToastId++;
    set((s) => ({ toasts: [...s.toasts.slice(-3), { id, kind, message }] }));
    setTimeout(() => get().dismissToast(id), kind === 'error' ? 8000 : 3500);
  },
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

export const selectResolvedTheme = (s: UiState): 'light' | 'dark' => (s.theme === 'system' ? (s.systemDark ? 'dark' : 'light') : s.theme);
export const selectTab =
  (logicalId: string | null | undefined) =>
  (s: UiState): TabId =>
    (logicalId ? s.tabs[logicalId] : undefined) ?? 'code';

/** Shorthand for actions that report their failure as a toast. */
export function toastError(error: unknown): void {
  useUi.getState().toast('error', errorMessage(error));
}
