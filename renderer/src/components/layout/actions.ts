import { runSaveHandler } from '../../lib/save-handlers.js';
import { useEditor } from '../../store/editor.js';
import { useLogs } from '../../store/logs.js';
import { useTest } from '../../store/test-events.js';
import { selectTab, useUi, type TabId } from '../../store/ui.js';
import { useWorkspace } from '../../store/workspace.js';
import { useMonitor } from '../../store/monitor.js';
import { formatDocument } from '../code/code-tab.js';
import { openWorkspaceFlow } from '../workspace/workspace-section.js';
import { MOD } from '../../lib/platform.js';

/** The workbench's actions, shared by keyboard shortcuts and the command palette. */
export interface Command {
  id: string;
  title: string;
  category: string;
  shortcut?: string;
  run(): void;
}

const selected = () => useWorkspace.getState().selectedId;

/** Ctrl/Cmd+S: save what the active tab shows. */
export function saveCurrent(): void {
  const id = selected();
  if (!id) return;
  const tab = selectTab(id)(useUi.getState());
  if (tab === 'code') {
    const path = useEditor.getState().active[id];
    if (path) void useEditor.getState().saveFile(id, path);
  } else if (tab === 'test') {
    const draft = useTest.getState().drafts[id];
    if (draft?.name) void useTest.getState().saveEvent(id);
    else useUi.getState().toast('info', 'Give the event a name to save it');
  } else if (tab !== 'monitor' && tab !== 'logs') {
    runSaveHandler(tab);
  }
}

/** Ctrl/Cmd+Enter: invoke the selected function with its Test tab's event. */
export function invokeCurrent(): void {
  const id = selected();
  if (!id) return;
  useUi.getState().setTab(id, 'test');
  void useTest.getState().invoke(id);
}

export function showTab(tab: TabId): void {
  const id = selected();
  if (id) useUi.getState().setTab(id, tab);
}

export function buildCommands(): Command[] {
  const ui = useUi.getState();
  const ws = useWorkspace.getState();
  const id = ws.selectedId;
  const commands: Command[] = [
    { id: 'function.new', title: 'New function…', category: 'Function', run: () => ui.openDialog({ kind: 'new-function' }) },
    { id: 'workspace.open', title: 'Open workspace…', category: 'Workspace', run: () => void openWorkspaceFlow() },
    { id: 'workspace.create', title: 'New workspace from a template…', category: 'Workspace', run: () => ui.openDialog({ kind: 'create-workspace' }) },
    { id: 'workspace.settings', title: 'Workspace settings…', category: 'Workspace', run: () => ui.openDialog({ kind: 'workspace-settings' }) },
    { id: 'view.theme', title: 'Toggle light/dark theme', category: 'View', run: () => ui.toggleTheme() },
    { id: 'view.theme.system', title: 'Follow the system theme', category: 'View', run: () => ui.setTheme('system') },
    { id: 'view.logs', title: 'Toggle log panel', category: 'View', run: () => ui.toggleLogPanel() },
    { id: 'logs.clear', title: 'Clear logs', category: 'View', run: () => useLogs.getState().clear() },
    { id: 'workspace.monitor', title: 'Show the workspace monitor (metrics)', category: 'View', run: () => useMonitor.getState().show() },
  ];
  if (id) {
    commands.unshift(
      { id: 'invoke', title: `Invoke ${id}`, category: 'Run', shortcut: `${MOD}Enter`, run: invokeCurrent },
      { id: 'save', title: 'Save', category: 'File', shortcut: `${MOD}S`, run: saveCurrent },
    );
    if (useTest.getState().runs[id]) commands.unshift({ id: 'invoke.cancel', title: `Cancel the running invocation of ${id}`, category: 'Run', run: () => void useTest.getState().cancel(id) });
    commands.push(
      { id: 'file.saveAll', title: `Save all files of ${id}`, category: 'File', run: () => void useEditor.getState().saveAll(id) },
      { id: 'file.format', title: 'Format document', category: 'File', shortcut: 'Shift+Alt+F', run: () => (showTab('code'), setTimeout(formatDocument, 0)) },
      { id: 'tab.code', title: 'Show Code', category: 'View', run: () => showTab('code') },
      { id: 'tab.test', title: 'Show Test', category: 'View', run: () => showTab('test') },
      { id: 'tab.config', title: 'Show Configuration', category: 'View', run: () => showTab('config') },
      { id: 'tab.env', title: 'Show Environment variables', category: 'View', run: () => showTab('env') },
      { id: 'tab.triggers', title: 'Show Triggers', category: 'View', run: () => showTab('triggers') },
      { id: 'tab.monitor', title: 'Show Monitor', category: 'View', run: () => showTab('monitor') },
      { id: 'function.rename', title: `Rename ${id}…`, category: 'Function', run: () => ui.openDialog({ kind: 'rename-function', logicalId: id }) },
      { id: 'function.delete', title: `Delete ${id}…`, category: 'Function', run: () => ui.openDialog({ kind: 'delete-function', logicalId: id }) },
    );
  }
  for (const f of ws.info?.functions ?? []) {
    commands.push({ id: `goto.${f.logicalId}`, title: `Go to ${f.logicalId}`, category: 'Function', run: () => ws.select(f.logicalId) });
  }
  for (const dir of ws.recent.filter((r) => r !== ws.info?.dir)) {
    commands.push({ id: `recent.${dir}`, title: `Open recent: ${dir}`, category: 'Workspace', run: () => void ws.open(dir).catch((e: Error) => ui.toast('error', e.message)) });
  }
  return commands;
}

/** Global shortcuts, in the capture phase so they work inside Monaco too. */
export function installShortcuts(): () => void {
  const onKey = (e: KeyboardEvent) => {
    const mod = e.metaKey || e.ctrlKey;
    if (!mod || e.altKey) return;
    const key = e.key.toLowerCase();
    if ((key === 'p' && e.shiftKey) || (key === 'k' && !e.shiftKey)) {
      e.preventDefault();
      e.stopPropagation();
      useUi.getState().setPaletteOpen(!useUi.getState().paletteOpen);
    } else if (key === 's' && !e.shiftKey) {
      e.preventDefault();
      e.stopPropagation();
      if (!useUi.getState().dialog) saveCurrent();
    } else if (key === 'enter' && !e.shiftKey) {
      if (useUi.getState().dialog || useUi.getState().paletteOpen) return;
      e.preventDefault();
      e.stopPropagation();
      invokeCurrent();
    }
  };
  window.addEventListener('keydown', onKey, true);
  return () => window.removeEventListener('keydown', onKey, true);
}
