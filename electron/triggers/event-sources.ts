/**
 * The SQS, SNS, S3 and DynamoDB events of the workspace's functions, as TriggersInfo.eventSources
 * lists them for the Triggers tab.
 */
import type { EventSource } from '../../shared/api/trigger-event-schemas.js';
import type { SnsTrigger, SqsTrigger } from '../../shared/domain/triggers.js';
import type { StorageLoad } from '../../shared/domain/storage.js';

/**
 * The list, from what the trigger manager already loaded: no second read or parse of the
 * template per call.
 */
export function eventSources(sqsTriggers: readonly SqsTrigger[], snsTriggers: readonly SnsTrigger[], storage: StorageLoad | undefined): EventSource[] {
  const line = (l: number | undefined) => (l === undefined ? {} : { line: l });
  const list: EventSource[] = [
    ...sqsTriggers.map((t) => ({
      kind: 'sqs' as const,
      logicalId: t.logicalId,
      eventName: t.eventName,
      resource: t.queue,
      ...line(t.line),
      settings: join([
        `batch ${t.batchSize}`,
        t.maximumBatchingWindowSeconds ? `window ${t.maximumBatchingWindowSeconds} s` : '',
        t.reportBatchItemFailures ? 'ReportBatchItemFailures' : '',
        t.enabled ? '' : 'disabled',
      ]),
    })),
    ...snsTriggers.map((t) => ({
      kind: 'sns' as const,
      logicalId: t.logicalId,
      eventName: t.eventName,
      resource: t.topic,
      ...line(t.line),
      settings: t.filterPolicy ? `filter ${JSON.stringify(t.filterPolicy)}` : 'every message',
    })),
    ...(storage?.s3 ?? []).map((t) => ({
      kind: 's3' as const,
      logicalId: t.logicalId,
      eventName: t.eventName,
      resource: t.bucket,
      ...line(t.line),
      settings: join([t.events.join(', '), t.prefix ? `prefix ${t.prefix}` : '', t.suffix ? `suffix ${t.suffix}` : '']),
    })),
    ...(storage?.streams ?? []).map((t) => ({
      kind: 'dynamodb' as const,
      logicalId: t.logicalId,
      eventName: t.eventName,
      resource: t.table,
      ...line(t.line),
      settings: join([t.startingPosition, `batch ${t.batchSize}`, t.reportBatchItemFailures ? 'ReportBatchItemFailures' : '', t.enabled === false ? 'disabled' : '']),
    })),
  ];
  return list.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function join(parts: string[]): string {
  return parts.filter(Boolean).join(' · ');
}
