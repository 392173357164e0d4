import { useLayoutEffect, useRef, useState } from 'react';
import { formatClock } from '../../lib/format.js';
import type { LogRow } from '../../store/logs.js';
import { Icon } from '../common/icons.js';
import { useViewportHeight } from './use-viewport-height.js';
import { isAtBottom, visibleRange } from './virtual-rows.js';

const ROW_HEIGHT = 20;

/**
 * The log tail, virtualized: only the rows in view (plus a few) are in the DOM, so 20,000 lines
 * scroll like 20. It follows new lines while scrolled to the bottom and stops following as soon
 * as the user scrolls up, until they come back down (or click "Jump to latest").
 */
export function LogList({ rows, filtered, onSelectFunction }: { rows: LogRow[]; filtered?: boolean; onSelectFunction(logicalId: string): void }) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const height = useViewportHeight(viewport, 200);
  const [following, setFollowing] = useState(true);
  const [countAtPause, setCountAtPause] = useState(0);
  const followingRef = useRef(true);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (el && followingRef.current) {
      el.scrollTop = el.scrollHeight;
      setScrollTop(el.scrollTop);
    }
  }, [rows, height]);

  const onScroll = () => {
    const el = viewport.current!;
    setScrollTop(el.scrollTop);
    const atBottom = isAtBottom(el.scrollTop, el.clientHeight, el.scrollHeight, ROW_HEIGHT);
    if (atBottom !== followingRef.current) {
      followingRef.current = atBottom;
      setFollowing(atBottom);
      if (!atBottom) setCountAtPause(rows.length);
    }
  };

  const jump = () => {
    followingRef.current = true;
    setFollowing(true);
    const el = viewport.current;
    if (el) el.scrollTop = el.scrollHeight;
  };

  const { start, end } = visibleRange(scrollTop, height, ROW_HEIGHT, rows.length);
  const fresh = Math.max(0, rows.length - countAtPause);

  return (
    <div className="log-list-wrap">
      <div ref={viewport} className="log-list" onScroll={onScroll} role="log" aria-label="Log lines" tabIndex={0}>
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {rows.slice(start, end).map((row, i) => (
            <div
              key={row.id}
              className={`log-line level-${row.level}`}
              data-testid="log-line"
              data-level={row.level}
              data-function={row.logicalId}
              style={{ top: (start + i) * ROW_HEIGHT, height: ROW_HEIGHT }}
              title={row.line}
            >
              <span className="log-time">{formatClock(row.time)}</span>
              <button type="button" className="log-fn" onClick={() => onSelectFunction(row.logicalId)} title={`Show only ${row.logicalId}`}>
                {row.logicalId}
              </button>
              <span className="log-text">{row.line}</span>
            </div>
          ))}
        </div>
        {rows.length === 0 && <div className="log-empty">{filtered ? 'No lines match the filter.' : 'No log lines yet. Invoke a function and its output streams here.'}</div>}
      </div>
      {!following && (
        <button type="button" className="jump-latest" data-testid="log-jump" onClick={jump}>
          <Icon name="arrowDown" size={13} /> {fresh > 0 ? `${fresh} new line${fresh === 1 ? '' : 's'}` : 'Jump to latest'}
        </button>
      )}
    </div>
  );
}
