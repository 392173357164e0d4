/**
 * triggers.addEvent's checks and the SAM event it writes: Schedule, SQS, SNS, S3 and DynamoDB,
 * in the shapes the loaders read back (workspace/read/: trigger-loader.ts, messaging-loader.ts,
 * storage-loader.ts).
 *
 * References are written in CloudFormation's long form (`Fn::GetAtt: [Queue, Arn]`, `Ref: Topic`):
 * the template editor writes plain YAML values only, and both forms are the same to SAM.
 */
import { parseSchedule } from '../../shared/schedule/index.js';
import { S3_NOTIFICATION_TYPES, type TriggerEvent } from '../../shared/api/trigger-event-schemas.js';
import { HostError } from './host-types.js';
import type { TemplateEditor, YamlValue } from '../workspace/edit/template-edit.js';

const TYPES = { queue: 'AWS::SQS::Queue', topic: 'AWS::SNS::Topic', bucket: 'AWS::S3::Bucket', table: 'AWS::DynamoDB::Table' } as const;

/** Throws a ValidationError naming every field that is wrong (the first message of each). */
export function checkEvent(editor: TemplateEditor, event: TriggerEvent): void {
  const fields: Record<string, string> = {};
  const fail = (field: string, message: string) => void (fields[field] ??= message);
  const resource = (field: keyof typeof TYPES, id: string) => {
    const type = editor.value(['Resources', id, 'Type']);
    if (type === undefined) fail(field, `template.yaml has no resource ${id}`);
    else if (type !== TYPES[field]) fail(field, `${id} is a ${String(type)}, not an ${TYPES[field]}`);
    return type === TYPES[field];
  };
  const count = (field: string, value: number | undefined, min: number, max: number) => {
    if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) fail(field, `must be a whole number from ${min} to ${max}`);
  };
  switch (event.type) {
    case 'Schedule': {
      const parsed = parseSchedule(event.schedule.trim(), { dialect: 'rule' });
      if (!parsed.ok) fail('schedule', parsed.error.message);
      if (event.input !== undefined && event.input.trim() !== '') {
        try {
          JSON.parse(event.input);
        } catch (err) {
          fail('input', `not valid JSON: ${(err as Error).message}`);
        }
      }
      break;
    }
    case 'SQS':
      resource('queue', event.queue);
      count('batchSize', event.batchSize, 1, 10_000);
      count('batchingWindowSeconds', event.batchingWindowSeconds, 0, 300);
      if ((event.batchSize ?? 10) > 10 && !(event.batchingWindowSeconds! >= 1)) fail('batchSize', 'a batch size over 10 needs a batching window of at least 1 second');
      break;
    case 'SNS':
      resource('topic', event.topic);
      break;
    case 'S3': {
      resource('bucket', event.bucket);
      if (event.events.length === 0) fail('events', 'choose at least one event type, such as s3:ObjectCreated:*');
      const unknown = event.events.filter((e) => !(S3_NOTIFICATION_TYPES as readonly string[]).includes(e));
      if (unknown.length) fail('events', `not an S3 event type: ${unknown.join(', ')}`);
      if ((event.prefix ?? '').length > 1024) fail('prefix', 'at most 1024 characters');
      if ((event.suffix ?? '').length > 1024) fail('suffix', 'at most 1024 characters');
      break;
    }
    case 'DynamoDB':
      if (resource('table', event.table) && editor.value(['Resources', event.table, 'Properties', 'StreamSpecification', 'StreamViewType']) === undefined) {
        fail('table', `${event.table} has no stream: give it a StreamSpecification (StreamViewType) first`);
      }
      count('batchSize', event.batchSize, 1, 10_000);
      break;
  }
  if (Object.keys(fields).length)
    throw new HostError(
      'ValidationError',
      Object.entries(fields)
        .map(([k, m]) => `${k}: ${m}`)
        .join('; '),
      fields,
    );
}

/** The event as SAM reads it; optional settings only when given (SAM's defaults otherwise). */
export function eventBody(event: TriggerEvent): { [key: string]: YamlValue } {
  const props: { [key: string]: YamlValue } = {};
  const put = (key: string, value: YamlValue | undefined) => void (value !== undefined && value !== '' && (props[key] = value));
  const failures = (on: boolean | undefined) => put('FunctionResponseTypes', on ? ['ReportBatchItemFailures'] : undefined);
  switch (event.type) {
    case 'Schedule':
      put('Schedule', event.schedule.trim());
      put('Enabled', event.enabled);
      put('Input', event.input?.trim());
      break;
    case 'SQS':
      put('Queue', { 'Fn::GetAtt': [event.queue, 'Arn'] });
      put('BatchSize', event.batchSize);
      put('MaximumBatchingWindowInSeconds', event.batchingWindowSeconds || undefined);
      failures(event.reportBatchItemFailures);
      break;
    case 'SNS':
      put('Topic', { Ref: event.topic });
      break;
    case 'S3': {
      put('Bucket', { Ref: event.bucket });
      put('Events', event.events.length === 1 ? event.events[0] : event.events);
      const rules = (['prefix', 'suffix'] as const).flatMap((name) => (event[name] ? [{ Name: name, Value: event[name]! }] : []));
      if (rules.length) put('Filter', { S3Key: { Rules: rules } });
      break;
    }
    case 'DynamoDB':
      put('Stream', { 'Fn::GetAtt': [event.table, 'StreamArn'] });
      put('StartingPosition', event.startingPosition);
      put('BatchSize', event.batchSize);
      failures(event.reportBatchItemFailures);
      break;
  }
  return { Type: event.type, Properties: props };
}
