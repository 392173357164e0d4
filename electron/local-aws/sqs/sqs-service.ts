/**
 * faaslab's local SQS, over both of SQS's wire protocols: the JSON protocol current SDKs speak
 * (X-Amz-Target: AmazonSQS.<Op>, application/x-amz-json-1.0) and the query protocol older
 * clients speak (Action=<Op> forms, XML answers). Both reach the same operations, which read and
 * write the workspace's queues (triggers/messaging/local-queue.ts): a sent message is what the
 * queue's event source mapping delivers and what the workbench shows.
 */
import { queryParams, type AwsRequest, jsonObjectBody } from '../aws-request.js';
import type { AwsService, LocalResources } from '../service.js';
import { newRequestId, queryAnswer, queryError, jsonAnswer, AwsError, type AwsAnswer } from '../wire.js';
import { invalidAction, invalidParameterValue, SqsError, unsupportedOperation } from './sqs-errors.js';
import type { Input } from './sqs-input.js';
import { queryInput, resultXml, SQS_XMLNS } from './sqs-query.js';
import { getQueueAttributes, getQueueUrl, listQueues, purgeQueue, type SqsContext } from './sqs-queues.js';
import { changeMessageVisibility, changeMessageVisibilityBatch, deleteMessage, deleteMessageBatch, receiveMessage } from './sqs-receive.js';
import { sendMessage, sendMessageBatch } from './sqs-send.js';

type Operation = (input: Input, ctx: SqsContext) => Input | Promise<Input>;

const OPERATIONS: Record<string, Operation> = {
  SendMessage: sendMessage,
  SendMessageBatch: sendMessageBatch,
  ReceiveMessage: receiveMessage,
  DeleteMessage: deleteMessage,
  DeleteMessageBatch: deleteMessageBatch,
  ChangeMessageVisibility: changeMessageVisibility,
  ChangeMessageVisibilityBatch: changeMessageVisibilityBatch,
  GetQueueUrl: getQueueUrl,
  GetQueueAttributes: getQueueAttributes,
  ListQueues: listQueues,
  PurgeQueue: purgeQueue,
};

/** SQS operations that exist but change what the template declares, or that faaslab does not model. */
const UNSUPPORTED = new Set([
  'CreateQueue',
  'DeleteQueue',
  'SetQueueAttributes',
  'AddPermission',
  'RemovePermission',
  'TagQueue',
  'UntagQueue',
  'ListQueueTags',
  'ListDeadLetterSourceQueues',
  'StartMessageMoveTask',
  'CancelMessageMoveTask',
  'ListMessageMoveTasks',
]);

const JSON_TYPE = 'application/x-amz-json-1.0';

export const sqsService: AwsService = {
  name: 'sqs',

  async handle(req: AwsRequest, resources: LocalResources): Promise<AwsAnswer> {
    const json = req.target !== undefined;
    const action = json ? req.target!.slice(req.target!.indexOf('.') + 1) : (queryParams(req).get('Action') ?? '');
    req.operation = action || 'Unknown';
    const operation = OPERATIONS[action];
    if (!operation) throw UNSUPPORTED.has(action) ? unsupportedOperation(action) : invalidAction(action || '(none)');
    const input = json ? jsonObjectBody(req.body, invalidParameterValue) : queryInput(queryParams(req));
    const output = await operation(input, { req, resources });
    return json ? jsonAnswer(output, JSON_TYPE) : queryAnswer(action, resultXml(action, output), SQS_XMLNS);
  },

  renderError(err: AwsError, req: AwsRequest): AwsAnswer {
    const queryCode = err instanceof SqsError ? err.queryCode : err.code;
    if (req.target === undefined) return queryError(new AwsError(queryCode, err.message, err.status), SQS_XMLNS);
    const requestId = newRequestId();
    return {
      status: err.status,
      headers: { 'content-type': JSON_TYPE, 'x-amzn-requestid': requestId, 'x-amzn-query-error': `${queryCode};${err.status >= 500 ? 'Receiver' : 'Sender'}` },
      body: JSON.stringify({ __type: `com.amazonaws.sqs#${err.code}`, message: err.message }),
    };
  },
};
