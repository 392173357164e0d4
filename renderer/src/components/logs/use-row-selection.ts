import { useCallback, useState } from 'react';

/**
 * A range of rows picked by clicks: a click selects one row (or clears it when it is the only
 * one selected), a shift-click extends from the first click.
 */
export function useRowSelection() {
  const [selection, setSelection] = useState<{ anchor: number; end: number } | null>(null);
  const clear = useCallback(() => setSelection(null), []);
  const click = (r: number, shift: boolean) => setSelection((s) => (shift && s ? { anchor: s.anchor, end: r } : s && s.anchor === r && s.end === r ? null : { anchor: r, end: r }));
  const first = selection ? Math.min(selection.anchor, selection.end) : 0;
  const last = selection ? Math.max(selection.anchor, selection.end) : -1;
  const isSelected = (r: number) => r >= first && r <= last;
  return { first, last, count: last - first + 1, clear, click, isSelected };
}

export type RowSelection = ReturnType<typeof useRowSelection>;
