import { useCallback, useEffect, useRef, useState } from 'react';
import { client, errorMessage } from '../../api/index.js';
import { ChunkedLines, chronological, type LogsLine } from './chunked-lines.js';

/** The most lines one query brings; older ones stay in the history. */
export const QUERY_LIMIT = 100_000;

export interface StreamInfo {
  logStream: string;
  first: string;
  last: string;
  invocations: number;
}

/**
 * A function's past log lines (logs.query) for one stream or all, with a filter, in a chunked
 * store that is mutated in place: `version` counts its changes for the views that read it.
 * The query runs again whenever the function, stream or filter changes; `onReload` hears of each
 * new result (a selection of rows means nothing in the next one).
 */
export function useLogLines(logicalId: string, stream: string | null, filter: string, onReload: () => void) {
  const lines = useRef(new ChunkedLines<LogsLine>()).current;
  const [streams, setStreams] = useState<StreamInfo[]>([]);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const [version, setVersion] = useState(0);

  const load = useCallback(async () => {
    setLoading(true);
    setLoadError(null);
    try {
      const r = await client.call('logs.query', { logicalId, logStream: stream ?? undefined, filter: filter || undefined, limit: QUERY_LIMIT });
      lines.clear();
      for (const l of chronological(r.lines)) lines.push(l);
      setStreams(r.streams);
      setMore(r.next !== undefined);
      onReload();
      setVersion((v) => v + 1);
    } catch (error) {
      setLoadError(errorMessage(error));
    } finally {
      setLoading(false);
    }
  }, [logicalId, stream, filter, lines, onReload]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Lines were pushed into the store: show them, and list streams not seen before first. */
  const appended = useCallback((fresh: Iterable<string>) => {
    setVersion((v) => v + 1);
    const added = [...fresh];
    setStreams((old) =>
      added.some((s) => !old.some((o) => o.logStream === s))
        ? [...added.filter((s) => !old.some((o) => o.logStream === s)).map((s) => ({ logStream: s, first: new Date().toISOString(), last: new Date().toISOString(), invocations: 0 })), ...old]
        : old,
    );
  }, []);

  return { lines, version, streams, loading, loadError, more, load, appended };
}
