import { useEffect, useRef } from 'react';
import { create } from 'zustand';

/**
 * Unsaved edits of the Configuration and Environment variables tabs, kept while the tab is not
 * shown. Their state lives in the tab components; without this, looking at the Test tab and
 * coming back silently dropped a half-done edit. Keys: `config:<logicalId>`, `env:<scope>`.
 */
interface DraftsState {
  drafts: Record<string, unknown>;
  stash(key: string, value: unknown): void;
  /** Forgets a draft: once its tab mounts again (from a useEffect: never while rendering). */
  drop(key: string): void;
  reset(): void;
}

export const useDrafts = create<DraftsState>()((set) => ({
  drafts: {},
  stash: (key, value) => set((s) => ({ drafts: { ...s.drafts, [key]: value } })),
  drop: (key) =>
    set((s) => {
      if (!(key in s.drafts)) return s;
      const drafts = { ...s.drafts };
      delete drafts[key];
      return { drafts };
    }),
  reset: () => set({ drafts: {} }),
}));

/** The stashed draft of `key`, read once when a tab mounts. */
export function peekDraft<T>(key: string): T | undefined {
  return useDrafts.getState().drafts[key] as T | undefined;
}

export const selectHasDraft = (key: string) => (s: DraftsState) => key in s.drafts;

/**
 * For a tab component: forgets the stashed draft once mounted, and stashes `draft` (the unsaved
 * state, or undefined when there is none) when it unmounts.
 */
export function useKeepDraft<T>(key: string, draft: T | undefined): void {
  const latest = useRef(draft);
  latest.current = draft;
  useEffect(() => {
    useDrafts.getState().drop(key);
    return () => {
      if (latest.current !== undefined) useDrafts.getState().stash(key, latest.current);
    };
  }, [key]);
}
