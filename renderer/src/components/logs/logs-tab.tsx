/**
 * The function's Logs tab (issue 5 item 3): past lines from the history (logs.query) per
 * execution-environment stream, live lines from the 'log' push, the CloudWatch filter-pattern
 * syntax checked as it is typed, levels coloured like the log panel, a virtualized list over a
 * chunked line store (a million lines), grouping by invocation, copy and export.
 */
import { useState } from 'react';
import type { FunctionSummary } from '../../../../shared/api/schemas.js';
import { LogStreamList } from './log-stream-list.js';
import { LogsLines } from './logs-lines.js';
import { LogsToolbar } from './logs-toolbar.js';
import { useLiveLogs } from './use-live-logs.js';
import { useLogExport } from './use-log-export.js';
import { useLogFilter } from './use-log-filter.js';
import { useLogLayout } from './use-log-layout.js';
import { QUERY_LIMIT, useLogLines } from './use-log-lines.js';
import { useRowSelection } from './use-row-selection.js';

export function LogsTab({ fn }: { fn: FunctionSummary }) {
  const logicalId = fn.logicalId;
  const [stream, setStream] = useState<string | null>(null);
  const [live, setLive] = useState(true);
  const [grouped, setGrouped] = useState(false);
  const filter = useLogFilter();
  const selection = useRowSelection();
  const { lines, version, streams, loading, loadError, more, load, appended } = useLogLines(logicalId, stream, filter.appliedText, selection.clear);
  useLiveLogs({ enabled: live, logicalId, stream, pattern: filter.applied, lines, onAppended: appended });
  const layout = useLogLayout(lines, version, grouped);
  const { copy, exportAs } = useLogExport({ logicalId, stream, lines, layout, selection });

  return (
    <div className="logs-view" data-testid="logs-view">
      <LogStreamList streams={streams} stream={stream} onStream={setStream} />
      <section className="logs-main">
        <LogsToolbar
          filter={filter}
          live={live}
          onLive={setLive}
          grouped={grouped}
          onGrouped={setGrouped}
          hasLines={lines.length > 0}
          selectedCount={selection.count}
          onRefresh={() => void load()}
          onCopy={() => void copy()}
          onExport={exportAs}
        />
        <div className="logs-status" data-testid="logs-count">
          {loading ? 'Loading…' : `${lines.length.toLocaleString()} line${lines.length === 1 ? '' : 's'}`}
          {more && ` (the newest ${QUERY_LIMIT.toLocaleString()} lines; older ones are in the history)`}
          {loadError && <span className="logs-error"> · {loadError}</span>}
        </div>
        <LogsLines
          lines={lines}
          layout={layout}
          selection={selection}
          empty={loading ? undefined : filter.appliedText ? 'No lines match the filter.' : 'No log lines yet. Invoke the function and its output shows here.'}
        />
      </section>
    </div>
  );
}
