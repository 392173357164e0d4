import { useEffect } from 'react';
import { useResources } from '../../store/resources.js';
import { selectResolvedTheme, useUi } from '../../store/ui.js';
import { selectSelectedFunction, useWorkspace } from '../../store/workspace.js';
import { Toasts } from '../common/toasts.js';
import { Icon } from '../common/icons.js';
import { LogPanel } from '../logs/log-panel.js';
import { CommandPalette } from '../palette/command-palette.js';
import { installShortcuts } from './actions.js';
import { ConnectionOverlay } from './connection-overlay.js';
import { Dialogs } from './dialogs.js';
import { ResourceView } from '../resources/resource-view.js';
import { FunctionView } from './function-view.js';
import { MonitorView } from '../monitor/monitor-view.js';
import { useMonitor } from '../../store/monitor.js';
import { Sidebar } from './sidebar.js';
import { StatusBar } from './status-bar.js';
import { MOD } from '../../lib/platform.js';

export function AppShell() {
  const theme = useUi(selectResolvedTheme);
  const fn = useWorkspace(selectSelectedFunction);
  const hasWorkspace = useWorkspace((s) => s.info !== null);
  const resource = useResources((s) => s.open);
  const monitor = useMonitor((s) => s.open);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);

  useEffect(() => {
    const media = matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => useUi.getState().setSystemDark(media.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);

  useEffect(installShortcuts, []);

  return (
    <div className="app-shell" data-testid="app-shell">
      <Sidebar />
      <main className="workbench-main">
        <ConnectionOverlay />
        {monitor && hasWorkspace ? (
          <MonitorView onClose={() => useMonitor.getState().close()} />
        ) : resource ? (
          <ResourceView key={`${resource.kind}:${resource.logicalId}`} open={resource} />
        ) : fn ? (
          <FunctionView key={fn.logicalId} fn={fn} />
        ) : (
          hasWorkspace && <Welcome />
        )}
      </main>
      <LogPanel />
      <StatusBar />
      <Dialogs />
      <CommandPalette />
      <Toasts />
    </div>
  );
}

function Welcome() {
  const openDialog = useUi((s) => s.openDialog);
  return (
    <div className="welcome">
      <span className="brand-mark brand-mark-large" aria-hidden="true">
        <Icon name="lambda" size={28} />
      </span>
      <h1>No functions yet</h1>
      <p className="muted">Create one from a template; it is added to template.yaml and runs here the way it runs on Lambda.</p>
      <button type="button" className="btn btn-primary" onClick={() => openDialog({ kind: 'new-function' })}>
        <Icon name="plus" size={14} /> New function
      </button>
      <p className="muted text-small">
        <kbd>{MOD}Shift+P</kbd> command palette · <kbd>{MOD}S</kbd> save · <kbd>{MOD}Enter</kbd> invoke
      </p>
    </div>
  );
}
