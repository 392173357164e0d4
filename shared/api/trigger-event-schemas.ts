/**
 * triggers.addEvent's input and the event sources triggers.list reports (issue 4 item 10).
 * Bounds are checked by the host (electron/services/trigger-events.ts), not here, so a wrong
 * number comes back as a message on its own field (batchSize), as the forms show it.
 */
import { z } from 'zod';

export const S3_NOTIFICATION_TYPES = [
  's3:ObjectCreated:*',
  's3:ObjectCreated:Put',
  's3:ObjectCreated:Post',
  's3:ObjectCreated:Copy',
  's3:ObjectCreated:CompleteMultipartUpload',
  's3:ObjectRemoved:*',
  's3:ObjectRemoved:Delete',
  's3:ObjectRemoved:DeleteMarkerCreated',
] as const;

const Ref = z.string().min(1);
const Count = z.number().int();

export const TriggerEventShape = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Schedule'), schedule: z.string(), enabled: z.boolean().optional(), input: z.string().optional() }),
  z.object({
    type: z.literal('SQS'),
    /** Logical id of an AWS::SQS::Queue. */
    queue: Ref,
    batchSize: Count.optional(),
    batchingWindowSeconds: Count.optional(),
    reportBatchItemFailures: z.boolean().optional(),
  }),
  z.object({ type: z.literal('SNS'), /** Logical id of an AWS::SNS::Topic. */ topic: Ref }),
  z.object({
    type: z.literal('S3'),
    /** Logical id of an AWS::S3::Bucket of the same template (SAM requires it there). */
    bucket: Ref,
    events: z.array(z.string()),
    prefix: z.string().optional(),
    suffix: z.string().optional(),
  }),
  z.object({
    type: z.literal('DynamoDB'),
    /** Logical id of an AWS::DynamoDB::Table with a StreamSpecification. */
    table: Ref,
    startingPosition: z.enum(['TRIM_HORIZON', 'LATEST']),
    batchSize: Count.optional(),
    reportBatchItemFailures: z.boolean().optional(),
  }),
]);
export type TriggerEvent = z.infer<typeof TriggerEventShape>;
export type TriggerEventType = TriggerEvent['type'];

/** An SQS, SNS, S3 or DynamoDB event of a function, as the Triggers tab lists it. */
export const EventSourceShape = z.object({
  kind: z.enum(['sqs', 'sns', 's3', 'dynamodb']),
  logicalId: z.string(),
  eventName: z.string(),
  /** Logical id of the queue, topic, bucket or table. */
  resource: z.string(),
  /** "batch 10, window 0 s, ReportBatchItemFailures". */
  settings: z.string(),
  line: z.number().optional(),
});
export type EventSource = z.infer<typeof EventSourceShape>;

/** The Events key the Triggers tab suggests: "OrdersQueueMessages", "Schedule". */
export function defaultTriggerEventName(event: TriggerEvent): string {
  const id = (s: string) => s.replace(/[^A-Za-z0-9]/g, '');
  switch (event.type) {
    case 'Schedule':
      return 'Schedule';
    case 'SQS':
      return `${id(event.queue)}Messages`;
    case 'SNS':
      return `${id(event.topic)}Notifications`;
    case 'S3':
      return `${id(event.bucket)}Objects`;
    case 'DynamoDB':
      return `${id(event.table)}Stream`;
  }
}
