import { useEffect, useMemo, useState } from 'react';
import { client, errorFields, errorMessage } from '../../api/index.js';
import { registerSaveHandler } from '../../lib/save-handlers.js';
import { useTriggers } from '../../store/triggers.js';
import { Field } from '../common/field.js';
import { EMPTY_FORM, FORM_TYPES, checkEventForm, suggestedName, toEvent, type EventForm, type FormType, type WorkspaceResources } from './event-form-model.js';
import { ScheduleFields, SourceFields } from './event-fields.js';
import { FormError } from '../common/form-error.js';

interface Props {
  logicalId: string;
  type: FormType;
  /** Events keys this function already has. */
  takenNames: readonly string[];
  onClose(): void;
}

/** The queues, topics, buckets and tables of the workspace, read when a form opens. */
function useWorkspaceResources(): { res: WorkspaceResources | null; error?: string } {
  const [state, setState] = useState<{ res: WorkspaceResources | null; error?: string }>({ res: null });
  useEffect(() => {
    let live = true;
    Promise.all([client.call('queues.list'), client.call('topics.list'), client.call('buckets.list'), client.call('tables.list')])
      .then(([queues, topics, buckets, tables]) => live && setState({ res: { queues, topics, buckets, tables } }))
      .catch((e: unknown) => live && setState({ res: null, error: errorMessage(e) }));
    return () => void (live = false);
  }, []);
  return state;
}

/** One "Add trigger" form: validated as typed and by the host, then written into template.yaml. */
export function AddEventForm({ logicalId, type, takenNames, onClose }: Props) {
  const { res, error: resError } = useWorkspaceResources();
  const [form, setForm] = useState<EventForm>(EMPTY_FORM);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [hostErrors, setHostErrors] = useState<Record<string, string>>({});
  const [saveError, setSaveError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const addEvent = useTriggers((s) => s.addEvent);
  const label = FORM_TYPES.find((t) => t.type === type)!.label;

  // Preselect the only (or first) resource of the kind the form needs.
  useEffect(() => {
    if (!res) return;
    setForm((f) => ({
      ...f,
      queue: f.queue || (res.queues[0]?.logicalId ?? ''),
      topic: f.topic || (res.topics[0]?.logicalId ?? ''),
      bucket: f.bucket || (res.buckets[0]?.logicalId ?? ''),
      table: f.table || (res.tables.find((t) => t.streamViewType)?.logicalId ?? ''),
    }));
  }, [res]);

  const errors = useMemo(() => checkEventForm(type, form, res, takenNames), [type, form, res, takenNames]);
  const suggested = suggestedName(type, form);
  // A field's own error shows once it was typed in (or a save was tried); the host's at once.
  const err = (key: string) => hostErrors[key] ?? (touched[key] || submitted || key !== 'schedule' ? errors[key] : undefined);
  const valid = Object.keys(errors).length === 0;

  const set = <K extends keyof EventForm>(key: K, value: EventForm[K], field: string = key) => {
    setForm((f) => ({ ...f, [key]: value }));
    setTouched((t) => ({ ...t, [field]: true }));
    setHostErrors({});
    setSaveError(undefined);
  };

  const save = async () => {
    setSubmitted(true);
    if (!valid || saving) return;
    setSaving(true);
    try {
      await addEvent({ logicalId, eventName: form.eventName.trim() || suggested, event: toEvent(type, form) });
      onClose();
    } catch (e) {
      setHostErrors(errorFields(e));
      setSaveError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  useEffect(() => registerSaveHandler('triggers', () => void save()));

  return (
    <form className="add-http add-event" data-testid={`trigger-form-${type}`} onSubmit={(e) => (e.preventDefault(), void save())} noValidate>
      <h4 className="add-http-title">Add {label} trigger</h4>
      <FormError error={resError && `Could not read the workspace's resources: ${resError}`} />
      {type === 'schedule' ? <ScheduleFields form={form} set={set} err={err} /> : <SourceFields type={type} form={form} set={set} err={err} res={res} />}
      <Field label="Event name" htmlFor="event-form-name" name="eventName" error={err('eventName')} hint="The key under Events in template.yaml.">
        <input
          id="event-form-name"
          className="mono"
          data-testid="trigger-form-event-name"
          value={form.eventName}
          placeholder={suggested}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => set('eventName', e.target.value)}
        />
      </Field>
      <div className="form-actions">
        <FormError error={saveError} testId="trigger-form-error" />
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-small btn-primary" data-testid="trigger-form-save" disabled={saving || !valid}>
          {saving ? 'Saving…' : 'Save to template.yaml'}
        </button>
      </div>
    </form>
  );
}
