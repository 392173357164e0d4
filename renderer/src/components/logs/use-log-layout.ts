import { useMemo } from 'react';
import { groupRows, type ChunkedLines, type LogsLine } from './chunked-lines.js';

export interface LogLayout {
  rowCount: number;
  /** The line shown in row r; a negative index is a group's header (see groupOf). */
  lineOfRow(r: number): number;
  /** The request id a header row names ('' for the lines outside any invocation). */
  groupOf(headerIndex: number): string;
}

/** The rows of the Logs tab: every line, or grouped by invocation with a header row per group. */
export function useLogLayout(lines: ChunkedLines<LogsLine>, version: number, grouped: boolean): LogLayout {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- lines is a mutable store; version counts its changes
  const groups = useMemo(() => (grouped ? groupRows(lines) : null), [grouped, lines, version]);
  return {
    rowCount: groups ? groups.rows.length : lines.length,
    lineOfRow: (r) => (groups ? groups.rows[r]! : r),
    groupOf: (i) => groups!.groups[-1 - i]!,
  };
}

/** The lines of rows first..last (header rows left out). */
export function* linesOfRows(lines: ChunkedLines<LogsLine>, layout: LogLayout, first: number, last: number): Generator<LogsLine> {
  for (let r = first; r <= last && r < layout.rowCount; r++) {
    const i = layout.lineOfRow(r);
    if (i >= 0) yield lines.get(i);
  }
}
