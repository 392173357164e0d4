/** The invocation history in the bottom panel (history.list / history.get), its selection, replays and compare. */
import { create } from 'zustand';
import type { EventData, Output } from '../../../shared/api/contract.js';
import { client } from '../api/index.js';
import { toastError, useUi } from './ui.js';

export type InvocationSummary = Output<'history.list'>[number];
export type StoredInvocation = Output<'history.get'>;
export type HistoryStatus = InvocationSummary['status'];
export type HistoryStats = Output<'history.stats'>;

/** A byte count for people: 512 B, 12.4 KB, 2.1 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 ? Math.round(v) : Number(v.toFixed(1))} ${units[i]}`;
}

export type TimeRange = '15m' | '1h' | '1d' | 'all';
export type ColdFilter = '' | 'cold' | 'warm';

export interface HistoryFilters {
  logicalId: string;
  status: '' | HistoryStatus;
  trigger: string;
  cold: ColdFilter;
  range: TimeRange;
  text: string;
}

export const EMPTY_FILTERS: HistoryFilters = { logicalId: '', status: '', trigger: '', cold: '', range: 'all', text: '' };

const RANGE_MS: Record<Exclude<TimeRange, 'all'>, number> = { '15m': 15 * 60_000, '1h': 3_600_000, '1d': 86_400_000 };
const PAGE = 100;

export type PanelTab = 'logs' | 'history';

export interface HistoryState {
  /** Which view the bottom panel shows. */
  tab: PanelTab;
  filters: HistoryFilters;
  rows: InvocationSummary[];
  loading: boolean;
  /** No older records than the last row. */
  done: boolean;
  error?: string;
  /** Ticks on every (re)load so stale pages are dropped. */
  generation: number;
  /** Request ids ticked for compare / replay. */
  selected: string[];
  detailId: string | null;
  /** The two records compared in the diff view. */
  compare: [StoredInvocation, StoredInvocation] | null;
  replay: { done: number; total: number } | null;
  /** history.stats: stored count and size on disk; null until first fetched. */
  stats: HistoryStats | null;

  refreshStats(): Promise<void>;
  setTab(tab: PanelTab): void;
  setFilter(patch: Partial<HistoryFilters>): void;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  onInvocation(record: EventData<'invocation'>): void;
  toggleSelected(requestId: string): void;
  clearSelected(): void;
  openDetail(requestId: string | null): void;
  get(requestId: string): Promise<StoredInvocation | undefined>;
  replayOne(requestId: string): Promise<boolean>;
  replaySelected(): Promise<void>;
  openCompare(): Promise<void>;
  closeCompare(): void;
}

function query(f: HistoryFilters, before?: string) {
  return {
    limit: PAGE,
    ...(f.logicalId ? { logicalId: f.logicalId } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.trigger ? { trigger: f.trigger } : {}),
    ...(f.cold ? { cold: f.cold === 'cold' } : {}),
    ...(f.range !== 'all' ? { from: Date.now() - RANGE_MS[f.range] } : {}),
    ...(f.text.trim() ? { text: f.text.trim() } : {}),
    ...(before ? { before } : {}),
  };
}

/** Whether a pushed record belongs in the list under the filters (text is left to the host: such lists reload). */
function matches(f: HistoryFilters, s: InvocationSummary): boolean {
  if (f.logicalId && s.logicalId !== f.logicalId) return false;
  if (f.status && s.status !== f.status) return false;
  if (f.trigger && (s.trigger?.kind ?? 'ui') !== f.trigger) return false;
  if (f.cold && s.coldStart !== (f.cold === 'cold')) return false;
  return true;
}

let textTimer: ReturnType<typeof setTimeout> | undefined;
let statsTimer: ReturnType<typeof setTimeout> | undefined;
let statsSeq = 0;

