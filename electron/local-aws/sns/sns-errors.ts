/** SNS's errors in its own words (the query protocol's Code is the SDKs' error name). */
import { AwsError } from '../wire.js';

export const topicNotFound = () => new AwsError('NotFound', 'Topic does not exist', 404);

export const invalidParameter = (what: string) => new AwsError('InvalidParameter', `Invalid parameter: ${what}`);

export const invalidAttributeValue = (reason: string) => new AwsError('ParameterValueInvalid', reason);

export const emptyBatch = () => new AwsError('EmptyBatchRequest', "The batch request doesn't contain any entries");

export const tooManyEntries = () => new AwsError('TooManyEntriesInBatchRequest', 'The batch request contains more entries than permissible');

export const idsNotDistinct = () => new AwsError('BatchEntryIdsNotDistinct', 'Two or more batch entries in the request have the same Id');

export const invalidBatchEntryId = () => new AwsError('InvalidBatchEntryId', "The Id of a batch entry in a batch request doesn't abide by the specification");

export const unsupported = (action: string) =>
  new AwsError(
    'InvalidAction',
    `faaslab's local SNS does not support ${action}: its topics and subscriptions are the template's AWS::SNS::Topic and AWS::SNS::Subscription resources (edit template.yaml to change them)`,
  );
