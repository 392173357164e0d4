import { useMemo, type PointerEvent } from 'react';
import { filterRows, useLogs } from '../../store/logs.js';
import { useUi } from '../../store/ui.js';
import { selectFunctions, useWorkspace } from '../../store/workspace.js';
import { Icon } from '../common/icons.js';
import { LogList } from './log-list.js';
import { HistoryView } from '../history/history-view.js';
import { useHistory } from '../../store/history.js';

/** The bottom panel: the live log tail of every function. */
export function LogPanel() {
  const open = useUi((s) => s.logPanelOpen);
  const height = useUi((s) => s.logPanelHeight);
  const { toggleLogPanel, setLogPanelHeight } = useUi.getState();
  const version = useLogs((s) => s.version);
  const filter = useLogs((s) => s.filter);
  const functionFilter = useLogs((s) => s.functionFilter);
  const { setFilter, setFunctionFilter, clear } = useLogs.getState();
  const functions = useWorkspace(selectFunctions);
  const tab = useHistory((s) => s.tab);
  const showTab = (t: 'logs' | 'history') => {
    if (!open) toggleLogPanel(true);
    else if (t === tab) return toggleLogPanel(false);
    useHistory.getState().setTab(t);
  };
  // `version` announces in-place appends to the rows array.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const rows = useMemo(() => filterRows(useLogs.getState().rows, filter, functionFilter), [version, filter, functionFilter]);
  const total = useLogs.getState().rows.length;

  const startResize = (e: PointerEvent<HTMLDivElement>) => {
    const startY = e.clientY;
    const startHeight = height;
    const move = (ev: globalThis.PointerEvent) => setLogPanelHeight(startHeight + (startY - ev.clientY));
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      document.body.classList.remove('is-resizing');
    };
    document.body.classList.add('is-resizing');
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  return (
    <section className={`log-panel ${open ? '' : 'is-collapsed'}`} data-testid="log-panel" style={open ? { height } : undefined} aria-label="Logs">
      {open && <div className="resize-handle" onPointerDown={startResize} role="separator" aria-orientation="horizontal" aria-label="Resize the log panel" />}
      <header className="panel-header">
        <button type="button" className={`panel-title panel-tab ${tab === 'logs' ? 'is-active' : ''}`} data-testid="panel-tab-logs" onClick={() => showTab('logs')} aria-expanded={open}>
          <Icon name={open ? 'chevronDown' : 'chevronRight'} size={12} />
          <Icon name="terminal" size={14} /> Logs
          <span className="count-pill">{filter || functionFilter ? `${rows.length} / ${total}` : total}</span>
        </button>
        <button type="button" className={`panel-title panel-tab ${tab === 'history' ? 'is-active' : ''}`} data-testid="panel-tab-history" onClick={() => showTab('history')}>
          <Icon name="clock" size={14} /> History
        </button>
        {open && tab === 'logs' && (
          <>
            <span className="spacer" />
            <select className="select-small" data-testid="log-function-filter" aria-label="Function" value={functionFilter} onChange={(e) => setFunctionFilter(e.target.value)}>
              <option value="">All functions</option>
              {functions.map((f) => (
                <option key={f.logicalId} value={f.logicalId}>
                  {f.logicalId}
                </option>
              ))}
            </select>
            <div className="search-input">
              <Icon name="search" size={13} />
              <input data-testid="log-filter" placeholder="Filter lines" value={filter} onChange={(e) => setFilter(e.target.value)} spellCheck={false} />
              {filter && (
                <button type="button" className="icon-button" aria-label="Clear filter" onClick={() => setFilter('')}>
                  ×
                </button>
              )}
            </div>
            <button type="button" className="icon-button" data-testid="log-clear" title="Clear the panel (the host keeps its logs)" aria-label="Clear logs" onClick={clear}>
              <Icon name="trash" size={14} />
            </button>
          </>
        )}
      </header>
      {open && tab === 'history' && <HistoryView />}
      {open && tab === 'logs' && <LogList rows={rows} filtered={total > 0 && !!(filter || functionFilter)} onSelectFunction={setFunctionFilter} />}
    </section>
  );
}
