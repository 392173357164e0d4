import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FunctionSettings, FunctionSummary } from '../../../../shared/api/schemas.js';
import { LOG_LEVELS } from '../../../../shared/domain/function-config.js';
import { invocationCost } from '../../../../shared/lambda/billing.js';
import { LIMITS } from '../../../../shared/lambda/limits.js';
import { SUPPORTED_RUNTIMES } from '../../../../shared/lambda/runtimes.js';
import { client, errorFields, errorMessage } from '../../api/index.js';
import { formatUsd } from '../../lib/format.js';
import { Field } from '../common/field.js';
import { Icon } from '../common/icons.js';
import { useRecently } from '../../lib/use-recently.js';
import { MOD } from '../../lib/platform.js';
import { changedSettings, parseForm, toForm, type ConfigForm } from './config-form.js';
import { registerSaveHandler } from '../../lib/save-handlers.js';
import { peekDraft, useKeepDraft } from '../../store/drafts.js';

const n = (x: number) => x.toLocaleString('en-US');

export function ConfigTab({ fn }: { fn: FunctionSummary }) {
  const { logicalId } = fn;
  const [restored] = useState(() => peekDraft<{ loaded: FunctionSettings; form: ConfigForm }>(`config:${logicalId}`));
  const [loaded, setLoaded] = useState<FunctionSettings | undefined>(restored?.loaded);
  const [form, setForm] = useState<ConfigForm | undefined>(restored?.form);
  const [loadError, setLoadError] = useState<string>();
  const [hostErrors, setHostErrors] = useState<Record<string, string>>({});
  const [saveError, setSaveError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<number>();
  const saved = useRecently(savedAt, 2500);

  const { settings, errors } = useMemo(() => (form ? parseForm(form) : { settings: undefined, errors: {} }), [form]);
  const changes = useMemo(() => (loaded && settings ? changedSettings(loaded, settings) : {}), [loaded, settings]);
  const dirty = !!loaded && !!form && JSON.stringify(toForm(loaded)) !== JSON.stringify(form);
  // Unsaved edits survive a look at another tab or function.
  useKeepDraft(`config:${logicalId}`, dirty ? { loaded, form } : undefined);

  const load = useCallback(async () => {
    try {
      const s = await client.call('config.get', { logicalId });
      setLoaded(s);
      setForm(toForm(s));
      setLoadError(undefined);
    } catch (e) {
      setLoadError(errorMessage(e));
    }
  }, [logicalId]);

  // The summary changes when template.yaml does (here or on disk): pick that up unless editing.
  useEffect(() => {
    if (!dirty) void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [load, fn]);

  const save = useCallback(async () => {
    if (!settings || !loaded || saving) return;
    if (!Object.keys(changes).length) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      const next = await client.call('config.update', { logicalId, settings: changes });
      setLoaded(next);
      setForm(toForm(next));
      setHostErrors({});
      setSavedAt(Date.now());
    } catch (e) {
      setHostErrors(errorFields(e));
      setSaveError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }, [settings, loaded, saving, changes, logicalId]);

  useEffect(() => registerSaveHandler('config', () => void save()), [save]);

  if (loadError) return <div className="tab-message error">Could not read the configuration: {loadError}</div>;
  if (!form) return <div className="tab-message">Loading configuration…</div>;

  const set = <K extends keyof ConfigForm>(key: K, value: ConfigForm[K]) => {
    setForm({ ...form, [key]: value });
    if (hostErrors[key]) setHostErrors(({ [key]: _, ...rest }) => rest);
  };
  const err = (key: string) => errors[key] ?? hostErrors[key];
  const json = form.logFormat === 'JSON';
  const memory = settings?.memorySizeMb ?? loaded?.memorySizeMb ?? 128;
  const perMillion = invocationCost(memory, 100, form.architecture) * 1_000_000;
  const runtimes = SUPPORTED_RUNTIMES.includes(form.runtime) ? SUPPORTED_RUNTIMES : [form.runtime, ...SUPPORTED_RUNTIMES];

  return (
    <form className="config-tab tab-scroll" onSubmit={(e) => (e.preventDefault(), void save())} noValidate>
      <div className="form-grid">
        <section className="card">
          <h3 className="card-title">Runtime settings</h3>
          <Field
            label="Handler"
            htmlFor="config-handler"
            name="handler"
            error={err('handler')}
            hint={fn.runtime.startsWith('provided') ? 'Passed to your bootstrap as _HANDLER.' : 'file.export — e.g. index.handler runs exports.handler of index.js.'}
          >
            <input id="config-handler" data-testid="config-handler" value={form.handler} spellCheck={false} onChange={(e) => set('handler', e.target.value)} />
          </Field>
          <Field label="Runtime" htmlFor="config-runtime" name="runtime" error={err('runtime')}>
            <select id="config-runtime" data-testid="config-runtime" value={form.runtime} onChange={(e) => set('runtime', e.target.value)}>
              {runtimes.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </Field>
          <div className="field">
            <span className="label">Architecture</span>
            <div className="segmented" role="radiogroup" aria-label="Architecture" data-testid="config-architecture">
              {(['x86_64', 'arm64'] as const).map((a) => (
                <button
                  key={a}
                  type="button"
                  role="radio"
                  aria-checked={form.architecture === a}
                  className={form.architecture === a ? 'is-active' : ''}
                  data-testid={`config-architecture-${a}`}
                  onClick={() => set('architecture', a)}
                >
                  {a}
                </button>
              ))}
            </div>
            <p className="field-hint">Runs on this machine's CPU either way; arm64 is priced about 20% lower on Lambda.</p>
          </div>
        </section>

        <section className="card">
          <h3 className="card-title">Resources</h3>
          <NumberField
            id="config-memory"
            name="memorySizeMb"
            label="Memory"
            unit="MB"
            value={form.memorySizeMb}
            error={err('memorySizeMb')}
            onChange={(v) => set('memorySizeMb', v)}
            step={64}
            hint={`${n(LIMITS.memoryMb.min)}–${n(LIMITS.memoryMb.max)} MB. 1M invocations of 100 ms ≈ ${formatUsd(perMillion)} (estimate).`}
          />
          <NumberField
            id="config-timeout"
            name="timeoutSeconds"
            label="Timeout"
            unit="seconds"
            value={form.timeoutSeconds}
            error={err('timeoutSeconds')}
            onChange={(v) => set('timeoutSeconds', v)}
            hint={`${LIMITS.timeoutSeconds.min}–${LIMITS.timeoutSeconds.max} seconds (15 minutes).`}
          />
          <NumberField
            id="config-ephemeral"
            name="ephemeralStorageMb"
            label="Ephemeral storage (/tmp)"
            unit="MB"
            value={form.ephemeralStorageMb}
            error={err('ephemeralStorageMb')}
            onChange={(v) => set('ephemeralStorageMb', v)}
            hint={`${n(LIMITS.ephemeralStorageMb.min)}–${n(LIMITS.ephemeralStorageMb.max)} MB.`}
          />
          <NumberField
            id="config-reserved"
            name="reservedConcurrency"
            label="Reserved concurrency"
            unit="environments"
            value={form.reservedConcurrency}
            error={err('reservedConcurrency')}
            onChange={(v) => set('reservedConcurrency', v)}
            placeholder="Unreserved"
            hint={`Empty: unreserved (shares the account's ${n(LIMITS.accountConcurrency)}). 0 throttles every invocation.`}
          />
        </section>

        <section className="card">
          <h3 className="card-title">Logging</h3>
          <Field label="Log format" htmlFor="config-log-format" name="logFormat" error={err('logFormat')}>
            <select id="config-log-format" data-testid="config-log-format" value={form.logFormat} onChange={(e) => set('logFormat', e.target.value as ConfigForm['logFormat'])}>
              <option value="Text">Text</option>
              <option value="JSON">JSON</option>
            </select>
          </Field>
          <Field
            label="Application log level"
            htmlFor="config-app-log-level"
            name="applicationLogLevel"
            error={err('applicationLogLevel')}
            hint={json ? 'Lines below this level are dropped.' : 'Lambda ignores log levels with the Text format: switch to JSON to filter.'}
          >
            <select id="config-app-log-level" data-testid="config-app-log-level" value={form.applicationLogLevel} disabled={!json} onChange={(e) => set('applicationLogLevel', e.target.value)}>
              <option value="">Default (INFO)</option>
              {LOG_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label="System log level"
            htmlFor="config-system-log-level"
            name="systemLogLevel"
            error={err('systemLogLevel')}
            hint={json ? 'Filters the platform lines (START, END, REPORT).' : 'Also needs the JSON format.'}
          >
            <select id="config-system-log-level" data-testid="config-system-log-level" value={form.systemLogLevel} disabled={!json} onChange={(e) => set('systemLogLevel', e.target.value)}>
              <option value="">Default (INFO)</option>
              {(['DEBUG', 'INFO', 'WARN'] as const).map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </Field>
        </section>
      </div>

      <div className="form-actions sticky-actions">
        {saveError && (
          <p className="form-error" role="alert" data-testid="config-save-error">
            {saveError}
          </p>
        )}
        {saved && !dirty && (
          <span className="saved-note" data-testid="config-saved">
            <Icon name="check" size={14} /> Saved to template.yaml
          </span>
        )}
        {!saveError && Object.keys(errors).length > 0 && (
          <span className="form-error" data-testid="config-invalid-count">
            {Object.keys(errors).length === 1 ? 'Fix the highlighted field to save' : `Fix the ${Object.keys(errors).length} highlighted fields to save`}
          </span>
        )}
        <span className="spacer" />
        <button type="button" className="btn" data-testid="config-revert" disabled={!dirty || saving} onClick={() => loaded && (setForm(toForm(loaded)), setHostErrors({}), setSaveError(undefined))}>
          Revert
        </button>
        <button type="submit" className="btn btn-primary" data-testid="config-save" disabled={!dirty || !settings || saving} title={`Save (${MOD}S)`}>
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

interface NumberFieldProps {
  id: string;
  name: string;
  label: string;
  unit: string;
  value: string;
  error?: string;
  hint?: string;
  placeholder?: string;
  step?: number;
  onChange(value: string): void;
}

function NumberField({ id, name, label, unit, value, error, hint, placeholder, step = 1, onChange }: NumberFieldProps) {
  return (
    <Field label={label} htmlFor={id} name={name} error={error} hint={hint}>
      <div className="input-unit">
        <input
          id={id}
          data-testid={id}
          type="text"
          inputMode="numeric"
          value={value}
          placeholder={placeholder}
          aria-invalid={!!error}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
            const current = Number(value) || 0;
            e.preventDefault();
            onChange(String(Math.max(0, current + (e.key === 'ArrowUp' ? step : -step))));
          }}
        />
        <span className="unit">{unit}</span>
      </div>
    </Field>
  );
}
