/** Storage and stream trigger payloads (ARCHITECTURE.md, Lambda behaviour 9): S3, DynamoDB Streams, Kinesis, CloudWatch Logs. */
import { DEFAULT_ACCOUNT_ID as ACCOUNT, DEFAULT_REGION as REGION } from '../lambda/limits.js';
import { gzipStore } from './encoding.js';
import { base64, base64Bytes, chars, digits, hex, uuid } from './random.js';
import { defineTemplate, intField, oneOfField } from './template-types.js';

/**
 * An object key as S3 event notifications carry it: URL-form encoded, so "summer holiday.jpg"
 * is "summer+holiday.jpg", but with '/' left as it is. UTF-8 bytes are %XX, upper-case.
 */
export function s3EncodeKey(key: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(key)) {
    if (byte === 0x20) out += '+';
    else if (/[A-Za-z0-9\-_.*/]/.test(String.fromCharCode(byte)) && byte < 0x80) out += String.fromCharCode(byte);
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const S3 = { service: 's3', serviceTitle: 'Amazon S3' } as const;
const BUCKET = { name: 'bucket', description: 'The bucket name', default: 'faaslab-uploads' } as const;
const KEY = { name: 'key', description: 'The object key, as written (it is URL-form encoded in the record)', default: 'photos/summer holiday.jpg' } as const;
const S3_REGION = { name: 'region', description: "The bucket's region", default: REGION } as const;

function s3Record<O extends object>(v: { bucket: string; key: string; region: string }, eventName: string, object: O) {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: v.region,
        eventTime: new Date().toISOString(),
        eventName,
        userIdentity: { principalId: `AWS:AIDA${chars(17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}` },
        requestParameters: { sourceIPAddress: '203.0.113.10' },
        responseElements: { 'x-amz-request-id': hex(16).toUpperCase(), 'x-amz-id-2': `${chars(56)}/${chars(19)}=` },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'faaslab-notification',
          bucket: { name: v.bucket, ownerIdentity: { principalId: chars(14, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') }, arn: `arn:aws:s3:::${v.bucket}` },
          object: { key: s3EncodeKey(v.key), ...object, sequencer: hex(18).toUpperCase() },
        },
      },
    ],
  };
}

export const s3Put = defineTemplate({
  ...S3,
  id: 's3-put',
  type: 'put',
  title: 'Object created (PUT) in a bucket',
  description: 'An ObjectCreated:Put notification: bucket, URL-form encoded key, size, eTag and sequencer.',
  fields: [BUCKET, KEY, { name: 'size', description: 'The object size in bytes', default: '184320' }, S3_REGION],
  make: (v) => s3Record(v, 'ObjectCreated:Put', { size: intField(v.size, 'size'), eTag: hex(32) }),
});

export const s3Delete = defineTemplate({
  ...S3,
  id: 's3-delete',
  type: 'delete',
  title: 'Object deleted from a bucket',
  description: 'An ObjectRemoved:Delete notification: bucket, URL-form encoded key and sequencer (no size or eTag).',
  fields: [BUCKET, KEY, S3_REGION],
  make: (v) => s3Record(v, 'ObjectRemoved:Delete', {}),
});

export const s3BatchInvocation = defineTemplate({
  ...S3,
  id: 's3-batch-invocation',
  type: 'batch-invocation',
  title: 'S3 Batch Operations task (schema 1.0)',
  description: 'A Batch Operations job invoking the function for one object: invocationId, job id and one task. The function answers with a result per taskId.',
  fields: [BUCKET, KEY],
  make: (v) => ({
    invocationSchemaVersion: '1.0',
    invocationId: chars(51),
    job: { id: uuid() },
    tasks: [{ taskId: chars(20), s3Key: s3EncodeKey(v.key), s3VersionId: null, s3BucketArn: `arn:aws:s3:::${v.bucket}` }],
  }),
});

type Image = Record<string, { S: string } | { N: string }>;
const VIEW_TYPES = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'] as const;

