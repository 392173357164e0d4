import { useEffect } from 'react';
import { matchesFilter, type FilterPattern } from '../../../../shared/logs/filter-pattern.js';
import { client } from '../../api/index.js';
import type { ChunkedLines, LogsLine } from './chunked-lines.js';

interface LiveLogsOptions {
  enabled: boolean;
  logicalId: string;
  /** One stream, or null for all of the function's. */
  stream: string | null;
  pattern: FilterPattern;
  lines: ChunkedLines<LogsLine>;
  /** Called at most once per batch with the streams of the lines pushed since the last call. */
  onAppended(streams: Set<string>): void;
}

/**
 * Appends the 'log' pushes of this function (and stream) that match the filter, and tells the
 * view in batches: a chatty function writes thousands of lines a second, one render per line
 * would not keep up.
 */
export function useLiveLogs({ enabled, logicalId, stream, pattern, lines, onAppended }: LiveLogsOptions): void {
  useEffect(() => {
    if (!enabled) return;
    let pending = false;
    let seen = new Set<string>();
    const off = client.on('log', (e) => {
      if (e.logicalId !== logicalId) return;
      if (stream !== null && e.logStream !== stream) return;
      if (!matchesFilter(pattern, e.line)) return;
      lines.push({ time: e.time, logStream: e.logStream, requestId: e.requestId, line: e.line });
      seen.add(e.logStream);
      if (pending) return;
      pending = true;
      setTimeout(() => {
        pending = false;
        const fresh = seen;
        seen = new Set();
        onAppended(fresh);
      }, 50);
    });
    return off;
  }, [enabled, logicalId, stream, pattern, lines, onAppended]);
}
