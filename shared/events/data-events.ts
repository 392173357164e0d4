/** Storage and stream trigger payloads (LAMBDA-SPEC section 9): S3, DynamoDB Streams, Kinesis, CloudWatch Logs. */
import { DEFAULT_ACCOUNT_ID as ACCOUNT, DEFAULT_REGION as REGION } from '../lambda/limits.js';
import { base64, digits, hex } from './random.js';
import type { EventTemplate } from './template-types.js';

const BUCKET = 'faaslab-uploads';

function s3Record(eventName: string, object: Record<string, unknown>) {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: REGION,
        eventTime: new Date().toISOString(),
        eventName,
        userIdentity: { principalId: `AWS:AIDA${hex(16).toUpperCase()}` },
        requestParameters: { sourceIPAddress: '203.0.113.10' },
        responseElements: { 'x-amz-request-id': hex(16).toUpperCase(), 'x-amz-id-2': `${hex(40)}/${hex(24)}=` },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'faaslab-notification',
          bucket: { name: BUCKET, ownerIdentity: { principalId: `A${hex(13).toUpperCase()}` }, arn: `arn:aws:s3:::${BUCKET}` },
          // Keys arrive URL-form encoded: "summer holiday.jpg" is "summer+holiday.jpg".
          object: { key: 'photos/summer+holiday.jpg', ...object, sequencer: hex(18).toUpperCase() },
        },
      },
    ],
  };
}

export const s3Put: EventTemplate = {
  id: 's3-put',
  service: 'S3',
  title: 'Object created (PUT) in a bucket',
  build: () => s3Record('ObjectCreated:Put', { size: 184_320, eTag: hex(32) }),
};

export const s3Delete: EventTemplate = {
  id: 's3-delete',
  service: 'S3',
  title: 'Object deleted from a bucket',
  build: () => s3Record('ObjectRemoved:Delete', {}),
};

export const dynamodbStream: EventTemplate = {
  id: 'dynamodb-stream',
  service: 'DynamoDB',
  title: 'Stream records: INSERT, MODIFY and REMOVE',
  build() {
    const created = Math.floor(Date.now() / 1000);
    const arn = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/Orders/stream/${new Date().toISOString().replace('Z', '')}`;
    const keys = { OrderId: { S: 'order-1234' } };
    const oldImage = { OrderId: { S: 'order-1234' }, Status: { S: 'PLACED' }, Total: { N: '42.50' } };
    const newImage = { OrderId: { S: 'order-1234' }, Status: { S: 'SHIPPED' }, Total: { N: '42.50' } };
    const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', images: Record<string, unknown>, seq: number) => ({
      eventID: hex(32),
      eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: REGION,
      dynamodb: { ApproximateCreationDateTime: created, Keys: keys, ...images, SequenceNumber: `${seq}${digits(20)}`, SizeBytes: 96, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      eventSourceARN: arn,
    });
    return {
      Records: [
        record('INSERT', { NewImage: oldImage }, 1),
        record('MODIFY', { OldImage: oldImage, NewImage: newImage }, 2),
        record('REMOVE', { OldImage: newImage }, 3),
      ],
    };
  },
};

export const kinesis: EventTemplate = {
  id: 'kinesis',
  service: 'Kinesis',
  title: 'Data stream records (data is base64)',
  build() {
    const now = Date.now() / 1000;
    const record = (reading: object) => {
      const seq = `4959${digits(52)}`;
      return {
        kinesis: { kinesisSchemaVersion: '1.0', partitionKey: 'sensor-7', sequenceNumber: seq, data: base64(JSON.stringify(reading)), approximateArrivalTimestamp: Math.round(now * 1000) / 1000 },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `shardId-000000000000:${seq}`,
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: `arn:aws:iam::${ACCOUNT}:role/faaslab-kinesis-role`,
        awsRegion: REGION,
        eventSourceARN: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/sensor-readings`,
      };
    };
    return { Records: [record({ sensor: 'sensor-7', celsius: 21.5 }), record({ sensor: 'sensor-7', celsius: 21.7 })] };
  },
};

/**
 * Gzipped, base64-encoded JSON as CloudWatch Logs delivers it to a subscription. Precomputed (pure
 * TypeScript has no gzip) from: DATA_MESSAGE, owner 123456789012, logGroup /aws/lambda/orders-api,
 * two logEvents: a START line and "ERROR Payment declined for order 1234".
 */
export const CLOUDWATCH_LOGS_DATA =
  'H4sIAAAAAAAAA6WRSUvEQBCF/0ooPCaml3SWvgWMIihKEjw4M0gnXZHAZLG7x2EY5r9LXNCLIFjUoQ4P3lfvHWFAa9Uz1ocZQcJFXudPt0VV5VcF+DDtRzQggTIeiThJM0IZ+LCdnq/MtJtBQqj2NtyqodEqnIxGYwM19x+ayhlUA0hghImQ0JCKcHV2k9dFVW94R1umsibFREdt3CnS0JZpjlEnVNwk4IPdNbY1/ez6abzstw6NBbmCb5sAjZmMhc27XfGKo1sUR+g1SOBpwhmNSPaT/g8X+OD6Aa1TwwySJjzOuGBkGf8rLpBQ1XlZeyW+7NC6ay29uEuRNqwNuI5UEDWiDTIdY5B0KcmoYg1vI+8Bje2nUXqfOaxHOPn/A05/A6ZM/AReWggIDaioKZFk2XPKxOPa/YV87YqyvCvX7l4dBhydp7Hd9iNqr5uM996Jt/AsD21Ob44v4+JYAgAA';

export const cloudwatchLogs: EventTemplate = {
  id: 'cloudwatch-logs',
  service: 'CloudWatch Logs',
  title: 'Subscription filter delivery (awslogs.data is base64 gzip)',
  build: () => ({ awslogs: { data: CLOUDWATCH_LOGS_DATA } }),
};