export const useHistory = create<HistoryState>()((set, get) => ({
  tab: 'logs',
  filters: EMPTY_FILTERS,
  rows: [],
  loading: false,
  done: false,
  generation: 0,
  selected: [],
  detailId: null,
  compare: null,
  replay: null,
  stats: null,

  refreshStats: async () => {
    clearTimeout(statsTimer);
    const seq = ++statsSeq;
    try {
      const stats = await client.call('history.stats');
      if (seq === statsSeq) set({ stats });
    } catch {
      // The size is a hint: keep the last known one.
    }
  },

  setTab: (tab) => {
    set({ tab });
    if (tab === 'history') void get().load();
    if (tab === 'history') void get().refreshStats();
  },

  setFilter: (patch) => {
    set((s) => ({ filters: { ...s.filters, ...patch } }));
    clearTimeout(textTimer);
    // Typing: wait for a pause; anything else reloads at once.
    if (patch.text !== undefined) textTimer = setTimeout(() => void get().load(), 250);
    else void get().load();
  },

  load: async () => {
    const generation = get().generation + 1;
    set({ generation, loading: true, error: undefined });
    try {
      const rows = await client.call('history.list', query(get().filters));
      if (get().generation !== generation) return;
      set({ rows, loading: false, done: rows.length < PAGE });
    } catch (error) {
      if (get().generation !== generation) return;
      set({ loading: false, error: error instanceof Error ? error.message : String(error) });
    }
  },

  loadMore: async () => {
    const { loading, done, rows, generation } = get();
    if (loading || done || rows.length === 0) return;
    set({ loading: true });
    try {
      const more = await client.call('history.list', query(get().filters, rows[rows.length - 1]!.requestId));
      if (get().generation !== generation) return;
      const known = new Set(get().rows.map((r) => r.requestId));
      set((s) => ({ rows: [...s.rows, ...more.filter((r) => !known.has(r.requestId))], loading: false, done: more.length < PAGE }));
    } catch (error) {
      if (get().generation !== generation) return;
      set({ loading: false, error: error instanceof Error ? error.message : String(error) });
    }
  },

  onInvocation: (record) => {
    // The size on disk follows new records, at most every half second.
    if (get().tab === 'history') {
      clearTimeout(statsTimer);
      statsTimer = setTimeout(() => void get().refreshStats(), 500);
    }
    const { filters, rows } = get();
    if (filters.text.trim()) {
      if (get().tab === 'history') void get().load();
      return;
    }
    const trigger = (record as { trigger?: InvocationSummary['trigger'] }).trigger;
    const summary: InvocationSummary = {
      requestId: record.requestId,
      functionName: record.functionName,
      logicalId: record.logicalId,
      status: record.status,
      coldStart: record.coldStart,
      durationMs: record.durationMs,
      billedDurationMs: record.billedDurationMs,
      initDurationMs: record.initDurationMs,
      memorySizeMb: record.memorySizeMb,
      maxMemoryUsedMb: record.maxMemoryUsedMb,
      startedAt: record.startedAt,
      costUsd: record.costUsd,
      ...(trigger ? { trigger } : {}),
    };
    if (!matches(filters, summary) || rows.some((r) => r.requestId === summary.requestId)) return;
    set({ rows: [summary, ...rows] });
  },

  toggleSelected: (requestId) => set((s) => ({ selected: s.selected.includes(requestId) ? s.selected.filter((id) => id !== requestId) : [...s.selected, requestId] })),
  clearSelected: () => set({ selected: [] }),
  openDetail: (detailId) => set({ detailId }),

  get: async (requestId) => {
    try {
      return await client.call('history.get', { requestId });
    } catch (error) {
      toastError(error);
      return undefined;
    }
  },

  replayOne: async (requestId) => {
    const stored = await get().get(requestId);
    if (!stored) return false;
    if (stored.event === undefined || stored.eventTruncated) {
      useUi.getState().toast('error', stored.eventTruncated ? 'The stored event was truncated: it cannot be replayed' : 'No event was stored for this invocation');
      return false;
    }
    try {
      // The new invocation reaches the list through the 'invocation' push.
      await client.call('invoke.run', { logicalId: stored.logicalId, payload: stored.event });
      return true;
    } catch (error) {
      toastError(error);
      return false;
    }
  },

  replaySelected: async () => {
    const ids = [...get().selected];
    if (!ids.length || get().replay) return;
    set({ replay: { done: 0, total: ids.length } });
    let ok = 0;
    for (const id of ids) {
      if (await get().replayOne(id)) ok++;
      set((s) => ({ replay: s.replay && { ...s.replay, done: s.replay.done + 1 } }));
    }
    useUi.getState().toast(ok === ids.length ? 'success' : 'error', `Replayed ${ok} of ${ids.length}`);
    setTimeout(() => set({ replay: null }), 1500);
  },

  openCompare: async () => {
    const [a, b] = get().selected;
    if (!a || !b) return;
    const [ra, rb] = await Promise.all([get().get(a), get().get(b)]);
    if (!ra || !rb) return;
    // Older on the left.
    set({ compare: ra.startedAt <= rb.startedAt ? [ra, rb] : [rb, ra] });
  },
  closeCompare: () => set({ compare: null }),
}));
