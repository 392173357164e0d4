/**
 * Reads a SAM template's storage resources and their triggers: AWS::S3::Bucket,
 * AWS::DynamoDB::Table, AWS::Serverless::SimpleTable, and functions' Events of Type S3 and
 * DynamoDB. Called by trigger-loader.ts with its resolver and problem reporter, so lines and
 * messages look like every other trigger's.
 */
import { validBucketName, validTableName } from '../template/resource-names.js';
import type { BucketDefinition, KeyAttribute, KeyAttributeType, SecondaryIndex, StorageLoad, StreamViewType, TableDefinition } from '../../../shared/domain/storage.js';
import type { DynamoDbTrigger, S3Trigger } from '../../../shared/domain/triggers.js';

type Where = Array<string | number>;

export interface StorageReadContext {
  resources: Record<string, unknown>;
  resolve(value: unknown, label: string, where: Where, logicalId?: string): unknown;
  report(severity: 'error' | 'warning', message: string, where: Where, logicalId?: string): void;
  line(where: Where): number | undefined;
}

export const S3_EVENT_TYPES = [
  's3:ObjectCreated:*',
  's3:ObjectCreated:Put',
  's3:ObjectCreated:Post',
  's3:ObjectCreated:Copy',
  's3:ObjectCreated:CompleteMultipartUpload',
  's3:ObjectRemoved:*',
  's3:ObjectRemoved:Delete',
  's3:ObjectRemoved:DeleteMarkerCreated',
];
const VIEW_TYPES: readonly StreamViewType[] = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'];
const TYPES: Record<string, KeyAttributeType> = { S: 'S', N: 'N', B: 'B', String: 'S', Number: 'N', Binary: 'B' };

/** Undefined when the template declares no bucket, table nor S3/DynamoDB event. */
export function readStorage(ctx: StorageReadContext): StorageLoad | undefined {
  const load: StorageLoad = { buckets: [], tables: [], s3: [], streams: [] };
  const entries = Object.entries(ctx.resources).flatMap(([id, r]) => (obj(r) && typeof obj(r)!.Type === 'string' ? [[id, obj(r)!] as const] : []));
  for (const [id, r] of entries) {
    if (r.Type === 'AWS::S3::Bucket') readBucket(ctx, load, id, r.Properties);
    if (r.Type === 'AWS::DynamoDB::Table') readTable(ctx, load, id, r.Properties);
    if (r.Type === 'AWS::Serverless::SimpleTable') readSimpleTable(ctx, load, id, r.Properties);
  }
  for (const [id, r] of entries) {
    if (r.Type !== 'AWS::Serverless::Function') continue;
    const events = obj(obj(r.Properties)?.Events) ?? {};
    for (const [eventName, raw] of Object.entries(events)) {
      const event = obj(raw);
      const where: Where = ['Resources', id, 'Properties', 'Events', eventName];
      if (event?.Type === 'S3') readS3Event(ctx, load, id, eventName, event.Properties, where);
      if (event?.Type === 'DynamoDB') readStreamEvent(ctx, load, id, eventName, event.Properties, where);
    }
  }
  const empty = !load.buckets.length && !load.tables.length && !load.s3.length && !load.streams.length;
  return empty ? undefined : load;
}

function readBucket(ctx: StorageReadContext, load: StorageLoad, logicalId: string, raw: unknown): void {
  const where: Where = ['Resources', logicalId];
  const props = obj(ctx.resolve(raw ?? {}, logicalId, where)) ?? {};
  let bucketName = logicalId;
  if (props.BucketName !== undefined) {
    const valid = validBucketName(props.BucketName);
    if (valid) bucketName = valid;
    else
      ctx.report('warning', `${logicalId}: BucketName ${JSON.stringify(props.BucketName)} is not a valid bucket name (3-63 lower-case letters, digits, dots, dashes); faaslab names it ${logicalId}`, [
        ...where,
        'Properties',
        'BucketName',
      ]);
  }
  const bucket: BucketDefinition = { logicalId, bucketName };
  const line = ctx.line(where);
  if (line) bucket.line = line;
  load.buckets.push(bucket);
}

