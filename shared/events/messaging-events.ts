/** Messaging and scheduling trigger payloads (LAMBDA-SPEC section 9): SQS, SNS, EventBridge. */
import { DEFAULT_ACCOUNT_ID as ACCOUNT, DEFAULT_REGION as REGION } from '../lambda/limits.js';
import { digits, hex, isoSeconds, uuid } from './random.js';
import type { EventTemplate } from './template-types.js';

/** A fixed body, so its MD5 (which SQS sends along) can be given without hashing code here. */
const SQS_BODY = '{"orderId":"1234","item":"book","quantity":2}';
const SQS_BODY_MD5 = '598e234d37264d0ff2647413c4dbf765';

export const sqs: EventTemplate = {
  id: 'sqs',
  service: 'SQS',
  title: 'Queue messages (a batch of one)',
  build() {
    const sent = Date.now();
    return {
      Records: [
        {
          messageId: uuid(),
          receiptHandle: `AQEB${hex(64)}`,
          body: SQS_BODY,
          attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(sent), SenderId: `AIDA${hex(16).toUpperCase()}`, ApproximateFirstReceiveTimestamp: String(sent + 12) },
          messageAttributes: { priority: { stringValue: 'high', stringListValues: [], binaryListValues: [], dataType: 'String' } },
          md5OfBody: SQS_BODY_MD5,
          eventSource: 'aws:sqs',
          eventSourceARN: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-queue`,
          awsRegion: REGION,
        },
      ],
    };
  },
};

export const sns: EventTemplate = {
  id: 'sns',
  service: 'SNS',
  title: 'Topic notification',
  build() {
    const topic = `arn:aws:sns:${REGION}:${ACCOUNT}:order-events`;
    return {
      Records: [
        {
          EventSource: 'aws:sns',
          EventVersion: '1.0',
          EventSubscriptionArn: `${topic}:${uuid()}`,
          Sns: {
            Type: 'Notification',
            MessageId: uuid(),
            TopicArn: topic,
            Subject: 'Order shipped',
            Message: JSON.stringify({ orderId: '1234', status: 'SHIPPED' }),
            Timestamp: new Date().toISOString(),
            SignatureVersion: '1',
            Signature: 'EXAMPLE',
            SigningCertUrl: `https://sns.${REGION}.amazonaws.com/SimpleNotificationService-${hex(32)}.pem`,
            UnsubscribeUrl: `https://sns.${REGION}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${topic}:${uuid()}`,
            MessageAttributes: { priority: { Type: 'String', Value: 'high' } },
          },
        },
      ],
    };
  },
};

function eventBridge(detailType: string, source: string, resources: string[], detail: object) {
  return { version: '0', id: uuid(), 'detail-type': detailType, source, account: ACCOUNT, time: isoSeconds(new Date()), region: REGION, resources, detail };
}

export const eventbridgeSchedule: EventTemplate = {
  id: 'eventbridge-schedule',
  service: 'EventBridge',
  title: 'Scheduled event (rate or cron rule)',
  build: () => eventBridge('Scheduled Event', 'aws.events', [`arn:aws:events:${REGION}:${ACCOUNT}:rule/every-five-minutes`], {}),
};

export const eventbridgeCustom: EventTemplate = {
  id: 'eventbridge-custom',
  service: 'EventBridge',
  title: 'Custom event from an application (PutEvents)',
  build: () =>
    eventBridge('OrderPlaced', 'com.example.orders', [], {
      orderId: `order-${digits(4)}`,
      customerId: `cust-${hex(6)}`,
      total: 42.5,
      currency: 'EUR',
      items: [{ sku: 'BOOK-001', quantity: 2 }],
    }),
};
