/** zod shapes of the buckets.* and tables.* host methods (local S3 buckets and DynamoDB tables). */
import { z } from 'zod';

export const BucketInfoShape = z.object({
  logicalId: z.string(),
  bucketName: z.string(),
  /** The local folder bound to the bucket: <workspace>/.faaslab/buckets/<BucketName>/. */
  folder: z.string(),
  objectCount: z.number(),
});
export type BucketInfo = z.infer<typeof BucketInfoShape>;

export const BucketObjectShape = z.object({ key: z.string(), size: z.number(), modified: z.string() });

/** A bucket's logical id or name. */
export const BucketRef = z.string().min(1);
export const ObjectKey = z.string().min(1).max(1024);

export const TableInfoShape = z.object({
  logicalId: z.string(),
  tableName: z.string(),
  keySchema: z.array(z.object({ name: z.string(), type: z.enum(['S', 'N', 'B']), keyType: z.enum(['HASH', 'RANGE']) })),
  streamViewType: z.enum(['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES']).optional(),
  streamArn: z.string().optional(),
  itemCount: z.number(),
  /** The local file the table is kept in. */
  file: z.string(),
});
export type TableInfo = z.infer<typeof TableInfoShape>;

/** An item in DynamoDB JSON ({"id": {"S": "1"}}). */
export const DynamoItemShape = z.record(z.string(), z.unknown());

/** A table's logical id or name. */
export const TableRef = z.string().min(1);