function readTable(ctx: StorageReadContext, load: StorageLoad, logicalId: string, raw: unknown): void {
  const where: Where = ['Resources', logicalId];
  const props = obj(ctx.resolve(raw ?? {}, logicalId, where)) ?? {};
  const at = (k: string): Where => (props[k] !== undefined ? [...where, 'Properties', k] : where);
  const fail = (message: string, key: string) => ctx.report('error', `${logicalId}: ${message}; the table is not created`, at(key));
  const types = new Map<string, KeyAttributeType>();
  for (const a of Array.isArray(props.AttributeDefinitions) ? props.AttributeDefinitions : []) {
    const def = obj(a);
    const t = TYPES[String(def?.AttributeType)];
    if (typeof def?.AttributeName === 'string' && t) types.set(def.AttributeName, t);
  }
  if (!Array.isArray(props.KeySchema) || props.KeySchema.length === 0) return fail('KeySchema is required (a HASH key, and optionally a RANGE key)', 'KeySchema');
  const keySchema: KeyAttribute[] = [];
  for (const k of props.KeySchema) {
    const key = obj(k);
    const name = key?.AttributeName;
    const keyType = key?.KeyType;
    if (typeof name !== 'string' || (keyType !== 'HASH' && keyType !== 'RANGE')) return fail('each KeySchema entry needs AttributeName and KeyType HASH or RANGE', 'KeySchema');
    const type = types.get(name);
    if (!type) return fail(`the key attribute ${name} has no AttributeDefinitions entry (AttributeType S, N or B)`, 'AttributeDefinitions');
    keySchema.push({ name, type, keyType });
  }
  keySchema.sort((a, b) => (a.keyType === b.keyType ? 0 : a.keyType === 'HASH' ? -1 : 1));
  if (keySchema[0]!.keyType !== 'HASH' || keySchema.filter((k) => k.keyType === 'HASH').length !== 1 || keySchema.length > 2)
    return fail('KeySchema needs exactly one HASH key and at most one RANGE key', 'KeySchema');
  const table: TableDefinition = { logicalId, tableName: tableName(ctx, logicalId, props.TableName, at('TableName')), keySchema };
  if (types.size) table.attributeDefinitions = [...types].map(([name, type]) => ({ name, type }));
  for (const [prop, field] of [
    ['GlobalSecondaryIndexes', 'globalSecondaryIndexes'],
    ['LocalSecondaryIndexes', 'localSecondaryIndexes'],
  ] as const) {
    const indexes = readIndexes(props[prop], types, (message) => ctx.report('warning', `${logicalId}: ${prop}: ${message}; faaslab leaves that index out`, at(prop)));
    if (prop === 'LocalSecondaryIndexes')
      for (const ix of indexes.splice(0))
        if (ix.keySchema[0]!.name === keySchema[0]!.name) indexes.push(ix);
        else ctx.report('warning', `${logicalId}: LocalSecondaryIndexes: ${ix.indexName} must have the table's HASH key ${keySchema[0]!.name}; faaslab leaves that index out`, at(prop));
    if (indexes.length) table[field] = indexes;
  }
  const stream = obj(props.StreamSpecification);
  if (stream) {
    const view = stream.StreamViewType;
    if (VIEW_TYPES.includes(view as StreamViewType)) table.streamViewType = view as StreamViewType;
    else ctx.report('error', `${logicalId}: StreamSpecification.StreamViewType must be one of ${VIEW_TYPES.join(', ')}; the table has no stream`, at('StreamSpecification'));
  }
  addTable(ctx, load, table, where);
}

/** GlobalSecondaryIndexes or LocalSecondaryIndexes: each needs IndexName, a KeySchema of defined attributes and a Projection. */
function readIndexes(raw: unknown, types: Map<string, KeyAttributeType>, warn: (message: string) => void): SecondaryIndex[] {
  const out: SecondaryIndex[] = [];
  for (const entry of Array.isArray(raw) ? raw : []) {
    const ix = obj(entry);
    const name = ix?.IndexName;
    if (typeof name !== 'string' || !/^[A-Za-z0-9_.-]{3,255}$/.test(name)) {
      warn(`an index needs an IndexName (3-255 letters, digits, _ . -)`);
      continue;
    }
    const keySchema: KeyAttribute[] = [];
    for (const k of Array.isArray(ix!.KeySchema) ? ix!.KeySchema : []) {
      const key = obj(k);
      const type = types.get(String(key?.AttributeName));
      if (typeof key?.AttributeName !== 'string' || (key.KeyType !== 'HASH' && key.KeyType !== 'RANGE') || !type) {
        keySchema.length = 0;
        break;
      }
      keySchema.push({ name: key.AttributeName, type, keyType: key.KeyType });
    }
    keySchema.sort((a, b) => (a.keyType === b.keyType ? 0 : a.keyType === 'HASH' ? -1 : 1));
    if (!keySchema.length || keySchema[0]!.keyType !== 'HASH' || keySchema.length > 2 || keySchema[1]?.keyType === 'HASH') {
      warn(`${name} needs a KeySchema of one HASH and at most one RANGE key, each with an AttributeDefinitions entry`);
      continue;
    }
    const projection = obj(ix!.Projection);
    const type = projection?.ProjectionType ?? 'KEYS_ONLY';
    if (type !== 'ALL' && type !== 'KEYS_ONLY' && type !== 'INCLUDE') {
      warn(`${name}: Projection.ProjectionType must be ALL, KEYS_ONLY or INCLUDE`);
      continue;
    }
    const index: SecondaryIndex = { indexName: name, keySchema, projection: type };
    const extra = projection?.NonKeyAttributes;
    if (type === 'INCLUDE') index.nonKeyAttributes = Array.isArray(extra) ? extra.filter((a): a is string => typeof a === 'string') : [];
    out.push(index);
  }
  return out;
}

