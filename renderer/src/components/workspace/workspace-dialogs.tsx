import { useState } from 'react';
import type { Input } from '../../../../shared/api/contract.js';
import { nativeFolderPicker } from '../../api/index.js';
import { baseName } from '../../lib/format.js';
import { useUi } from '../../store/ui.js';
import { useWorkspace } from '../../store/workspace.js';
import { Dialog } from '../common/dialog.js';
import { DialogFooter } from '../common/dialog-footer.js';
import { Field } from '../common/field.js';
import { useDialogAction } from '../common/use-dialog-action.js';

/** Browser mode has no native folder dialog: the user types (or picks a recent) path. */
export function OpenWorkspaceDialog() {
  const close = useUi((s) => s.closeDialog);
  const recent = useWorkspace((s) => s.recent);
  const current = useWorkspace((s) => s.info?.dir);
  const open = useWorkspace((s) => s.open);
  const [dir, setDir] = useState('');
  const { busy, error, setError, run } = useDialogAction();

  const submit = async (path = dir) => {
    if (!path.trim()) return;
    await run(() => open(path.trim()));
  };

  return (
    <Dialog
      title="Open workspace"
      testId="open-workspace-dialog"
      onClose={close}
      width={520}
      footer={<DialogFooter onCancel={close} onSubmit={() => void submit()} submitLabel={busy ? 'Opening…' : 'Open'} submitTestId="workspace-open-submit" disabled={!dir.trim() || busy} />}
    >
      <form onSubmit={(e) => (e.preventDefault(), void submit())}>
        <Field label="Folder with a template.yaml" htmlFor="workspace-path" name="dir" error={error} hint="A path on the machine running the faaslab host.">
          <input
            id="workspace-path"
            data-testid="workspace-path"
            value={dir}
            aria-invalid={!!error}
            placeholder="/home/me/projects/orders"
            spellCheck={false}
            onChange={(e) => (setDir(e.target.value), setError(undefined))}
          />
        </Field>
      </form>
      {recent.length > 0 && (
        <>
          <h3 className="dialog-subtitle">Recent</h3>
          <ul className="recent-list">
            {recent.map((r) => (
              <li key={r}>
                <button type="button" className="recent-item" title={r} disabled={r === current || busy} onClick={() => void submit(r)}>
                  <span className="recent-name">
                    {baseName(r)}
                    {r === current && <span className="recent-current">open now</span>}
                  </span>
                  <span className="recent-path">{r}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  );
}

type WorkspaceTemplate = Input<'workspace.create'>['template'];

/** A Record over the contract's union: a new template there needs a label here (see function-dialogs). */
const TEMPLATE_LABELS: Record<WorkspaceTemplate, string> = {
  'hello-nodejs': 'Hello world — one Node.js function and a test event',
  empty: 'Empty — a template.yaml with no functions',
};
const WORKSPACE_TEMPLATES = Object.keys(TEMPLATE_LABELS) as WorkspaceTemplate[];

export function CreateWorkspaceDialog() {
  const close = useUi((s) => s.closeDialog);
  const create = useWorkspace((s) => s.create);
  const [dir, setDir] = useState('');
  const [template, setTemplate] = useState<WorkspaceTemplate>('hello-nodejs');
  const { busy, error, setError, run } = useDialogAction();
  const pick = nativeFolderPicker();

  const submit = async () => {
    if (!dir.trim()) return;
    await run(() => create(dir.trim(), template));
  };

  return (
    <Dialog
      title="New workspace"
      testId="create-workspace-dialog"
      onClose={close}
      width={520}
      footer={
        <DialogFooter onCancel={close} onSubmit={() => void submit()} submitLabel={busy ? 'Creating…' : 'Create and open'} submitTestId="workspace-create-submit" disabled={!dir.trim() || busy} />
      }
    >
      <form onSubmit={(e) => (e.preventDefault(), void submit())}>
        <Field label="Folder" htmlFor="workspace-create-path" name="dir" error={error} hint="A new or empty folder; faaslab writes a SAM template.yaml into it.">
          <div className="input-row">
            <input
              id="workspace-create-path"
              data-testid="workspace-create-path"
              value={dir}
              aria-invalid={!!error}
              placeholder="/home/me/projects/new-app"
              spellCheck={false}
              onChange={(e) => (setDir(e.target.value), setError(undefined))}
            />
            {pick && (
              <button type="button" className="btn" onClick={() => void pick().then((d) => d && setDir(d))}>
                Browse…
              </button>
            )}
          </div>
        </Field>
        <Field label="Template" htmlFor="workspace-template" name="template">
          <select id="workspace-template" data-testid="workspace-template" value={template} onChange={(e) => setTemplate(e.target.value as typeof template)}>
            {WORKSPACE_TEMPLATES.map((t) => (
              <option key={t} value={t}>
                {TEMPLATE_LABELS[t]}
              </option>
            ))}
          </select>
        </Field>
      </form>
    </Dialog>
  );
}
