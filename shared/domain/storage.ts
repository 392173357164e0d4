/**
 * Local stand-ins for the storage resources of a SAM template (issue 4): S3 buckets, bound to a
 * folder, and DynamoDB tables, kept in a JSON file, with their streams. Pure types, read from
 * template.yaml by electron/workspace/read/storage-loader.ts.
 */
import type { DynamoDbTrigger, S3Trigger } from './triggers.js';

/** An AWS::S3::Bucket: BucketName, or the logical id when it has none. */
export interface BucketDefinition {
  logicalId: string;
  bucketName: string;
  line?: number;
}

export type KeyAttributeType = 'S' | 'N' | 'B';
export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

export interface KeyAttribute {
  name: string;
  type: KeyAttributeType;
  keyType: 'HASH' | 'RANGE';
}

/** A global or local secondary index: its key, and which attributes its items carry. */
export interface SecondaryIndex {
  indexName: string;
  /** HASH first, then RANGE when the index has one. */
  keySchema: KeyAttribute[];
  /** Projection.ProjectionType; INCLUDE carries the table's and the index's keys and nonKeyAttributes. */
  projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  nonKeyAttributes?: string[];
}

/** An AWS::DynamoDB::Table or AWS::Serverless::SimpleTable (which has no stream). */
export interface TableDefinition {
  logicalId: string;
  tableName: string;
  /** HASH first, then RANGE when the table has one. */
  keySchema: KeyAttribute[];
  /** StreamSpecification.StreamViewType; undefined when the table has no stream. */
  streamViewType?: StreamViewType;
  /** AttributeDefinitions (the key attributes of the table and its indexes), when the template has them. */
  attributeDefinitions?: Array<{ name: string; type: KeyAttributeType }>;
  globalSecondaryIndexes?: SecondaryIndex[];
  localSecondaryIndexes?: SecondaryIndex[];
  line?: number;
}

/** What the template declares about buckets, tables and their triggers. */
export interface StorageLoad {
  buckets: BucketDefinition[];
  tables: TableDefinition[];
  s3: S3Trigger[];
  streams: DynamoDbTrigger[];
}