function readSimpleTable(ctx: StorageReadContext, load: StorageLoad, logicalId: string, raw: unknown): void {
  const where: Where = ['Resources', logicalId];
  const props = obj(ctx.resolve(raw ?? {}, logicalId, where)) ?? {};
  const pk = obj(props.PrimaryKey);
  let key: KeyAttribute = { name: 'id', type: 'S', keyType: 'HASH' };
  if (pk) {
    const type = TYPES[String(pk.Type)];
    if (typeof pk.Name !== 'string' || !type) {
      ctx.report('error', `${logicalId}: PrimaryKey needs Name and Type String, Number or Binary; the table is not created`, [...where, 'Properties', 'PrimaryKey']);
      return;
    }
    key = { name: pk.Name, type, keyType: 'HASH' };
  }
  addTable(ctx, load, { logicalId, tableName: tableName(ctx, logicalId, props.TableName, [...where, 'Properties', 'TableName']), keySchema: [key] }, where);
}

function tableName(ctx: StorageReadContext, logicalId: string, value: unknown, where: Where): string {
  if (value === undefined) return logicalId;
  const valid = validTableName(value);
  if (valid) return valid;
  ctx.report('warning', `${logicalId}: TableName ${JSON.stringify(value)} is not a valid table name (3-255 letters, digits, _ . -); faaslab names it ${logicalId}`, where);
  return logicalId;
}

function addTable(ctx: StorageReadContext, load: StorageLoad, table: TableDefinition, where: Where): void {
  const same = load.tables.find((t) => t.tableName === table.tableName);
  if (same) return ctx.report('error', `${table.logicalId}: the table name ${table.tableName} is already used by ${same.logicalId}; the table is not created`, where);
  const line = ctx.line(where);
  if (line) table.line = line;
  load.tables.push(table);
}

/** Bucket: !Ref X (or the logical id), Events, Filter.S3Key.Rules. */
function readS3Event(ctx: StorageReadContext, load: StorageLoad, logicalId: string, eventName: string, raw: unknown, where: Where): void {
  const rawProps = obj(raw) ?? {};
  const fail = (message: string) => ctx.report('error', `Events.${eventName}: ${message}; no notifications are sent`, where, logicalId);
  const ref = rawProps.Bucket;
  const bucketId = typeof ref === 'string' ? ref : typeof obj(ref)?.Ref === 'string' ? (obj(ref)!.Ref as string) : undefined;
  const bucket = bucketId === undefined ? undefined : load.buckets.find((b) => b.logicalId === bucketId);
  if (!bucket) return fail('Bucket must be !Ref <Bucket> of an AWS::S3::Bucket of this template (SAM requires the bucket in the same template)');
  const props = obj(ctx.resolve({ ...rawProps, Bucket: undefined }, `Events.${eventName}`, where, logicalId)) ?? {};
  const events = (Array.isArray(props.Events) ? props.Events : [props.Events]).filter((e): e is string => typeof e === 'string');
  if (!events.length) return fail('Events must name the notifications, such as s3:ObjectCreated:*');
  for (const e of events)
    if (!S3_EVENT_TYPES.includes(e))
      ctx.report(
        'warning',
        `Events.${eventName}: ${e} is ${/^s3:/.test(e) ? 'not produced locally' : 'not an S3 event type'}; faaslab produces s3:ObjectCreated:Put and s3:ObjectRemoved:Delete`,
        where,
        logicalId,
      );
  const trigger: S3Trigger = { kind: 's3', logicalId, eventName, bucket: bucket.logicalId, events };
  const rules = obj(obj(props.Filter)?.S3Key)?.Rules;
  for (const r of Array.isArray(rules) ? rules : []) {
    const rule = obj(r);
    const name = String(rule?.Name ?? '').toLowerCase();
    if ((name === 'prefix' || name === 'suffix') && typeof rule?.Value === 'string') trigger[name] = rule.Value;
    else ctx.report('warning', `Events.${eventName}: a Filter.S3Key rule needs Name prefix or suffix and a Value; it is ignored`, where, logicalId);
  }
  const line = ctx.line(where);
  if (line) trigger.line = line;
  load.s3.push(trigger);
}

