import type { FunctionSummary } from '../../../../shared/api/schemas.js';
import { LOG_LEVELS } from '../../../../shared/domain/function-config.js';
import { invocationCost } from '../../../../shared/lambda/billing.js';
import { LIMITS } from '../../../../shared/lambda/limits.js';
import { SUPPORTED_RUNTIMES } from '../../../../shared/lambda/runtimes.js';
import { formatUsd } from '../../lib/format.js';
import { Field } from '../common/field.js';
import type { ConfigForm } from './config-form.js';
import { NumberField } from './number-field.js';
import type { ConfigSettings } from './use-config-settings.js';

interface CardProps {
  form: ConfigForm;
  set: ConfigSettings['set'];
  err: ConfigSettings['err'];
}

const n = (x: number) => x.toLocaleString('en-US');

export function RuntimeCard({ fn, form, set, err }: CardProps & { fn: FunctionSummary }) {
  const runtimes = SUPPORTED_RUNTIMES.includes(form.runtime) ? SUPPORTED_RUNTIMES : [form.runtime, ...SUPPORTED_RUNTIMES];
  return (
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
  );
}

/** Memory, timeout, /tmp and concurrency; memory shows what a million short invocations would cost. */
export function ResourcesCard({ form, set, err, memory }: CardProps & { memory: number }) {
  const perMillion = invocationCost(memory, 100, form.architecture) * 1_000_000;
  return (
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
  );
}

/** Log format and levels; Lambda applies the levels only with the JSON format. */
export function LoggingCard({ form, set, err }: CardProps) {
  const json = form.logFormat === 'JSON';
  return (
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
  );
}
