/** One call a function made to an AWS service through faaslab's local endpoint, as its invocation's record lists it. */
export interface AwsCall {
  /** The SigV4 service name: 's3', 'dynamodb', 'sqs', 'sns', 'events'. */
  service: string;
  /** The API operation: 'PutObject', 'Query', 'SendMessage', ... */
  operation: string;
  /** The bucket (and key), table, queue or topic it was about. */
  resource?: string;
  /** The HTTP status of the answer. */
  status: number;
  /** The service's error code when it failed (NoSuchKey, ConditionalCheckFailedException, ...). */
  errorCode?: string;
  /** When the call arrived, in ms since the epoch. */
  startedAt: number;
  durationMs: number;
}

/** Where a function's AWS SDK calls go: faaslab's local services, or a real AWS account. */
export type AwsTarget = { mode: 'local' } | RealAwsTarget;
export interface RealAwsTarget {
  mode: 'aws';
  profile: string;
  region: string;
}
