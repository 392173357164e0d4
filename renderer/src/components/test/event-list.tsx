import { useState } from 'react';
import { errorMessage } from '../../api/index.js';
import { useTest } from '../../store/test-events.js';
import { toastError } from '../../store/ui.js';
import { ConfirmDialog } from '../common/confirm-dialog.js';
import { Dialog } from '../common/dialog.js';
import { DialogFooter } from '../common/dialog-footer.js';
import { Field } from '../common/field.js';
import { Icon } from '../common/icons.js';

const EVENT_NAME = /^[\w .-]{1,100}$/;

/** Saved events of the workspace (events/), for one function's Test tab. */
export function EventList({ logicalId }: { logicalId: string }) {
  const events = useTest((s) => s.events);
  const selected = useTest((s) => s.drafts[logicalId]?.selected ?? null);
  const { selectEvent, deleteEvent } = useTest.getState();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);

  return (
    <div className="event-list">
      <div className="pane-header">
        <span>Saved events</span>
        <span className="spacer" />
        <button
          type="button"
          className="icon-button"
          title="New event"
          aria-label="New event"
          data-testid="event-new"
          onClick={() => useTest.setState((s) => ({ drafts: { ...s.drafts, [logicalId]: { selected: null, body: '{\n  \n}\n', name: '' } } }))}
        >
          <Icon name="plus" size={15} />
        </button>
      </div>
      {events.length === 0 && <p className="pane-empty">None yet. Write an event, give it a name and save it.</p>}
      <ul>
        {events.map((e) => (
          <li key={e.name}>
            <div
              className={`list-row ${selected === e.name ? 'is-active' : ''}`}
              data-testid={`saved-event-${e.name}`}
              role="button"
              tabIndex={0}
              onClick={() => selectEvent(logicalId, e.name)}
              onKeyDown={(k) => k.key === 'Enter' && selectEvent(logicalId, e.name)}
            >
              <Icon name="file" size={13} />
              <span className="list-row-name">{e.name}</span>
              <span className="row-actions">
                <button
                  type="button"
                  className="icon-button"
                  title="Rename"
                  aria-label={`Rename ${e.name}`}
                  data-testid={`event-rename-${e.name}`}
                  onClick={(x) => (x.stopPropagation(), setRenaming(e.name))}
                >
                  <Icon name="edit" size={13} />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  title="Delete"
                  aria-label={`Delete ${e.name}`}
                  data-testid={`event-delete-${e.name}`}
                  onClick={(x) => (x.stopPropagation(), setDeleting(e.name))}
                >
                  <Icon name="trash" size={13} />
                </button>
              </span>
            </div>
          </li>
        ))}
      </ul>
      {renaming && <RenameEventDialog name={renaming} onClose={() => setRenaming(null)} />}
      {deleting && (
        <ConfirmDialog
          title={`Delete event "${deleting}"?`}
          testId="event-delete-dialog"
          onClose={() => setDeleting(null)}
          onConfirm={() => (deleteEvent(deleting).catch(toastError), setDeleting(null))}
          confirmLabel="Delete"
          confirmTestId="event-delete-confirm"
        >
          <p>Its file in events/ is deleted.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function RenameEventDialog({ name, onClose }: { name: string; onClose(): void }) {
  const events = useTest((s) => s.events);
  const [value, setValue] = useState(name);
  const [error, setError] = useState<string>();
  const problem = !EVENT_NAME.test(value)
    ? 'Letters, digits, spaces, dots, dashes and underscores only'
    : value !== name && events.some((e) => e.name === value)
      ? `An event named "${value}" exists`
      : undefined;
  const submit = async () => {
    if (problem || value === name) return;
    try {
      await useTest.getState().renameEvent(name, value);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Dialog
      title={`Rename event "${name}"`}
      onClose={onClose}
      footer={<DialogFooter onCancel={onClose} onSubmit={() => void submit()} submitLabel="Rename" submitTestId="event-rename-confirm" disabled={!!problem || value === name} />}
    >
      <form onSubmit={(e) => (e.preventDefault(), void submit())}>
        <Field label="New name" htmlFor="event-rename-input" name="eventName" error={problem ?? error}>
          <input id="event-rename-input" data-testid="event-rename-input" value={value} onChange={(e) => (setValue(e.target.value), setError(undefined))} />
        </Field>
      </form>
    </Dialog>
  );
}
