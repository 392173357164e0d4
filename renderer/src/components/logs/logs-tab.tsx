/**
 * The function's Logs tab (issue 5 item 3): past lines from the history (logs.query) per
 * execution-environment stream, live lines from the 'log' push, the CloudWatch filter-pattern
 * syntax checked as it is typed, levels coloured like the log panel, a virtualized list over a
 * chunked line store (a million lines), grouping by invocation, copy and export.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FunctionSummary } from '../../../../shared/api/schemas.js';
import { matchesFilter, parseFilterPattern } from '../../../../shared/logs/filter-pattern.js';
import { client, errorMessage } from '../../api/index.js';
import { downloadText } from '../../lib/download.js';
import { formatClock } from '../../lib/format.js';
import { lineLevel } from '../../lib/log-level.js';
import { useUi } from '../../store/ui.js';
import { Icon } from '../common/icons.js';
import { ChunkedLines, chronological, exportText, groupRows, type LogsLine } from './chunked-lines.js';
import { visibleRange } from './virtual-rows.js';

const ROW_HEIGHT = 20;
const QUERY_LIMIT = 100_000;

interface StreamInfo {
  logStream: string;
  first: string;
  last: string;
  invocations: number;
}

export function LogsTab({ fn }: { fn: FunctionSummary }) {
  const logicalId = fn.logicalId;
  const toast = useUi((s) => s.toast);
  const [streams, setStreams] = useState<StreamInfo[]>([]);
  const [stream, setStream] = useState<string | null>(null);
  const [filterText, setFilterText] = useState('');
  const [appliedFilter, setAppliedFilter] = useState('');
  const [live, setLive] = useState(true);
  const [grouped, setGrouped] = useState(false);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const [version, setVersion] = useState(0);
  const [selection, setSelection] = useState<{ anchor: number; end: number } | null>(null);
  const lines = useRef(new ChunkedLines<LogsLine>()).current;

  const parsed = useMemo(() => parseFilterPattern(filterText), [filterText]);
  // Query with the last valid pattern, a moment after typing stops.
  useEffect(() => {
    if (!parsed.ok) return;
    const t = setTimeout(() => setAppliedFilter(filterText), 250);
    return () => clearTimeout(t);
  }, [filterText, parsed]);
  const applied = useMemo(() => {
    const p = parseFilterPattern(appliedFilter);
    return p.ok ? p.pattern : ({ kind: 'all' } as const);
  }, [appliedFilter]);

  const load = useCallback(async () => {
    setLoading(true);
    setLoadError(null);
    try {
      const r = await client.call('logs.query', { logicalId, logStream: stream ?? undefined, filter: appliedFilter || undefined, limit: QUERY_LIMIT });
      lines.clear();
      for (const l of chronological(r.lines)) lines.push(l);
      setStreams(r.streams);
      setMore(r.next !== undefined);
      setSelection(null);
      setVersion((v) => v + 1);
    } catch (error) {
      setLoadError(errorMessage(error));
    } finally {
      setLoading(false);
    }
  }, [logicalId, stream, appliedFilter, lines]);

  useEffect(() => {
    void load();
  }, [load]);

  // Live: pushed lines of this function (and stream) that match the filter, once per frame.
  useEffect(() => {
    if (!live) return;
    let pending = false;
    let seen = new Set<string>();
    const off = client.on('log', (e) => {
      if (e.logicalId !== logicalId) return;
      if (stream !== null && e.logStream !== stream) return;
      if (!matchesFilter(applied, e.line)) return;
      lines.push({ time: e.time, logStream: e.logStream, requestId: e.requestId, line: e.line });
      if (!seen.has(e.logStream)) seen.add(e.logStream);
      if (pending) return;
      pending = true;
      setTimeout(() => {
        pending = false;
        setVersion((v) => v + 1);
        const fresh = seen;
        seen = new Set();
        setStreams((old) =>
          [...fresh].some((s) => !old.some((o) => o.logStream === s))
            ? [...[...fresh].filter((s) => !old.some((o) => o.logStream === s)).map((s) => ({ logStream: s, first: new Date().toISOString(), last: new Date().toISOString(), invocations: 0 })), ...old]
            : old,
        );
      }, 50);
    });
    return off;
  }, [live, logicalId, stream, applied, lines]);

  // The rows shown: every line, or grouped by invocation with a header row per group.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- lines is a mutable store; version counts its changes
  const layout = useMemo(() => (grouped ? groupRows(lines) : null), [grouped, lines, version]);
  const rowCount = layout ? layout.rows.length : lines.length;

  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(300);
  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);
  const { start, end } = visibleRange(scrollTop, height, ROW_HEIGHT, rowCount);

  const lineIndexOfRow = (r: number) => (layout ? layout.rows[r]! : r);
  const selectedLines = (): LogsLine[] => {
    const out: LogsLine[] = [];
    if (selection) {
      const [a, b] = selection.anchor <= selection.end ? [selection.anchor, selection.end] : [selection.end, selection.anchor];
      for (let r = a; r <= b && r < rowCount; r++) {
        const i = lineIndexOfRow(r);
        if (i >= 0) out.push(lines.get(i));
      }
    }
    return out;
  };
  const allLines = function* (): Generator<LogsLine> {
    for (let r = 0; r < rowCount; r++) {
      const i = lineIndexOfRow(r);
      if (i >= 0) yield lines.get(i);
    }
  };

  const copy = async () => {
    const picked = selectedLines();
    const text = picked.length ? exportText(picked, 'log') : exportText(allLines(), 'log');
    const n = picked.length || lines.length;
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = document.createElement('textarea');
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    toast('success', `Copied ${n} line${n === 1 ? '' : 's'}`);
  };

  const exportAs = (format: 'log' | 'json') => {
    const picked = selectedLines();
    const text = picked.length ? exportText(picked, format) : exportText(allLines(), format);
    downloadText(`${logicalId}${stream ? `-${stream.split(']').pop()}` : ''}.${format}`, text, format === 'json' ? 'application/json' : 'text/plain');
  };

  const onRowClick = (r: number, shift: boolean) => setSelection((s) => (shift && s ? { anchor: s.anchor, end: r } : s && s.anchor === r && s.end === r ? null : { anchor: r, end: r }));
  const isSelected = (r: number) => !!selection && r >= Math.min(selection.anchor, selection.end) && r <= Math.max(selection.anchor, selection.end);
  const selectedCount = selection ? Math.abs(selection.end - selection.anchor) + 1 : 0;

  const rows = [];
  for (let r = start; r < end; r++) {
    const i = lineIndexOfRow(r);
    if (i < 0) {
      const id = layout!.groups[-1 - i]!;
      rows.push(
        <div key={`g${r}`} className="log-line logs-group" data-testid="logs-group" style={{ top: r * ROW_HEIGHT, height: ROW_HEIGHT }}>
          <span className="log-text">{id ? `Invocation ${id}` : 'Outside any invocation'}</span>
        </div>,
      );
      continue;
    }
    const l = lines.get(i);
    const level = lineLevel(l.line);
    rows.push(
      <div
        key={r}
        className={`log-line level-${level} ${isSelected(r) ? 'is-selected' : ''}`}
        data-testid="logs-line"
        data-level={level}
        data-request-id={l.requestId}
        style={{ top: r * ROW_HEIGHT, height: ROW_HEIGHT }}
        title={l.line}
        onClick={(ev) => onRowClick(r, ev.shiftKey)}
      >
        <span className="log-time">{formatClock(l.time)}</span>
        <span className="log-text">{l.line}</span>
      </div>,
    );
  }

  return (
    <div className="logs-view" data-testid="logs-view">
      <aside className="logs-streams" aria-label="Log streams">
        <div className="logs-streams-title">Log streams</div>
        <button type="button" className={`logs-stream ${stream === null ? 'is-active' : ''}`} data-testid="log-stream-all" onClick={() => setStream(null)}>
          <span className="logs-stream-name">All streams</span>
          <span className="logs-stream-meta">{streams.reduce((n, s) => n + s.invocations, 0)} invocations</span>
        </button>
        {streams.map((s, i) => (
          <button
            key={s.logStream}
            type="button"
            className={`logs-stream ${stream === s.logStream ? 'is-active' : ''}`}
            data-testid={`log-stream-${i}`}
            data-stream={s.logStream}
            title={s.logStream}
            onClick={() => setStream(s.logStream)}
          >
            <span className="logs-stream-name mono">{s.logStream}</span>
            <span className="logs-stream-meta">
              {formatClock(Date.parse(s.first))} – {formatClock(Date.parse(s.last))} · {s.invocations} invocation{s.invocations === 1 ? '' : 's'}
            </span>
          </button>
        ))}
        {streams.length === 0 && <div className="logs-streams-empty">No streams yet.</div>}
      </aside>
      <section className="logs-main">
        <div className="logs-toolbar">
          <div className="logs-filter-wrap">
            <input
              className={`input mono logs-filter ${parsed.ok ? '' : 'is-invalid'}`}
              data-testid="logs-filter"
              placeholder='Filter: ERROR  ?WARN  -DEBUG  "a phrase"  { $.level = "ERROR" }  [ip, user, ...]'
              value={filterText}
              spellCheck={false}
              aria-invalid={!parsed.ok}
              onChange={(e) => setFilterText(e.target.value)}
            />
            {!parsed.ok && (
              <div className="logs-filter-error" data-testid="logs-filter-error" role="alert">
                <pre className="logs-filter-caret">
                  {filterText}
                  {'\n'}
                  {' '.repeat(parsed.error.position)}^
                </pre>
                <span>
                  {parsed.error.message} (position {parsed.error.position})
                </span>
              </div>
            )}
          </div>
          <label className="logs-toggle" title="Append new lines as the function writes them">
            <input type="checkbox" data-testid="logs-live" checked={live} onChange={(e) => setLive(e.target.checked)} /> Live
          </label>
          <label className="logs-toggle" title="Group the lines of each invocation, START..REPORT">
            <input type="checkbox" data-testid="logs-group-toggle" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} /> Group by invocation
          </label>
          <button type="button" className="btn btn-ghost btn-small" data-testid="logs-refresh" onClick={() => void load()} title="Query again">
            <Icon name="refresh" size={13} />
          </button>
          <button
            type="button"
            className="btn btn-small"
            data-testid="logs-copy"
            onClick={() => void copy()}
            disabled={!lines.length}
            title={selectedCount ? 'Copy the selected lines' : 'Copy every line shown'}
          >
            <Icon name="copy" size={13} /> {selectedCount ? `Copy ${selectedCount}` : 'Copy all'}
          </button>
          <button type="button" className="btn btn-small" data-testid="logs-export" onClick={() => exportAs('log')} disabled={!lines.length} title="Download as .log">
            <Icon name="download" size={13} /> .log
          </button>
          <button type="button" className="btn btn-small" data-testid="logs-export-json" onClick={() => exportAs('json')} disabled={!lines.length} title="Download as .json">
            <Icon name="download" size={13} /> .json
          </button>
        </div>
        <div className="logs-status" data-testid="logs-count">
          {loading ? 'Loading…' : `${lines.length.toLocaleString()} line${lines.length === 1 ? '' : 's'}`}
          {more && ` (the newest ${QUERY_LIMIT.toLocaleString()} lines; older ones are in the history)`}
          {loadError && <span className="logs-error"> · {loadError}</span>}
        </div>
        <div className="log-list-wrap">
          <div ref={viewport} className="log-list" onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} role="log" aria-label="Function log lines" tabIndex={0}>
            <div style={{ height: rowCount * ROW_HEIGHT, position: 'relative' }}>{rows}</div>
            {rowCount === 0 && !loading && <div className="log-empty">{appliedFilter ? 'No lines match the filter.' : 'No log lines yet. Invoke the function and its output shows here.'}</div>}
          </div>
        </div>
      </section>
    </div>
  );
}