/** Stream: !GetAtt T.StreamArn, StartingPosition, BatchSize, FunctionResponseTypes, MaximumRetryAttempts, Enabled. */
function readStreamEvent(ctx: StorageReadContext, load: StorageLoad, logicalId: string, eventName: string, raw: unknown, where: Where): void {
  const rawProps = obj(raw) ?? {};
  const at = (k: string): Where => (rawProps[k] !== undefined ? [...where, 'Properties', k] : where);
  const fail = (message: string, key = 'Stream') => ctx.report('error', `Events.${eventName}: ${message}; the stream is not polled`, at(key), logicalId);
  const table = streamTable(load, rawProps.Stream);
  if (!table) return fail('Stream must be !GetAtt <Table>.StreamArn of an AWS::DynamoDB::Table of this template');
  if (!table.streamViewType) return fail(`${table.logicalId} has no StreamSpecification (StreamViewType), so no stream`);
  const props = obj(ctx.resolve({ ...rawProps, Stream: undefined }, `Events.${eventName}`, where, logicalId)) ?? {};
  const position = props.StartingPosition ?? 'TRIM_HORIZON';
  if (position !== 'TRIM_HORIZON' && position !== 'LATEST') return fail('StartingPosition must be TRIM_HORIZON or LATEST', 'StartingPosition');
  let batchSize = 100;
  if (props.BatchSize !== undefined) {
    const n = Number(props.BatchSize);
    if (!Number.isInteger(n) || n < 1 || n > 10_000) return fail('BatchSize must be 1 to 10000', 'BatchSize');
    batchSize = n;
  }
  const trigger: DynamoDbTrigger = { kind: 'dynamodb', logicalId, eventName, table: table.logicalId, batchSize, startingPosition: position };
  const types = props.FunctionResponseTypes;
  if (Array.isArray(types) && types.includes('ReportBatchItemFailures')) trigger.reportBatchItemFailures = true;
  if (props.MaximumRetryAttempts !== undefined) {
    const n = Number(props.MaximumRetryAttempts);
    if (n === -1) {
      // -1: until the record expires, Lambda's default.
    } else if (Number.isInteger(n) && n >= 0 && n <= 10_000) trigger.maximumRetryAttempts = n;
    else ctx.report('warning', `Events.${eventName}: MaximumRetryAttempts must be -1 or 0 to 10000; retrying until it succeeds`, at('MaximumRetryAttempts'), logicalId);
  }
  if (props.MaximumBatchingWindowInSeconds !== undefined) {
    const n = Number(props.MaximumBatchingWindowInSeconds);
    if (Number.isInteger(n) && n >= 0 && n <= 300) trigger.batchingWindowSeconds = n;
    else ctx.report('warning', `Events.${eventName}: MaximumBatchingWindowInSeconds must be 0 to 300; delivering at once`, at('MaximumBatchingWindowInSeconds'), logicalId);
  }
  if (props.Enabled !== undefined && String(props.Enabled).toLowerCase() === 'false') trigger.enabled = false;
  const line = ctx.line(where);
  if (line) trigger.line = line;
  load.streams.push(trigger);
}

function streamTable(load: StorageLoad, stream: unknown): TableDefinition | undefined {
  const getAtt = obj(stream)?.['Fn::GetAtt'];
  let id: string | undefined;
  if (Array.isArray(getAtt) && getAtt[1] === 'StreamArn' && typeof getAtt[0] === 'string') id = getAtt[0];
  if (typeof getAtt === 'string' && getAtt.endsWith('.StreamArn')) id = getAtt.slice(0, -'.StreamArn'.length);
  if (id !== undefined) return load.tables.find((t) => t.logicalId === id);
  if (typeof stream === 'string') {
    const m = /:table\/([^/]+)\/stream\//.exec(stream);
    if (m) return load.tables.find((t) => t.tableName === m[1]);
  }
  return undefined;
}

function obj(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
