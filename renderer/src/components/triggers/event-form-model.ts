/** The Add trigger forms' pure parts: their state, checks as the host makes them, and the event they save. */
import { S3_NOTIFICATION_TYPES, defaultTriggerEventName, type TriggerEvent, type TriggerEventType } from '../../../../shared/api/trigger-event-schemas.js';
import type { QueueInfo, TopicInfo } from '../../../../shared/api/schemas.js';
import type { BucketInfo, TableInfo } from '../../../../shared/api/storage-schemas.js';
import { describeSchedule, nextFireTimes, parseSchedule } from '../../../../shared/schedule/index.js';

export { S3_NOTIFICATION_TYPES };
export type FormType = 'schedule' | 'sqs' | 'sns' | 's3' | 'dynamodb';
export const FORM_TYPES: ReadonlyArray<{ type: FormType; label: string; eventType: TriggerEventType }> = [
  { type: 'schedule', label: 'Schedule (EventBridge rule)', eventType: 'Schedule' },
  { type: 'sqs', label: 'SQS queue', eventType: 'SQS' },
  { type: 'sns', label: 'SNS topic', eventType: 'SNS' },
  { type: 's3', label: 'S3 bucket', eventType: 'S3' },
  { type: 'dynamodb', label: 'DynamoDB stream', eventType: 'DynamoDB' },
];

export interface EventForm {
  eventName: string;
  expression: string;
  enabled: boolean;
  input: string;
  queue: string;
  topic: string;
  bucket: string;
  table: string;
  batchSize: string;
  window: string;
  failures: boolean;
  events: string[];
  prefix: string;
  suffix: string;
  start: 'TRIM_HORIZON' | 'LATEST';
}

export const EMPTY_FORM: EventForm = {
  eventName: '',
  expression: '',
  enabled: true,
  input: '',
  queue: '',
  topic: '',
  bucket: '',
  table: '',
  batchSize: '',
  window: '',
  failures: false,
  events: ['s3:ObjectCreated:*'],
  prefix: '',
  suffix: '',
  start: 'LATEST',
};

/** The workspace's resources the forms offer (queues.list, topics.list, buckets.list, tables.list). */
export interface WorkspaceResources {
  queues: QueueInfo[];
  topics: TopicInfo[];
  buckets: BucketInfo[];
  tables: TableInfo[];
}

/** What the expression means and when it fires next, or the parser's message. */
export type SchedulePreview = { ok: true; description: string; next: Date[] } | { ok: false; error: string };

export function previewSchedule(expression: string, from = new Date()): SchedulePreview {
  const parsed = parseSchedule(expression.trim(), { dialect: 'rule' });
  if (!parsed.ok) return { ok: false, error: parsed.error.message };
  return { ok: true, description: describeSchedule(parsed.schedule), next: nextFireTimes(parsed.schedule, from, 5) };
}

const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim()));

/** The event triggers.addEvent takes. */
export function toEvent(type: FormType, f: EventForm): TriggerEvent {
  switch (type) {
    case 'schedule':
      return { type: 'Schedule', schedule: f.expression.trim(), ...(f.enabled ? {} : { enabled: false }), ...(f.input.trim() ? { input: f.input.trim() } : {}) };
    case 'sqs':
      return { type: 'SQS', queue: f.queue, batchSize: num(f.batchSize), batchingWindowSeconds: num(f.window), ...(f.failures ? { reportBatchItemFailures: true } : {}) };
    case 'sns':
      return { type: 'SNS', topic: f.topic };
    case 's3':
      return { type: 'S3', bucket: f.bucket, events: f.events, ...(f.prefix ? { prefix: f.prefix } : {}), ...(f.suffix ? { suffix: f.suffix } : {}) };
    case 'dynamodb':
      return { type: 'DynamoDB', table: f.table, startingPosition: f.start, batchSize: num(f.batchSize), ...(f.failures ? { reportBatchItemFailures: true } : {}) };
  }
}

export function suggestedName(type: FormType, f: EventForm): string {
  return defaultTriggerEventName(toEvent(type, f));
}

/** What is wrong, by field, before the host is asked (it checks the same again). */
export function checkEventForm(type: FormType, f: EventForm, res: WorkspaceResources | null, takenNames: readonly string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = f.eventName.trim();
  if (name && !/^[A-Za-z0-9]+$/.test(name)) errors.eventName = 'letters and digits only';
  else if (takenNames.includes(name || suggestedName(type, f))) errors.eventName = `this function already has an event named ${name || suggestedName(type, f)}`;
  const count = (field: string, text: string, min: number, max: number) => {
    const n = num(text);
    if (n !== undefined && (!Number.isInteger(n) || n < min || n > max)) errors[field] ??= `must be a whole number from ${min} to ${max}`;
  };
  const pick = (field: string, value: string, what: string, have: boolean) => {
    if (!value) errors[field] = have ? `choose ${what}` : `template.yaml declares no ${what}: add one first`;
  };
  switch (type) {
    case 'schedule': {
      const p = previewSchedule(f.expression);
      if (!f.expression.trim()) errors.schedule = 'an expression such as rate(10 minutes) or cron(0 12 * * ? *)';
      else if (!p.ok) errors.schedule = p.error;
      if (f.input.trim()) {
        try {
          JSON.parse(f.input);
        } catch (e) {
          errors.input = `not valid JSON: ${(e as Error).message}`;
        }
      }
      break;
    }
    case 'sqs':
      pick('queue', f.queue, 'a queue', !!res?.queues.length);
      count('batchSize', f.batchSize, 1, 10_000);
      count('batchingWindowSeconds', f.window, 0, 300);
      if ((num(f.batchSize) ?? 10) > 10 && !((num(f.window) ?? 0) >= 1)) errors.batchSize ??= 'a batch size over 10 needs a batching window of at least 1 second';
      break;
    case 'sns':
      pick('topic', f.topic, 'a topic', !!res?.topics.length);
      break;
    case 's3':
      pick('bucket', f.bucket, 'a bucket', !!res?.buckets.length);
      if (f.events.length === 0) errors.events = 'choose at least one event type';
      break;
    case 'dynamodb': {
      pick('table', f.table, 'a table with a stream', !!res?.tables.some((t) => t.streamViewType));
      const table = res?.tables.find((t) => t.logicalId === f.table);
      if (table && !table.streamViewType) errors.table = `${table.logicalId} has no stream: give it a StreamSpecification (StreamViewType) first`;
      count('batchSize', f.batchSize, 1, 10_000);
      break;
    }
  }
  return errors;
}
