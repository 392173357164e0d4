/**
 * SQS's errors with its own codes and words. An error has two names: the JSON protocol's
 * (`__type` com.amazonaws.sqs#QueueDoesNotExist) and the query protocol's
 * (AWS.SimpleQueueService.NonExistentQueue), which the JSON protocol also sends, in the
 * x-amzn-query-error header: the SDKs read that header first (awsQueryCompatible) and find the
 * error's class by it, so both must be right.
 */
import { AwsError } from '../wire.js';

export class SqsError extends AwsError {
  constructor(
    code: string,
    message: string,
    /** The query protocol's code (the awsQueryError of SQS's model), when it differs from `code`. */
    readonly queryCode = code,
    status = 400,
  ) {
    super(code, message, status);
  }
}

export const queueDoesNotExist = () => new SqsError('QueueDoesNotExist', 'The specified queue does not exist.', 'AWS.SimpleQueueService.NonExistentQueue');

export const missingParameter = (name: string) => new SqsError('MissingParameter', `The request must contain the parameter ${name}.`);

export const invalidParameterValue = (message: string) => new SqsError('InvalidParameterValue', message);

/** "Value 901 for parameter DelaySeconds is invalid. Reason: ..." */
export const invalidValue = (name: string, value: unknown, reason: string) =>
  invalidParameterValue(`Value ${typeof value === 'string' ? value : JSON.stringify(value)} for parameter ${name} is invalid. Reason: ${reason}`);

export const notForThisQueueType = (name: string, value: unknown) => invalidValue(name, value, 'The request include parameter that is not valid for this queue type.');

export const receiptHandleIsInvalid = (handle: string, reason = 'The receipt handle is not valid.') =>
  new SqsError('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle. ${reason}`.trim(), 'ReceiptHandleIsInvalid', 404);

export const messageNotInflight = () => new SqsError('MessageNotInflight', 'Message does not exist or is not available for visibility timeout change.', 'AWS.SimpleQueueService.MessageNotInflight');

export const emptyBatchRequest = (entry: string) => new SqsError('EmptyBatchRequest', `There should be at least one ${entry} in the request.`, 'AWS.SimpleQueueService.EmptyBatchRequest');

export const tooManyEntries = (count: number) =>
  new SqsError('TooManyEntriesInBatchRequest', `Maximum number of entries per request are 10. You have sent ${count}.`, 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest');

export const batchEntryIdsNotDistinct = (id: string) => new SqsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`, 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct');

export const invalidBatchEntryId = () =>
  new SqsError(
    'InvalidBatchEntryId',
    'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
    'AWS.SimpleQueueService.InvalidBatchEntryId',
  );

export const batchRequestTooLong = (bytes: number, limit: number) =>
  new SqsError('BatchRequestTooLong', `Batch requests cannot be longer than ${limit} bytes. You have sent ${bytes} bytes.`, 'AWS.SimpleQueueService.BatchRequestTooLong');

export const invalidAttributeName = (name: string) => new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);

export const invalidMessageContents = (message: string) => new SqsError('InvalidMessageContents', message);

export const unsupportedOperation = (action: string) =>
  new SqsError(
    'UnsupportedOperation',
    `faaslab's local SQS does not support ${action}: its queues are the template's AWS::SQS::Queue resources (edit template.yaml to add, change or remove one)`,
    'AWS.SimpleQueueService.UnsupportedOperation',
  );

export const invalidAction = (action: string) => new SqsError('InvalidAction', `The action ${action} is not valid for this endpoint.`, 'InvalidAction');
