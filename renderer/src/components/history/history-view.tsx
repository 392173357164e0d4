import { useEffect, useRef, useState, type UIEvent } from 'react';
import { INVOCATION_STATUSES } from '../../../../shared/testing/expectation.js';
import { formatMs } from '../../lib/format.js';
import { formatSize, useHistory, type ColdFilter, type InvocationSummary, type TimeRange } from '../../store/history.js';
import { selectFunctions, useWorkspace } from '../../store/workspace.js';
import { Icon } from '../common/icons.js';
import { HistoryDetail } from './history-detail.js';
import { HistoryDiff } from './history-diff.js';
import { formatTime, statusClass, triggerLabel } from './history-format.js';

const ROW_HEIGHT = 26;
const OVERSCAN = 8;
const TRIGGERS = ['ui', 'load', 'invoke-api', 'http', 'schedule', 'sqs', 'sns', 's3', 'dynamodb', 'eventbridge', 'async'];

/** The History view of the bottom panel: stored invocations, newest first, virtualized. */
export function HistoryView() {
  const filters = useHistory((s) => s.filters);
  const rows = useHistory((s) => s.rows);
  const loading = useHistory((s) => s.loading);
  const error = useHistory((s) => s.error);
  const selected = useHistory((s) => s.selected);
  const replay = useHistory((s) => s.replay);
  const detailId = useHistory((s) => s.detailId);
  const compare = useHistory((s) => s.compare);
  const stats = useHistory((s) => s.stats);
  const { setFilter, loadMore, toggleSelected, clearSelected, openDetail, openCompare, replaySelected } = useHistory.getState();
  const functions = useWorkspace(selectFunctions);

  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(200);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    setViewport(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  // The size on disk: fetched when the panel opens (the store follows new invocations).
  useEffect(() => void useHistory.getState().refreshStats(), []);

  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    setScrollTop(el.scrollTop);
    if (el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT * 10) void loadMore();
  };
  // A short first page that does not fill the viewport: fetch on.
  useEffect(() => {
    if (rows.length > 0 && rows.length * ROW_HEIGHT < viewport) void loadMore();
  }, [rows.length, viewport, loadMore]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const visible = rows.slice(first, last);

  return (
    <div className="history-view" data-testid="history-view">
      <div className="history-toolbar">
        <select className="select-small" data-testid="history-filter-function" aria-label="Function" value={filters.logicalId} onChange={(e) => setFilter({ logicalId: e.target.value })}>
          <option value="">All functions</option>
          {functions.map((f) => (
            <option key={f.logicalId} value={f.logicalId}>
              {f.logicalId}
            </option>
          ))}
        </select>
        <select
          className="select-small"
          data-testid="history-filter-status"
          aria-label="Status"
          value={filters.status}
          onChange={(e) => setFilter({ status: e.target.value as typeof filters.status })}
        >
          <option value="">Any status</option>
          {INVOCATION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <select className="select-small" data-testid="history-filter-trigger" aria-label="Trigger" value={filters.trigger} onChange={(e) => setFilter({ trigger: e.target.value })}>
          <option value="">Any trigger</option>
          {TRIGGERS.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <select className="select-small" data-testid="history-filter-cold" aria-label="Cold or warm" value={filters.cold} onChange={(e) => setFilter({ cold: e.target.value as ColdFilter })}>
          <option value="">Cold and warm</option>
          <option value="cold">Cold</option>
          <option value="warm">Warm</option>
        </select>
        <select className="select-small" data-testid="history-filter-range" aria-label="Time range" value={filters.range} onChange={(e) => setFilter({ range: e.target.value as TimeRange })}>
          <option value="15m">Last 15 min</option>
          <option value="1h">Last hour</option>
          <option value="1d">Last day</option>
          <option value="all">All time</option>
        </select>
        <div className="search-input">
          <Icon name="search" size={13} />
          <input data-testid="history-filter-text" placeholder="Search events, responses, logs" value={filters.text} onChange={(e) => setFilter({ text: e.target.value })} spellCheck={false} />
        </div>
        <span className="spacer" />
        {stats && (
          <span className="history-size" data-testid="history-size" title={`${stats.segments} segment${stats.segments === 1 ? '' : 's'} on disk`}>
            {stats.count.toLocaleString('en-US')} stored · {formatSize(stats.sizeBytes)}
          </span>
        )}
        {replay && (
          <span className="history-progress" data-testid="history-replay-progress" aria-live="polite">
            {replay.done} / {replay.total}
          </span>
        )}
        {selected.length > 0 && (
          <>
            <span className="muted text-small">{selected.length} selected</span>
            <button type="button" className="btn btn-small" data-testid="history-replay-selected" disabled={!!replay} onClick={() => void replaySelected()}>
              <Icon name="play" size={12} /> Replay selected
            </button>
            {selected.length === 2 && (
              <button type="button" className="btn btn-small" data-testid="history-compare" onClick={() => void openCompare()}>
                <Icon name="layers" size={12} /> Compare
              </button>
            )}
            <button type="button" className="icon-button" aria-label="Clear selection" title="Clear selection" onClick={clearSelected}>
              ×
            </button>
          </>
        )}
      </div>
      <div className="history-head" aria-hidden="true">
        <span />
        <span>Time</span>
        <span>Function</span>
        <span>Status</span>
        <span>Start</span>
        <span>Duration</span>
        <span>Billed</span>
        <span>Memory</span>
        <span>Trigger</span>
      </div>
      <div className="history-list" ref={scroller} onScroll={onScroll} data-testid="history-list" role="list">
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {visible.map((row, i) => (
            <HistoryRow
              key={row.requestId}
              row={row}
              top={(first + i) * ROW_HEIGHT}
              checked={selected.includes(row.requestId)}
              active={row.requestId === detailId}
              onToggle={() => toggleSelected(row.requestId)}
              onOpen={() => openDetail(row.requestId)}
            />
          ))}
        </div>
        {rows.length === 0 && !loading && <div className="history-empty muted">{error ?? 'No invocations stored yet.'}</div>}
      </div>
      {detailId && <HistoryDetail key={detailId} requestId={detailId} />}
      {compare && <HistoryDiff records={compare} />}
    </div>
  );
}

interface RowProps {
  row: InvocationSummary;
  top: number;
  checked: boolean;
  active: boolean;
  onToggle(): void;
  onOpen(): void;
}

function HistoryRow({ row, top, checked, active, onToggle, onOpen }: RowProps) {
  return (
    <div
      className={`history-row ${active ? 'is-active' : ''}`}
      data-testid="history-row"
      data-request-id={row.requestId}
      role="listitem"
      tabIndex={0}
      style={{ top, height: ROW_HEIGHT }}
      onClick={onOpen}
      onKeyDown={(e) => e.key === 'Enter' && onOpen()}
    >
      <input type="checkbox" data-testid="history-select" aria-label="Select" checked={checked} onClick={(e) => e.stopPropagation()} onChange={onToggle} />
      <span className="mono">{formatTime(row.startedAt)}</span>
      <span className="history-fn" title={row.functionName}>
        {row.logicalId}
      </span>
      <span>
        <span className={`badge badge-small ${statusClass(row.status)}`} data-testid="history-status">
          {row.status}
        </span>
      </span>
      <span className={row.coldStart ? 'history-cold' : 'muted'}>{row.coldStart ? 'cold' : 'warm'}</span>
      <span className="mono">{formatMs(row.durationMs)}</span>
      <span className="mono">{row.billedDurationMs} ms</span>
      <span className="mono">
        {row.maxMemoryUsedMb}/{row.memorySizeMb} MB
      </span>
      <span className="muted">{triggerLabel(row.trigger)}</span>
    </div>
  );
}
