import { useMemo } from 'react';
import { Field } from '../common/field.js';
import { S3_NOTIFICATION_TYPES, previewSchedule, type EventForm, type FormType, type WorkspaceResources } from './event-form-model.js';

type SetField = <K extends keyof EventForm>(key: K, value: EventForm[K], field?: string) => void;
interface FieldsProps {
  form: EventForm;
  set: SetField;
  err(key: string): string | undefined;
}

const WHEN = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The expression with what it means and its next five fire times, as typed. */
export function ScheduleFields({ form, set, err }: FieldsProps) {
  const preview = useMemo(() => previewSchedule(form.expression), [form.expression]);
  return (
    <>
      <Field label="Schedule expression" htmlFor="schedule-expression" name="schedule" error={err('schedule')} hint="rate(10 minutes) or cron(0 12 * * ? *), in UTC as EventBridge rules are.">
        <input
          id="schedule-expression"
          className="mono"
          data-testid="schedule-expression"
          value={form.expression}
          placeholder="rate(10 minutes)"
          spellCheck={false}
          autoComplete="off"
          autoFocus
          aria-invalid={!!err('schedule')}
          onChange={(e) => set('expression', e.target.value, 'schedule')}
        />
      </Field>
      {preview.ok && (
        <div className="schedule-preview" data-testid="schedule-preview" aria-live="polite">
          <strong>{preview.description}</strong>
          <ol>
            {preview.next.map((d) => (
              <li key={d.getTime()} title={d.toISOString()}>
                {WHEN.format(d)}
              </li>
            ))}
          </ol>
        </div>
      )}
      <Field label="Input" htmlFor="schedule-input" name="input" error={err('input')} hint="Optional JSON passed as the event instead of the Scheduled Event.">
        <input
          id="schedule-input"
          className="mono"
          data-testid="schedule-input"
          value={form.input}
          placeholder='{"job": "cleanup"}'
          spellCheck={false}
          onChange={(e) => set('input', e.target.value)}
        />
      </Field>
      <label className="check-row">
        <input type="checkbox" data-testid="schedule-enabled" checked={form.enabled} onChange={(e) => set('enabled', e.target.checked)} /> Enabled
      </label>
    </>
  );
}

