import { useShallow } from 'zustand/react/shallow';
import { useEditor, selectDirtyCount } from '../../store/editor.js';
import { useResources } from '../../store/resources.js';
import { useUi } from '../../store/ui.js';
import { selectFunctions, useWorkspace } from '../../store/workspace.js';
import { useMonitor } from '../../store/monitor.js';
import type { FunctionSummary } from '../../../../shared/api/schemas.js';
import { Icon } from '../common/icons.js';

export function FunctionList() {
  const functions = useWorkspace(selectFunctions);
  const openDialog = useUi((s) => s.openDialog);
  const hasWorkspace = useWorkspace((s) => s.info !== null);
  const connected = useWorkspace((s) => s.connection.kind === 'open');
  return (
    <section className="sidebar-section" aria-label="Functions">
      <header className="sidebar-section-header">
        <span>Functions</span>
        <span className="count-pill">{functions.length}</span>
        <span className="spacer" />
        <button
          type="button"
          className="icon-button"
          data-testid="new-function-button"
          title="New function"
          aria-label="New function"
          disabled={!hasWorkspace || !connected}
          onClick={() => openDialog({ kind: 'new-function' })}
        >
          <Icon name="plus" />
        </button>
      </header>
      {hasWorkspace && functions.length === 0 && (
        <div className="sidebar-empty">
          <p>No functions in this template yet.</p>
          <button type="button" className="btn btn-primary btn-small" onClick={() => openDialog({ kind: 'new-function' })}>
            Create a function
          </button>
        </div>
      )}
      <ul className="function-list" role="listbox" aria-label="Functions">
        {functions.map((f) => (
          <FunctionItem key={f.logicalId} fn={f} />
        ))}
      </ul>
    </section>
  );
}

function FunctionItem({ fn }: { fn: FunctionSummary }) {
  const selected = useWorkspace((s) => s.selectedId === fn.logicalId);
  const select = useWorkspace((s) => s.select);
  const env = useWorkspace(useShallow((s) => s.environments[fn.logicalId] ?? { warm: 0, busy: 0 }));
  const dirty = useEditor(selectDirtyCount(fn.logicalId));
  const openDialog = useUi((s) => s.openDialog);
  const problems = fn.problems.length > 0;
  return (
    <li
      className={`function-item ${selected ? 'is-selected' : ''}`}
      role="option"
      aria-selected={selected}
      data-testid={`function-item-${fn.logicalId}`}
      tabIndex={0}
      onClick={() => {
        select(fn.logicalId);
        useResources.getState().close();
        useMonitor.getState().close();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          select(fn.logicalId);
          useResources.getState().close();
          useMonitor.getState().close();
        }
        if (e.key === 'F2') openDialog({ kind: 'rename-function', logicalId: fn.logicalId });
        if (e.key === 'Delete') openDialog({ kind: 'delete-function', logicalId: fn.logicalId });
      }}
    >
      <span className={`function-icon ${fn.runtime.startsWith('provided') ? 'is-custom' : ''}`} aria-hidden="true">
        <Icon name="lambda" size={14} />
      </span>
      <span className="function-text">
        <span className="function-name">
          <span className="function-name-text">{fn.logicalId}</span>
          {dirty > 0 && <span className="dot dot-dirty" title={`${dirty} unsaved file${dirty === 1 ? '' : 's'}`} />}
        </span>
        <span className="function-meta">
          {fn.runtime} · {fn.memorySizeMb} MB
        </span>
      </span>
      {problems && (
        <span className="function-problem" title={fn.problems.join('\n')} data-testid={`function-problem-${fn.logicalId}`}>
          <Icon name="warning" size={14} />
        </span>
      )}
      {env.warm + env.busy > 0 && (
        <span
          className={`warm-badge ${env.busy ? 'is-busy' : ''}`}
          title={`${env.warm} warm execution environment${env.warm === 1 ? '' : 's'}${env.busy ? `, ${env.busy} busy` : ''}`}
          data-testid={`function-warm-${fn.logicalId}`}
        >
          <Icon name="zap" size={11} />
          {env.warm + env.busy}
        </span>
      )}
      <span className="function-actions">
        <button
          type="button"
          className="icon-button"
          title="Rename (F2)"
          aria-label={`Rename ${fn.logicalId}`}
          data-testid={`function-rename-${fn.logicalId}`}
          onClick={(e) => {
            e.stopPropagation();
            openDialog({ kind: 'rename-function', logicalId: fn.logicalId });
          }}
        >
          <Icon name="edit" size={14} />
        </button>
        <button
          type="button"
          className="icon-button"
          title="Delete (Del)"
          aria-label={`Delete ${fn.logicalId}`}
          data-testid={`function-delete-${fn.logicalId}`}
          onClick={(e) => {
            e.stopPropagation();
            openDialog({ kind: 'delete-function', logicalId: fn.logicalId });
          }}
        >
          <Icon name="trash" size={14} />
        </button>
      </span>
    </li>
  );
}
