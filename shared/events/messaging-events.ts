/** Messaging and scheduling trigger payloads (ARCHITECTURE.md, Lambda behaviour 9): SQS, SNS, EventBridge. */
import { DEFAULT_ACCOUNT_ID as ACCOUNT, DEFAULT_REGION as REGION } from '../lambda/limits.js';
import { md5Hex } from './encoding.js';
import { chars, digits, hex, isoSeconds, uuid } from './random.js';
import { defineTemplate, jsonField } from './template-types.js';

export const sqsReceiveMessage = defineTemplate({
  id: 'sqs',
  service: 'sqs',
  type: 'receive-message',
  serviceTitle: 'Amazon SQS',
  title: 'Queue messages (a batch of one)',
  description: 'A batch with one SQS message: body, md5OfBody, attributes and messageAttributes. A queue name ending in .fifo adds MessageGroupId, MessageDeduplicationId and SequenceNumber.',
  fields: [
    { name: 'body', description: 'The message body', default: JSON.stringify({ orderId: '1234', item: 'book', quantity: 2 }) },
    { name: 'queue-name', description: 'The queue name (ending in .fifo: a FIFO queue)', default: 'orders-queue' },
  ],
  make(v) {
    const sent = Date.now();
    const fifo = v['queue-name'].endsWith('.fifo');
    return {
      Records: [
        {
          messageId: uuid(),
          receiptHandle: `AQEB${chars(160, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')}`,
          body: v.body,
          attributes: {
            ApproximateReceiveCount: '1',
            SentTimestamp: String(sent),
            SenderId: `AIDA${chars(17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
            ApproximateFirstReceiveTimestamp: String(sent + 12),
            ...(fifo ? { SequenceNumber: `18${digits(18)}`, MessageGroupId: 'orders', MessageDeduplicationId: uuid() } : {}),
          },
          messageAttributes: { priority: { stringValue: 'high', stringListValues: [], binaryListValues: [], dataType: 'String' } },
          md5OfBody: md5Hex(v.body),
          eventSource: 'aws:sqs',
          eventSourceARN: `arn:aws:sqs:${REGION}:${ACCOUNT}:${v['queue-name']}`,
          awsRegion: REGION,
        },
      ],
    };
  },
});

export const snsNotification = defineTemplate({
  id: 'sns',
  service: 'sns',
  type: 'notification',
  serviceTitle: 'Amazon SNS',
  title: 'Topic notification',
  description: 'One SNS notification delivered to a Lambda subscription: Sns.Message, Subject, TopicArn, MessageAttributes and the signature fields.',
  fields: [
    { name: 'message', description: 'The message', default: JSON.stringify({ orderId: '1234', status: 'SHIPPED' }) },
    { name: 'subject', description: 'The subject (empty: null, as when none was sent)', default: 'Order shipped' },
    { name: 'topic', description: 'The topic name', default: 'order-events' },
  ],
  make(v) {
    const topic = `arn:aws:sns:${REGION}:${ACCOUNT}:${v.topic}`;
    const subscription = `${topic}:${uuid()}`;
    return {
      Records: [
        {
          EventSource: 'aws:sns',
          EventVersion: '1.0',
          EventSubscriptionArn: subscription,
          Sns: {
            Type: 'Notification',
            MessageId: uuid(),
            TopicArn: topic,
            Subject: v.subject || null,
            Message: v.message,
            Timestamp: new Date().toISOString(),
            SignatureVersion: '1',
            Signature: 'EXAMPLE',
            SigningCertUrl: `https://sns.${REGION}.amazonaws.com/SimpleNotificationService-${hex(32)}.pem`,
            UnsubscribeUrl: `https://sns.${REGION}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${subscription}`,
            MessageAttributes: { priority: { Type: 'String', Value: 'high' } },
          },
        },
      ],
    };
  },
});

function eventBridge<T extends string, D>(detailType: T, source: string, resources: string[], detail: D, time: Date) {
  return { version: '0', id: uuid(), 'detail-type': detailType, source, account: ACCOUNT, time: isoSeconds(time), region: REGION, resources, detail };
}

export const eventsSchedule = defineTemplate({
  id: 'eventbridge-schedule',
  service: 'events',
  type: 'schedule',
  serviceTitle: 'Amazon EventBridge',
  aliases: ['cloudwatch scheduled-event', 'eventbridge schedule'],
  title: 'Scheduled event (rate or cron rule)',
  description: "What a schedule rule sends: detail-type 'Scheduled Event', source aws.events, the rule's ARN in resources, an empty detail. sam calls it cloudwatch scheduled-event.",
  fields: [{ name: 'rule', description: 'The rule name', default: 'every-five-minutes' }],
  make(v) {
    // Rules fire on the minute.
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    return eventBridge('Scheduled Event' as const, 'aws.events', [`arn:aws:events:${REGION}:${ACCOUNT}:rule/${v.rule}`], {}, minute);
  },
});

export const eventsCustom = defineTemplate({
  id: 'eventbridge-custom',
  service: 'events',
  type: 'custom',
  serviceTitle: 'Amazon EventBridge',
  aliases: ['eventbridge custom'],
  title: 'Custom event from an application (PutEvents)',
  description: 'An event an application put on a bus, as a rule delivers it: your source, detail-type and detail. sam has no such event.',
  fields: [
    { name: 'source', description: 'The source', default: 'com.example.orders' },
    { name: 'detail-type', description: 'The detail-type', default: 'OrderPlaced' },
    {
      name: 'detail',
      description: 'The detail, JSON',
      default: JSON.stringify({ orderId: 'order-1234', customerId: 'cust-42', total: 42.5, currency: 'EUR', items: [{ sku: 'BOOK-001', quantity: 2 }] }),
    },
  ],
  make: (v) => eventBridge(v['detail-type'], v.source, [], jsonField(v.detail, 'detail'), new Date()),
});
