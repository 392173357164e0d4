import { useState } from 'react';
import type { Input } from '../../../../shared/api/contract.js';
import { useTest } from '../../store/test-events.js';
import { useUi } from '../../store/ui.js';
import { selectFunction, selectFunctions, useWorkspace } from '../../store/workspace.js';
import { ConfirmDialog } from '../common/confirm-dialog.js';
import { Dialog } from '../common/dialog.js';
import { DialogFooter } from '../common/dialog-footer.js';
import { Field } from '../common/field.js';
import { FormError } from '../common/form-error.js';
import { useDialogAction } from '../common/use-dialog-action.js';

type FunctionTemplate = Input<'functions.create'>['template'];

/**
 * One label per template of the contract: a Record over the contract's union, so adding a
 * template there fails type-checking here until it has a label. (Importing the contract's
 * values would pull zod into the renderer's first chunk.)
 */
const TEMPLATE_LABELS: Record<FunctionTemplate, string> = {
  nodejs: 'Node.js — async handler (nodejs20.x)',
  python: 'Python — handler with logging (python3.12)',
  'provided-shell': 'Custom runtime — shell bootstrap (provided.al2023)',
};
const FUNCTION_TEMPLATES = Object.keys(TEMPLATE_LABELS) as FunctionTemplate[];

/** The same rule as the contract's LogicalId, with a message per way of breaking it. */
function checkLogicalId(id: string, taken: string[], current?: string): string | undefined {
  if (!id) return 'Give the function a logical id, e.g. OrdersFunction';
  if (!/^[A-Za-z0-9]+$/.test(id)) return 'A logical id has letters and digits only (no spaces, dashes or underscores)';
  if (id.length > 255) return 'A logical id has at most 255 characters';
  if (id !== current && taken.includes(id)) return `${id} already exists in template.yaml`;
  return undefined;
}

export function NewFunctionDialog() {
  const close = useUi((s) => s.closeDialog);
  const functions = useWorkspace(selectFunctions);
  const createFunction = useWorkspace((s) => s.createFunction);
  const setTab = useUi((s) => s.setTab);
  const [id, setId] = useState('');
  const [template, setTemplate] = useState<FunctionTemplate>('nodejs');
  const [touched, setTouched] = useState(false);
  const { busy, error: hostError, setError: setHostError, run } = useDialogAction();
  const error = checkLogicalId(
    id,
    functions.map((f) => f.logicalId),
  );

  const submit = async () => {
    setTouched(true);
    if (error) return;
    await run(async () => {
      const fn = await createFunction(id, template);
      setTab(fn.logicalId, 'code');
    });
  };

  return (
    <Dialog
      title="New function"
      testId="new-function-dialog"
      onClose={close}
      footer={
        <DialogFooter onCancel={close} onSubmit={() => void submit()} submitLabel={busy ? 'Creating…' : 'Create function'} submitTestId="new-function-create" disabled={busy || (touched && !!error)} />
      }
    >
      <form onSubmit={(e) => (e.preventDefault(), void submit())}>
        <Field label="Logical id" htmlFor="new-function-id" name="logicalId" error={touched ? error : undefined} hint="The resource name in template.yaml. The code goes to functions/<name>/.">
          <input
            id="new-function-id"
            data-testid="new-function-id"
            value={id}
            placeholder="OrdersFunction"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => {
              setId(e.target.value);
              setTouched(true);
              setHostError(undefined);
            }}
          />
        </Field>
        <Field label="Template" htmlFor="new-function-template" name="template">
          <select id="new-function-template" data-testid="new-function-template" value={template} onChange={(e) => setTemplate(e.target.value as typeof template)}>
            {FUNCTION_TEMPLATES.map((t) => (
              <option key={t} value={t}>
                {TEMPLATE_LABELS[t]}
              </option>
            ))}
          </select>
        </Field>
        <FormError error={hostError} />
      </form>
    </Dialog>
  );
}

export function RenameFunctionDialog({ logicalId }: { logicalId: string }) {
  const close = useUi((s) => s.closeDialog);
  const functions = useWorkspace(selectFunctions);
  const rename = useWorkspace((s) => s.renameFunction);
  const [id, setId] = useState(logicalId);
  const { busy, error: hostError, setError: setHostError, run } = useDialogAction();
  const error = checkLogicalId(
    id,
    functions.map((f) => f.logicalId),
    logicalId,
  );
  const unchanged = id === logicalId;

  const submit = async () => {
    if (error || unchanged) return;
    await run(async () => {
      await rename(logicalId, id);
      useTest.getState().forgetFunction(logicalId);
    });
  };

  return (
    <Dialog
      title={`Rename ${logicalId}`}
      testId="rename-function-dialog"
      onClose={close}
      footer={<DialogFooter onCancel={close} onSubmit={() => void submit()} submitLabel="Rename" submitTestId="rename-function-confirm" disabled={!!error || unchanged || busy} />}
    >
      <form onSubmit={(e) => (e.preventDefault(), void submit())}>
        <Field label="New logical id" htmlFor="rename-function-id" name="newLogicalId" error={error} hint="Renames the resource in template.yaml. Letters and digits only.">
          <input id="rename-function-id" data-testid="rename-function-id" value={id} spellCheck={false} onChange={(e) => (setId(e.target.value), setHostError(undefined))} />
        </Field>
        <FormError error={hostError} />
      </form>
    </Dialog>
  );
}

export function DeleteFunctionDialog({ logicalId }: { logicalId: string }) {
  const close = useUi((s) => s.closeDialog);
  const fn = useWorkspace(selectFunction(logicalId));
  const remove = useWorkspace((s) => s.deleteFunction);
  const [deleteCode, setDeleteCode] = useState(false);
  const { busy, error: hostError, run } = useDialogAction();

  const submit = () =>
    run(async () => {
      await remove(logicalId, deleteCode);
      useTest.getState().forgetFunction(logicalId);
    });

  return (
    <ConfirmDialog
      title={`Delete ${logicalId}?`}
      testId="delete-function-dialog"
      onClose={close}
      onConfirm={() => void submit()}
      confirmLabel={deleteCode ? 'Delete function and code' : 'Delete function'}
      confirmTestId="delete-function-confirm"
      busy={busy}
    >
      <p>
        This removes <strong>{logicalId}</strong> from template.yaml.
      </p>
      <label className="checkbox">
        <input type="checkbox" data-testid="delete-function-code" checked={deleteCode} onChange={(e) => setDeleteCode(e.target.checked)} />
        <span>
          Also delete the code folder <code>{fn?.codeDir ?? ''}</code>
        </span>
      </label>
      {deleteCode && <p className="note note-danger">The folder and everything in it are deleted from disk. This cannot be undone from faaslab.</p>}
      <FormError error={hostError} />
    </ConfirmDialog>
  );
}
