/**
 * The newest stored log lines of one function, oldest first: what `faaslab logs` prints from the
 * history files, with or without a running host. Walks invocations newest first and stops as
 * soon as it has enough matching lines, so a large history costs only what is printed.
 */
import { matchesFilter, type FilterPattern } from '../../shared/logs/filter-pattern.js';
import type { InvocationStore } from './invocation-store.js';
import { lineTime } from './logs-query.js';

export interface StoredLogLine {
  /** Epoch ms: the line's own timestamp when it has one, else the invocation's start. */
  time: number;
  logStream: string;
  requestId: string;
  line: string;
}

export interface TailQuery {
  /** A logical id or FunctionName. */
  logicalId: string;
  pattern: FilterPattern;
  /** The newest N matching lines; 0 for all. */
  limit: number;
}

export function tailStoredLogs(store: InvocationStore, q: TailQuery): StoredLogLine[] {
  const wanted = q.limit === 0 ? Infinity : q.limit;
  // Newest invocation first; each invocation's lines are gathered in order and prepended whole.
  const chunks: StoredLogLine[][] = [];
  let count = 0;
  for (const summary of store.list({ logicalId: q.logicalId, limit: Number.MAX_SAFE_INTEGER })) {
    if (count >= wanted) break;
    const rec = store.get(summary.requestId);
    if (!rec) continue;
    let time = Date.parse(summary.startedAt);
    const chunk: StoredLogLine[] = [];
    for (const line of rec.logs) {
      time = Math.max(time, lineTime(line) ?? time);
      if (matchesFilter(q.pattern, line)) chunk.push({ time, logStream: rec.logStream ?? '', requestId: summary.requestId, line });
    }
    chunks.push(chunk);
    count += chunk.length;
  }
  const lines = chunks.reverse().flat();
  return wanted === Infinity ? lines : lines.slice(-wanted);
}
