import { useEffect, useMemo, useState } from 'react';
import type { FileEntry } from '../../../../shared/api/schemas.js';
import { errorMessage } from '../../api/index.js';
import { docKey, useEditor } from '../../store/editor.js';
import { toastError } from '../../store/ui.js';
import { ConfirmDialog } from '../common/confirm-dialog.js';
import { Icon } from '../common/icons.js';
import { buildTree, checkEntryName, type TreeNode } from './file-tree-model.js';

type Editing = { mode: 'create'; kind: 'file' | 'dir'; parent: string } | { mode: 'rename'; path: string } | null;

export function FileTree({ logicalId }: { logicalId: string }) {
  const entries = useEditor((s) => s.files[logicalId]);
  const error = useEditor((s) => s.filesError[logicalId]);
  const active = useEditor((s) => s.active[logicalId]);
  const { openFile, createEntry, renameEntry, deleteEntry } = useEditor.getState();
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set(['node_modules']));
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const tree = useMemo(() => buildTree(entries ?? []), [entries]);

  useEffect(() => setEditing(null), [logicalId]);

  const parentOfActive = active?.includes('/') ? active.slice(0, active.lastIndexOf('/')) : '';
  const commit = async (value: string) => {
    if (!editing) return;
    try {
      if (editing.mode === 'create') await createEntry(logicalId, editing.parent ? `${editing.parent}/${value}` : value, editing.kind);
      else await renameEntry(logicalId, editing.path, value);
      setEditing(null);
    } catch (e) {
      toastError(e);
    }
  };

  const renderNode = (node: TreeNode, depth: number) => {
    const isDir = node.kind === 'dir';
    const open = isDir && !collapsed.has(node.path);
    if (editing?.mode === 'rename' && editing.path === node.path) {
      return <NameInput key={node.path} depth={depth} initial={node.path} entries={entries ?? []} except={node.path} onCommit={commit} onCancel={() => setEditing(null)} />;
    }
    return (
      <li key={node.path}>
        <FileRow
          logicalId={logicalId}
          node={node}
          depth={depth}
          open={open}
          active={active === node.path}
          onClick={() => {
            if (!isDir) void openFile(logicalId, node.path);
            else setCollapsed((c) => toggled(c, node.path));
          }}
          onRename={() => setEditing({ mode: 'rename', path: node.path })}
          onDelete={() => setDeleting(node.path)}
        />
        {open && (
          <ul>
            {editing?.mode === 'create' && editing.parent === node.path && (
              <NameInput depth={depth + 1} initial="" entries={entries ?? []} onCommit={(v) => commit(v)} onCancel={() => setEditing(null)} />
            )}
            {node.children.map((child) => renderNode(child, depth + 1))}
          </ul>
        )}
      </li>
    );
  };

  return (
    <div className="file-tree" data-testid="file-tree">
      <div className="pane-header">
        <span>Files</span>
        <span className="spacer" />
        <button
          type="button"
          className="icon-button"
          title="New file"
          aria-label="New file"
          data-testid="file-new"
          onClick={() => setEditing({ mode: 'create', kind: 'file', parent: parentOfActive })}
        >
          <Icon name="filePlus" size={15} />
        </button>
        <button
          type="button"
          className="icon-button"
          title="New folder"
          aria-label="New folder"
          data-testid="file-new-folder"
          onClick={() => setEditing({ mode: 'create', kind: 'dir', parent: parentOfActive })}
        >
          <Icon name="folderPlus" size={15} />
        </button>
        <button type="button" className="icon-button" title="Refresh" aria-label="Refresh files" onClick={() => void useEditor.getState().loadFiles(logicalId)}>
          <Icon name="refresh" size={14} />
        </button>
      </div>
      {error && <p className="pane-error">{error}</p>}
      {!entries && !error && <p className="pane-empty">Loading…</p>}
      <ul className="tree-list" role="tree">
        {editing?.mode === 'create' && editing.parent === '' && <NameInput depth={0} initial="" entries={entries ?? []} onCommit={commit} onCancel={() => setEditing(null)} />}
        {tree.map((n) => renderNode(n, 0))}
      </ul>
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting}?`}
          testId="file-delete-dialog"
          onClose={() => setDeleting(null)}
          onConfirm={() => {
            const path = deleting;
            setDeleting(null);
            deleteEntry(logicalId, path).catch((e) => toastError(new Error(`Could not delete ${path}: ${errorMessage(e)}`)));
          }}
          confirmLabel="Delete"
          confirmTestId="file-delete-confirm"
        >
          <p>
            <code>{deleting}</code> is deleted from the function's code folder on disk.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function toggled(set: Set<string>, path: string): Set<string> {
  const next = new Set(set);
  if (next.has(path)) next.delete(path);
  else next.add(path);
  return next;
}

interface FileRowProps {
  logicalId: string;
  node: TreeNode;
  depth: number;
  open: boolean;
  active: boolean;
  onClick(): void;
  onRename(): void;
  onDelete(): void;
}

function FileRow({ logicalId, node, depth, open, active, onClick, onRename, onDelete }: FileRowProps) {
  const dirty = useEditor((s) => s.docs[docKey(logicalId, node.path)]?.dirty ?? false);
  const isDir = node.kind === 'dir';
  return (
    <div
      className={`tree-row ${active ? 'is-active' : ''}`}
      style={{ paddingLeft: 8 + depth * 14 }}
      role="treeitem"
      aria-expanded={isDir ? open : undefined}
      aria-selected={active}
      tabIndex={0}
      data-testid={`file-item-${node.path}`}
      title={node.path}
      onClick={onClick}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onClick();
        if (e.key === 'F2') onRename();
        if (e.key === 'Delete') onDelete();
      }}
    >
      {isDir ? <Icon name={open ? 'chevronDown' : 'chevronRight'} size={12} className="tree-twisty" /> : <span className="tree-twisty" />}
      <Icon name={isDir ? 'folder' : 'file'} size={14} className={isDir ? 'tree-icon-dir' : 'tree-icon-file'} />
      <span className="tree-name">{node.name}</span>
      {dirty && <span className="dot dot-dirty" data-testid={`file-dirty-${node.path}`} title="Unsaved changes" />}
      <span className="tree-actions">
        <button
          type="button"
          className="icon-button"
          title="Rename (F2)"
          aria-label={`Rename ${node.path}`}
          data-testid={`file-rename-${node.path}`}
          onClick={(e) => (e.stopPropagation(), onRename())}
        >
          <Icon name="edit" size={13} />
        </button>
        <button type="button" className="icon-button" title="Delete" aria-label={`Delete ${node.path}`} data-testid={`file-delete-${node.path}`} onClick={(e) => (e.stopPropagation(), onDelete())}>
          <Icon name="trash" size={13} />
        </button>
      </span>
    </div>
  );
}

interface NameInputProps {
  depth: number;
  initial: string;
  entries: FileEntry[];
  except?: string;
  onCommit(value: string): Promise<void> | void;
  onCancel(): void;
}

function NameInput({ depth, initial, entries, except, onCommit, onCancel }: NameInputProps) {
  const [value, setValue] = useState(initial);
  const error = value === initial && initial ? undefined : checkEntryName(value, entries, except);
  return (
    <li className="tree-input" style={{ paddingLeft: 8 + depth * 14 }}>
      <input
        autoFocus
        data-testid="file-name-input"
        value={value}
        spellCheck={false}
        aria-invalid={!!error && !!value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
          if (e.key === 'Enter' && !error) {
            if (value === initial) onCancel();
            else void onCommit(value.trim());
          }
        }}
        onBlur={() => onCancel()}
      />
      {error && value && <p className="field-error">{error}</p>}
    </li>
  );
}
