import { create } from 'zustand';
import type { LogEntryShape } from '../../../shared/api/schemas.js';
import { lineLevel, type LineLevel } from '../lib/log-level.js';

export interface LogRow {
  id: number;
  logicalId: string;
  requestId: string | undefined;
  line: string;
  time: number;
  level: LineLevel;
}

/** Rows kept for the panel; older ones fall off the front. */
export const MAX_LOG_ROWS = 20_000;

export interface LogsState {
  /**
   * Mutated in place and announced through `version`: a busy function writes thousands of lines
   * a second, and copying a 20,000-row array per frame would be the slowest part of the UI.
   */
  rows: LogRow[];
  version: number;
  filter: string;
  functionFilter: string;
  append(entries: LogEntryShape[]): void;
  /** Buffers pushed lines and appends them once per animation frame. */
  enqueue(entry: LogEntryShape): void;
  replace(entries: LogEntryShape[]): void;
  clear(): void;
  setFilter(filter: string): void;
  setFunctionFilter(logicalId: string): void;
}

let nextId = 1;
let pending: LogEntryShape[] = [];
let scheduled = false;

const toRow = (e: LogEntryShape): LogRow => ({ id: nextId++, logicalId: e.logicalId, requestId: e.requestId, line: e.line, time: e.time, level: lineLevel(e.line) });

export const useLogs = create<LogsState>()((set, get) => ({
  rows: [],
  version: 0,
  filter: '',
  functionFilter: '',

  append: (entries) => {
    if (!entries.length) return;
    const rows = get().rows;
    for (const e of entries) rows.push(toRow(e));
    if (rows.length > MAX_LOG_ROWS) rows.splice(0, rows.length - MAX_LOG_ROWS);
    set((s) => ({ version: s.version + 1 }));
  },

  enqueue: (entry) => {
    pending.push(entry);
    if (scheduled) return;
    scheduled = true;
    const flush = () => {
      scheduled = false;
      const batch = pending;
      pending = [];
      get().append(batch);
    };
    // Hidden tabs get no animation frames; a timer keeps the buffer bounded there.
    if (typeof requestAnimationFrame === 'function' && !document.hidden) requestAnimationFrame(flush);
    else setTimeout(flush, 100);
  },

  replace: (entries) => {
    const rows = get().rows;
    rows.length = 0;
    set((s) => ({ version: s.version + 1 }));
    get().append(entries);
  },

  clear: () => {
    get().rows.length = 0;
    pending = [];
    set((s) => ({ version: s.version + 1 }));
  },

  setFilter: (filter) => set({ filter }),
  setFunctionFilter: (functionFilter) => set({ functionFilter }),
}));

/** The rows the panel shows, given the filters. */
export function filterRows(rows: LogRow[], filter: string, functionFilter: string): LogRow[] {
  const needle = filter.trim().toLowerCase();
  if (!needle && !functionFilter) return rows.slice();
  return rows.filter((r) => (!functionFilter || r.logicalId === functionFilter) && (!needle || r.line.toLowerCase().includes(needle) || r.logicalId.toLowerCase().includes(needle)));
}