/** A select of logical ids, with a note when the template has none. */
function ResourceSelect({ id, value, options, onChange }: { id: string; value: string; options: Array<{ id: string; note?: string; disabled?: boolean }> | undefined; onChange(v: string): void }) {
  return (
    <select id={id} data-testid={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={!options?.length}>
      {!options ? <option value="">Loading…</option> : options.length === 0 ? <option value="">(none in template.yaml)</option> : null}
      {options && !value && options.length > 0 && <option value="">Choose…</option>}
      {options?.map((o) => (
        <option key={o.id} value={o.id} disabled={o.disabled}>
          {o.id}
          {o.note ? ` (${o.note})` : ''}
        </option>
      ))}
    </select>
  );
}

function Failures({ form, set }: Pick<FieldsProps, 'form' | 'set'>) {
  return (
    <label className="check-row">
      <input type="checkbox" data-testid="report-batch-item-failures" checked={form.failures} onChange={(e) => set('failures', e.target.checked)} /> Report batch item failures (FunctionResponseTypes)
    </label>
  );
}

/** SQS, SNS, S3 and DynamoDB: the resource and its settings. */
export function SourceFields({ type, form, set, err, res }: FieldsProps & { type: Exclude<FormType, 'schedule'>; res: WorkspaceResources | null }) {
  const batch = (hint: string) => (
    <Field label="Batch size" htmlFor={type === 'sqs' ? 'sqs-batch-size' : 'ddb-batch-size'} name="batchSize" error={err('batchSize')} hint={hint}>
      <input
        id={type === 'sqs' ? 'sqs-batch-size' : 'ddb-batch-size'}
        data-testid={type === 'sqs' ? 'sqs-batch-size' : 'ddb-batch-size'}
        inputMode="numeric"
        value={form.batchSize}
        placeholder={type === 'sqs' ? '10' : '100'}
        onChange={(e) => set('batchSize', e.target.value)}
      />
    </Field>
  );
  switch (type) {
    case 'sqs':
      return (
        <div className="add-http-grid">
          <Field label="Queue" htmlFor="sqs-queue" name="queue" error={err('queue')}>
            <ResourceSelect id="sqs-queue" value={form.queue} options={res?.queues.map((q) => ({ id: q.logicalId, note: q.fifo ? 'FIFO' : undefined }))} onChange={(v) => set('queue', v)} />
          </Field>
          {batch('1 to 10000; over 10 needs a batching window.')}
          <Field label="Batching window (s)" htmlFor="sqs-window" name="batchingWindowSeconds" error={err('batchingWindowSeconds')} hint="0 to 300">
            <input id="sqs-window" data-testid="sqs-window" inputMode="numeric" value={form.window} placeholder="0" onChange={(e) => set('window', e.target.value, 'batchingWindowSeconds')} />
          </Field>
          <Failures form={form} set={set} />
        </div>
      );
    case 'sns':
      return (
        <Field label="Topic" htmlFor="sns-topic" name="topic" error={err('topic')}>
          <ResourceSelect id="sns-topic" value={form.topic} options={res?.topics.map((t) => ({ id: t.logicalId }))} onChange={(v) => set('topic', v)} />
        </Field>
      );
    case 's3':
      return (
        <div className="add-http-grid">
          <Field label="Bucket" htmlFor="s3-bucket" name="bucket" error={err('bucket')} hint="A bucket of this template (SAM requires it).">
            <ResourceSelect id="s3-bucket" value={form.bucket} options={res?.buckets.map((b) => ({ id: b.logicalId }))} onChange={(v) => set('bucket', v)} />
          </Field>
          <Field label="Events" htmlFor="s3-events" name="events" error={err('events')}>
            <select
              id="s3-events"
              data-testid="s3-events"
              multiple
              size={4}
              value={form.events}
              onChange={(e) =>
                set(
                  'events',
                  [...e.target.selectedOptions].map((o) => o.value),
                )
              }
            >
              {S3_NOTIFICATION_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Key prefix" htmlFor="s3-prefix" name="prefix" error={err('prefix')}>
            <input id="s3-prefix" className="mono" data-testid="s3-prefix" value={form.prefix} placeholder="uploads/" onChange={(e) => set('prefix', e.target.value)} />
          </Field>
          <Field label="Key suffix" htmlFor="s3-suffix" name="suffix" error={err('suffix')}>
            <input id="s3-suffix" className="mono" data-testid="s3-suffix" value={form.suffix} placeholder=".jpg" onChange={(e) => set('suffix', e.target.value)} />
          </Field>
        </div>
      );
    case 'dynamodb':
      return (
        <div className="add-http-grid">
          <Field label="Table" htmlFor="ddb-table" name="table" error={err('table')} hint="Tables need a StreamSpecification.">
            <ResourceSelect
              id="ddb-table"
              value={form.table}
              options={res?.tables.map((t) => ({ id: t.logicalId, note: t.streamViewType ?? 'no stream', disabled: !t.streamViewType }))}
              onChange={(v) => set('table', v)}
            />
          </Field>
          <Field label="Starting position" htmlFor="ddb-start" name="startingPosition">
            <select id="ddb-start" data-testid="ddb-start" value={form.start} onChange={(e) => set('start', e.target.value as EventForm['start'])}>
              <option value="LATEST">LATEST (new records)</option>
              <option value="TRIM_HORIZON">TRIM_HORIZON (all records kept)</option>
            </select>
          </Field>
          {batch('1 to 10000')}
          <Failures form={form} set={set} />
        </div>
      );
  }
}
