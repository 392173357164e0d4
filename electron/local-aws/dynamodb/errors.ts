/** DynamoDB's own errors, worded as the service words them. */
import { AwsError } from '../wire.js';

export const ERROR_PREFIX = 'com.amazonaws.dynamodb.v20120810#';

export function validation(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

export function notFound(message = 'Requested resource not found'): AwsError {
  return new AwsError('ResourceNotFoundException', message);
}

export const CONDITION_FAILED = 'The conditional request failed';
