import { useEffect, useMemo, useState } from 'react';
import { errorFields, errorMessage } from '../../api/index.js';
import { registerSaveHandler } from '../../lib/save-handlers.js';
import { useTriggers, type HttpEndpoint } from '../../store/triggers.js';
import { Field } from '../common/field.js';
import { Icon } from '../common/icons.js';
import { ROUTE_METHODS, checkHttpForm, defaultEventName, type HttpForm } from './trigger-model.js';
import { FormError } from '../common/form-error.js';

const EMPTY: HttpForm = { api: 'http', method: 'GET', path: '', eventName: '' };

interface Props {
  logicalId: string;
  endpoints: readonly HttpEndpoint[];
  /** Events keys this function already has (routes and schedules). */
  takenNames: readonly string[];
  /** Opens the form each time it changes (the Add trigger menu's HTTP item). */
  openSignal?: number;
}

/** "Add HTTP trigger": validated as typed and by the host, then written into template.yaml. */
export function AddHttpTrigger({ logicalId, endpoints, takenNames, openSignal }: Props) {
  const [open, setOpen] = useState(false);
  useEffect(() => void (openSignal && setOpen(true)), [openSignal]);
  const [form, setForm] = useState<HttpForm>(EMPTY);
  const [touched, setTouched] = useState(false);
  const [hostErrors, setHostErrors] = useState<Record<string, string>>({});
  const [saveError, setSaveError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const addHttp = useTriggers((s) => s.addHttp);

  const errors = useMemo(() => checkHttpForm(form, endpoints, takenNames), [form, endpoints, takenNames]);
  const path = form.path.trim();
  const suggested = path ? defaultEventName(form.method, path) : 'GetItem';
  // An empty path is only an error once the user typed something or tried to save.
  const err = (key: string) => (key === 'path' && !path && !touched ? undefined : (errors[key] ?? hostErrors[key]));
  const valid = Object.keys(errors).length === 0;

  const set = <K extends keyof HttpForm>(key: K, value: HttpForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setHostErrors({});
    setSaveError(undefined);
  };

  const close = () => {
    setOpen(false);
    setForm(EMPTY);
    setTouched(false);
    setHostErrors({});
    setSaveError(undefined);
  };

  const save = async () => {
    setTouched(true);
    if (!valid || saving) return;
    setSaving(true);
    try {
      await addHttp({ logicalId, api: form.api, method: form.method, path, eventName: form.eventName.trim() || suggested });
      close();
    } catch (e) {
      const fields = errorFields(e);
      setHostErrors(fields);
      // A field message alone is terse ("already a route"): the whole message goes below.
      setSaveError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  // Ctrl/Cmd+S saves the open form, as on the other tabs.
  useEffect(() => (open ? registerSaveHandler('triggers', () => void save()) : undefined));

  if (!open) {
    return (
      <button type="button" className="btn btn-small" data-testid="trigger-add-http" onClick={() => setOpen(true)}>
        <Icon name="plus" size={13} /> Add HTTP trigger
      </button>
    );
  }

  return (
    <form className="add-http" data-testid="trigger-add-form" onSubmit={(e) => (e.preventDefault(), void save())} noValidate>
      <h4 className="add-http-title">Add HTTP trigger</h4>
      <div className="add-http-grid">
        <Field label="API" htmlFor="trigger-api" name="api" error={err('api')}>
          <select id="trigger-api" data-testid="trigger-api" value={form.api} onChange={(e) => set('api', e.target.value as HttpForm['api'])}>
            <option value="http">HTTP API (payload 2.0)</option>
            <option value="rest">REST API (payload 1.0)</option>
          </select>
        </Field>
        <Field label="Method" htmlFor="trigger-method" name="method" error={err('method')}>
          <select id="trigger-method" data-testid="trigger-method" value={form.method} onChange={(e) => set('method', e.target.value as HttpForm['method'])}>
            {ROUTE_METHODS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label="Path"
          htmlFor="trigger-path"
          name="path"
          error={err('path')}
          hint={
            form.api === 'http' ? (
              <>
                /items/{'{id}'}, /{'{proxy+}'} (last segment only), or $default for every other request
              </>
            ) : (
              <>
                /items/{'{id}'}, or /{'{proxy+}'} as the last segment
              </>
            )
          }
        >
          <input
            id="trigger-path"
            className="mono"
            data-testid="trigger-path"
            value={form.path}
            placeholder="/items/{id}"
            spellCheck={false}
            autoComplete="off"
            autoFocus
            aria-invalid={!!err('path')}
            onChange={(e) => (set('path', e.target.value), setTouched(true))}
          />
        </Field>
        <Field label="Event name" htmlFor="trigger-event-name" name="eventName" error={err('eventName')} hint="The key under Events in template.yaml.">
          <input
            id="trigger-event-name"
            className="mono"
            data-testid="trigger-event-name"
            value={form.eventName}
            placeholder={suggested}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={!!err('eventName')}
            onChange={(e) => set('eventName', e.target.value)}
          />
        </Field>
      </div>
      <div className="form-actions">
        <FormError error={saveError} testId="trigger-save-error" />
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={close}>
          Cancel
        </button>
        <button type="submit" className="btn btn-small btn-primary" data-testid="trigger-save" disabled={saving || (touched && !valid) || !path}>
          {saving ? 'Saving…' : 'Save to template.yaml'}
        </button>
      </div>
    </form>
  );
}
