import { useState } from 'react';
import { nativeFolderPicker } from '../../api/index.js';
import { baseName } from '../../lib/format.js';
import { toastError, useUi } from '../../store/ui.js';
import { useWorkspace } from '../../store/workspace.js';
import { useMonitor } from '../../store/monitor.js';
import { Icon } from '../common/icons.js';

/** Opens a workspace: the native folder dialog in Electron, a path dialog in the browser. */
export async function openWorkspaceFlow(): Promise<void> {
  const pick = nativeFolderPicker();
  if (!pick) {
    useUi.getState().openDialog({ kind: 'open-workspace' });
    return;
  }
  const dir = await pick();
  if (!dir) return;
  try {
    await useWorkspace.getState().open(dir);
  } catch (error) {
    toastError(error);
  }
}

export function WorkspaceSection() {
  const dir = useWorkspace((s) => s.info?.dir);
  const recent = useWorkspace((s) => s.recent);
  const open = useWorkspace((s) => s.open);
  const openDialog = useUi((s) => s.openDialog);
  const connected = useWorkspace((s) => s.connection.kind === 'open');
  const [showRecent, setShowRecent] = useState(false);
  const others = recent.filter((r) => r !== dir);

  return (
    <section className="workspace-section">
      <div className="workspace-current" title={dir}>
        <Icon name="folder" />
        <div className="workspace-names">
          <span className="workspace-name" data-testid="workspace-name">
            {dir ? baseName(dir) : 'No workspace'}
          </span>
          <span className="workspace-path">{dir ?? '—'}</span>
        </div>
      </div>
      <div className="workspace-actions">
        <button type="button" className="btn btn-small" data-testid="workspace-open" title="Open a folder with a template.yaml" disabled={!connected} onClick={() => void openWorkspaceFlow()}>
          <Icon name="folderOpen" size={14} /> Open…
        </button>
        <button
          type="button"
          className="btn btn-small"
          data-testid="workspace-create"
          title="New workspace from a template"
          disabled={!connected}
          onClick={() => openDialog({ kind: 'create-workspace' })}
        >
          <Icon name="plus" size={14} /> New…
        </button>
        <button
          type="button"
          className="btn btn-small"
          data-testid="workspace-settings-open"
          title="Workspace settings: async retry delays, bucket folders"
          disabled={!connected}
          onClick={() => openDialog({ kind: 'workspace-settings' })}
        >
          Settings…
        </button>
        <button type="button" className="btn btn-small" data-testid="workspace-monitor" title="Metrics of every function in the workspace" disabled={!dir} onClick={() => useMonitor.getState().show()}>
          Monitor
        </button>
        {others.length > 0 && (
          <button
            type="button"
            className={`btn btn-small btn-ghost ${showRecent ? 'is-active' : ''}`}
            data-testid="workspace-recent-toggle"
            aria-expanded={showRecent}
            onClick={() => setShowRecent(!showRecent)}
          >
            Recent <Icon name={showRecent ? 'chevronDown' : 'chevronRight'} size={12} />
          </button>
        )}
      </div>
      {showRecent && (
        <ul className="recent-list" data-testid="workspace-recent">
          {others.map((r) => (
            <li key={r}>
              <button
                type="button"
                className="recent-item"
                title={r}
                onClick={() => {
                  setShowRecent(false);
                  open(r).catch(toastError);
                }}
              >
                <span className="recent-name">{baseName(r)}</span>
                <span className="recent-path">{r}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
