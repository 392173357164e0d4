import { useEffect, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor/editor';
import type { FunctionSummary } from '../../../../shared/api/schemas.js';
import { docKey, useEditor } from '../../store/editor.js';
import { useMonaco } from '../../monaco/use-monaco.js';
import { Icon } from '../common/icons.js';
import { MonacoView } from '../common/monaco-view.js';
import { MOD } from '../../lib/platform.js';
import { useRecently } from '../../lib/use-recently.js';
import { handlerFile } from './file-tree-model.js';
import { FileTree } from './file-tree.js';

/** The files Monaco's bundled language services can format. */
const FORMATTABLE = /\.((m|c)?[jt]sx?|json)$/i;

/** The editor of the Code tab, for "Format document" from the toolbar and the palette. */
let codeEditor: Monaco.editor.IStandaloneCodeEditor | undefined;
export function formatDocument(): void {
  void codeEditor?.getAction('editor.action.formatDocument')?.run();
}

export function CodeTab({ fn }: { fn: FunctionSummary }) {
  const { logicalId } = fn;
  const files = useEditor((s) => s.files[logicalId]);
  const open = useEditor((s) => s.open[logicalId]);
  const active = useEditor((s) => s.active[logicalId]);
  const doc = useEditor((s) => (active ? s.docs[docKey(logicalId, active)] : undefined));
  const m = useMonaco();
  const opened = useRef(new Set<string>());

  useEffect(() => {
    if (!files) void useEditor.getState().loadFiles(logicalId);
  }, [files, logicalId]);

  // First visit: open the handler's file, the one people came to edit.
  useEffect(() => {
    if (!files || open?.length || opened.current.has(logicalId)) return;
    opened.current.add(logicalId);
    const first = handlerFile(fn.handler, fn.runtime, files) ?? files.find((f) => f.kind === 'file')?.path;
    if (first) void useEditor.getState().openFile(logicalId, first);
  }, [files, open, logicalId, fn.handler, fn.runtime]);

  const model = m && active && doc?.status === 'ready' ? m.models.getModel(docKey(logicalId, active)) : undefined;

  return (
    <div className="code-tab">
      <FileTree logicalId={logicalId} />
      <div className="editor-area">
        <EditorTabs logicalId={logicalId} />
        {active && <EditorToolbar logicalId={logicalId} path={active} />}
        {active && doc?.disk !== 'same' && doc?.disk && <DiskChangedBar logicalId={logicalId} path={active} deleted={doc.disk === 'deleted'} />}
        {doc?.status === 'error' && (
          <p className="pane-error">
            Could not open {active}: {doc.error}
          </p>
        )}
        {!active && files && <div className="editor-empty">Select a file on the left, or create one.</div>}
        <div className={`editor-host ${model ? '' : 'is-empty'}`}>
          <MonacoView model={model} testId="editor" onEditor={(e) => (codeEditor = e)} />
        </div>
      </div>
    </div>
  );
}

function EditorTabs({ logicalId }: { logicalId: string }) {
  const open = useEditor((s) => s.open[logicalId]) ?? [];
  const active = useEditor((s) => s.active[logicalId]);
  const docs = useEditor((s) => s.docs);
  const { openFile, closeFile } = useEditor.getState();
  if (!open.length) return null;
  return (
    <div className="editor-tabs" role="tablist" aria-label="Open files">
      {open.map((path) => {
        const dirty = docs[docKey(logicalId, path)]?.dirty;
        return (
          <div
            key={path}
            role="tab"
            aria-selected={path === active}
            className={`editor-tab ${path === active ? 'is-active' : ''} ${dirty ? 'is-dirty' : ''}`}
            data-testid={`editor-tab-${path}`}
            title={path}
            onClick={() => void openFile(logicalId, path)}
            onAuxClick={(e) => e.button === 1 && closeFile(logicalId, path)}
          >
            <span className="editor-tab-name">{path.split('/').pop()}</span>
            {dirty && path === active && <span className="dot dot-dirty" data-testid="dirty-marker" title="Unsaved changes" />}
            {dirty && path !== active && <span className="dot dot-dirty" title="Unsaved changes" />}
            <button type="button" className="editor-tab-close" aria-label={`Close ${path}`} onClick={(e) => (e.stopPropagation(), closeFile(logicalId, path))}>
              ×
            </button>
          </div>
        );
      })}
    </div>
  );
}

function EditorToolbar({ logicalId, path }: { logicalId: string; path: string }) {
  const dirty = useEditor((s) => s.docs[docKey(logicalId, path)]?.dirty ?? false);
  const savedAt = useEditor((s) => s.lastSavedAt[logicalId]);
  const [saving, setSaving] = useState(false);
  const recentlySaved = useRecently(savedAt, 2000);
  const save = async () => {
    setSaving(true);
    await useEditor.getState().saveFile(logicalId, path);
    setSaving(false);
  };
  return (
    <div className="editor-toolbar">
      <span className="breadcrumbs">
        {path.split('/').map((part, i, all) => (
          <span key={i} className={i === all.length - 1 ? 'crumb crumb-last' : 'crumb'}>
            {part}
          </span>
        ))}
      </span>
      <span className="spacer" />
      {recentlySaved && !dirty && (
        <span className="saved-note" data-testid="save-status">
          <Icon name="check" size={13} /> Saved
        </span>
      )}
      <button
        type="button"
        className="btn btn-small btn-ghost"
        data-testid="format-button"
        disabled={!FORMATTABLE.test(path)}
        title={FORMATTABLE.test(path) ? 'Format document (Shift+Alt+F)' : 'No formatter for this file type (JavaScript, TypeScript and JSON have one)'}
        onClick={formatDocument}
      >
        <Icon name="format" size={14} /> Format
      </button>
      <button type="button" className="btn btn-small" data-testid="save-button" disabled={!dirty || saving} title={`Save (${MOD}S)`} onClick={() => void save()}>
        <Icon name="save" size={14} /> {saving ? 'Saving…' : 'Save'}
      </button>
    </div>
  );
}

function DiskChangedBar({ logicalId, path, deleted }: { logicalId: string; path: string; deleted: boolean }) {
  const { reloadFromDisk, keepMine, closeFile, setDirty } = useEditor.getState();
  return (
    <div className="disk-bar" role="alert" data-testid="disk-changed-bar">
      <Icon name="warning" size={14} />
      <span>{deleted ? `${path} was deleted on disk. Saving writes it again.` : `${path} changed on disk while you have unsaved edits.`}</span>
      <span className="spacer" />
      {deleted ? (
        <button type="button" className="btn btn-small" onClick={() => (setDirty(docKey(logicalId, path), false), closeFile(logicalId, path))}>
          Close
        </button>
      ) : (
        <button type="button" className="btn btn-small" data-testid="disk-reload" onClick={() => void reloadFromDisk(logicalId, path)}>
          Reload from disk
        </button>
      )}
      <button type="button" className="btn btn-small btn-ghost" data-testid="disk-keep" onClick={() => keepMine(logicalId, path)}>
        Keep mine
      </button>
    </div>
  );
}
