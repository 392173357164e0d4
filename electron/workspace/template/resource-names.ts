/**
 * The names the template's buckets, tables, queues and topics get, as CloudFormation would give
 * them here: the loaders that create the local resources and resource-refs.ts (what !Ref gives
 * a function) must agree, so both take them from here.
 */

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

/** A BucketName S3 would accept, else undefined (the bucket is then named by its logical id). */
export function validBucketName(value: unknown): string | undefined {
  return typeof value === 'string' && BUCKET_NAME.test(value) ? value : undefined;
}

/** A TableName DynamoDB would accept, else undefined (the table is then named by its logical id). */
export function validTableName(value: unknown): string | undefined {
  return typeof value === 'string' && TABLE_NAME.test(value) ? value : undefined;
}

/** A queue's or topic's name: the one given, else `<stack>-<id>` (with .fifo for a FIFO one); a FIFO name always ends in .fifo. */
export function messagingName(given: unknown, logicalId: string, stack: string, fifo: boolean): string {
  const name = typeof given === 'string' && given ? given : `${stack}-${logicalId}${fifo ? '.fifo' : ''}`;
  return fifo && !name.endsWith('.fifo') ? `${name}.fifo` : name;
}