export const dynamodbUpdate = defineTemplate({
  id: 'dynamodb-stream',
  service: 'dynamodb',
  type: 'update',
  serviceTitle: 'Amazon DynamoDB',
  title: 'Stream records: INSERT, MODIFY and REMOVE',
  description: 'A batch of three DynamoDB Streams records for one item, in DynamoDB JSON ({"S": ...}, {"N": ...}): it is created, updated, then deleted.',
  fields: [
    { name: 'table', description: 'The table name', default: 'Orders' },
    { name: 'stream-view-type', description: `Which images records carry: ${VIEW_TYPES.join(', ')}`, default: 'NEW_AND_OLD_IMAGES' },
  ],
  make(v) {
    const view = oneOfField(v['stream-view-type'], 'stream-view-type', VIEW_TYPES);
    const created = Math.floor(Date.now() / 1000);
    const arn = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${v.table}/stream/${new Date().toISOString().replace('Z', '')}`;
    const keys: Image = { OrderId: { S: 'order-1234' } };
    const placed: Image = { OrderId: { S: 'order-1234' }, Status: { S: 'PLACED' }, Total: { N: '42.5' } };
    const shipped: Image = { OrderId: { S: 'order-1234' }, Status: { S: 'SHIPPED' }, Total: { N: '42.5' } };
    const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', oldImage: Image | undefined, newImage: Image | undefined, seq: number) => {
      const images = {
        ...(newImage && (view === 'NEW_IMAGE' || view === 'NEW_AND_OLD_IMAGES') ? { NewImage: newImage } : {}),
        ...(oldImage && (view === 'OLD_IMAGE' || view === 'NEW_AND_OLD_IMAGES') ? { OldImage: oldImage } : {}),
      };
      return {
        eventID: hex(32),
        eventName,
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: REGION,
        dynamodb: {
          ApproximateCreationDateTime: created,
          Keys: keys,
          ...images,
          SequenceNumber: `${seq}${digits(20)}`,
          SizeBytes: JSON.stringify({ keys, ...images }).length,
          StreamViewType: view,
        },
        eventSourceARN: arn,
      };
    };
    return { Records: [record('INSERT', undefined, placed, 1), record('MODIFY', placed, shipped, 2), record('REMOVE', shipped, undefined, 3)] };
  },
});

export const kinesisGetRecords = defineTemplate({
  id: 'kinesis',
  service: 'kinesis',
  type: 'get-records',
  serviceTitle: 'Amazon Kinesis Data Streams',
  title: 'Data stream record (data is base64)',
  description: 'A batch with one Kinesis record: partition key, sequence number and the data, base64-encoded.',
  fields: [
    { name: 'stream', description: 'The stream name', default: 'sensor-readings' },
    { name: 'partition-key', description: 'The partition key', default: 'sensor-7' },
    { name: 'data', description: 'The record data as text (base64-encoded in the record)', default: JSON.stringify({ sensor: 'sensor-7', celsius: 21.5 }) },
  ],
  make(v) {
    const seq = `4959${digits(52)}`;
    return {
      Records: [
        {
          kinesis: { kinesisSchemaVersion: '1.0', partitionKey: v['partition-key'], sequenceNumber: seq, data: base64(v.data), approximateArrivalTimestamp: Math.round(Date.now()) / 1000 },
          eventSource: 'aws:kinesis',
          eventVersion: '1.0',
          eventID: `shardId-000000000000:${seq}`,
          eventName: 'aws:kinesis:record',
          invokeIdentityArn: `arn:aws:iam::${ACCOUNT}:role/faaslab-kinesis-role`,
          awsRegion: REGION,
          eventSourceARN: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${v.stream}`,
        },
      ],
    };
  },
});

/** The JSON a subscription filter delivers, before CloudWatch Logs gzips and base64-encodes it. */
export function cloudwatchLogsData(v: { 'log-group': string; 'log-stream': string; level: string; message: string }) {
  const now = new Date();
  const stream = v['log-stream'] || `${now.toISOString().slice(0, 10).replace(/-/g, '/')}/[$LATEST]${hex(32)}`;
  const requestId = uuid();
  return {
    messageType: 'DATA_MESSAGE',
    owner: ACCOUNT,
    logGroup: v['log-group'],
    logStream: stream,
    subscriptionFilters: ['faaslab-errors'],
    logEvents: v.message.split('\n').map((line, i) => ({
      id: digits(56),
      timestamp: now.getTime() + i,
      // The Node.js runtime's format: time, request id, level, text.
      message: `${new Date(now.getTime() + i).toISOString()}\t${requestId}\t${v.level}\t${line}\n`,
    })),
  };
}

export const cloudwatchLogs = defineTemplate({
  id: 'cloudwatch-logs',
  service: 'cloudwatch',
  type: 'logs',
  serviceTitle: 'Amazon CloudWatch',
  title: 'Logs subscription filter delivery (awslogs.data is base64 gzip)',
  description:
    'Log events a subscription filter sends to the function: {awslogs: {data}} where data is base64 of gzipped JSON (messageType, owner, logGroup, logStream, subscriptionFilters, logEvents).',
  fields: [
    { name: 'log-group', description: 'The log group', default: '/aws/lambda/orders-api' },
    { name: 'log-stream', description: "The log stream (empty: today's $LATEST stream)", default: '' },
    { name: 'level', description: 'The log level of the lines', default: 'ERROR' },
    { name: 'message', description: 'The logged text: one log event per line', default: 'Payment declined for order 1234' },
  ],
  make: (v) => ({ awslogs: { data: base64Bytes(gzipStore(JSON.stringify(cloudwatchLogsData(v)))) } }),
});
