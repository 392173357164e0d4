import { Icon } from '../common/icons.js';
import { LogFilterInput } from './log-filter-input.js';
import type { LogFilter } from './use-log-filter.js';

interface LogsToolbarProps {
  filter: LogFilter;
  live: boolean;
  onLive(live: boolean): void;
  grouped: boolean;
  onGrouped(grouped: boolean): void;
  hasLines: boolean;
  selectedCount: number;
  onRefresh(): void;
  onCopy(): void;
  onExport(format: 'log' | 'json'): void;
}

export function LogsToolbar({ filter, live, onLive, grouped, onGrouped, hasLines, selectedCount, onRefresh, onCopy, onExport }: LogsToolbarProps) {
  return (
    <div className="logs-toolbar">
      <LogFilterInput filter={filter} />
      <label className="logs-toggle" title="Append new lines as the function writes them">
        <input type="checkbox" data-testid="logs-live" checked={live} onChange={(e) => onLive(e.target.checked)} /> Live
      </label>
      <label className="logs-toggle" title="Group the lines of each invocation, START..REPORT">
        <input type="checkbox" data-testid="logs-group-toggle" checked={grouped} onChange={(e) => onGrouped(e.target.checked)} /> Group by invocation
      </label>
      <button type="button" className="btn btn-ghost btn-small" data-testid="logs-refresh" onClick={onRefresh} title="Query again">
        <Icon name="refresh" size={13} />
      </button>
      <button type="button" className="btn btn-small" data-testid="logs-copy" onClick={onCopy} disabled={!hasLines} title={selectedCount ? 'Copy the selected lines' : 'Copy every line shown'}>
        <Icon name="copy" size={13} /> {selectedCount ? `Copy ${selectedCount}` : 'Copy all'}
      </button>
      <button type="button" className="btn btn-small" data-testid="logs-export" onClick={() => onExport('log')} disabled={!hasLines} title="Download as .log">
        <Icon name="download" size={13} /> .log
      </button>
      <button type="button" className="btn btn-small" data-testid="logs-export-json" onClick={() => onExport('json')} disabled={!hasLines} title="Download as .json">
        <Icon name="download" size={13} /> .json
      </button>
    </div>
  );
}
