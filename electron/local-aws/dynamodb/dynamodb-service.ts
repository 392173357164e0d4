/**
 * DynamoDB over its JSON 1.0 protocol (X-Amz-Target: DynamoDB_20120810.<Operation>), on the
 * workspace's local tables: a PutItem is a row in the table's file and a record on its stream.
 */
import type { AwsRequest } from '../aws-request.js';
import type { AwsService, LocalResources } from '../service.js';
import { ValidationError } from '../../triggers/storage/dynamodb-json.js';
import type { StorageTriggers } from '../../triggers/storage/storage-triggers.js';
import { AwsError, jsonAnswer, jsonError, type AwsAnswer } from '../wire.js';
import { ERROR_PREFIX, validation } from './errors.js';
import { batchGetItem, batchWriteItem } from './batch-ops.js';
import { deleteItem, getItem, putItem, updateItem } from './item-ops.js';
import { query, scan } from './read-ops.js';
import { describeTable, listTables } from './table-ops.js';
import { transactGetItems, transactWriteItems } from './transact-ops.js';

type Body = Record<string, unknown>;
type Operation = (storage: StorageTriggers, body: Body, resources: LocalResources) => Promise<Record<string, unknown>> | Record<string, unknown>;

const OPERATIONS: Record<string, Operation> = {
  GetItem: getItem,
  PutItem: putItem,
  UpdateItem: updateItem,
  DeleteItem: deleteItem,
  Query: query,
  Scan: scan,
  BatchGetItem: batchGetItem,
  BatchWriteItem: batchWriteItem,
  TransactWriteItems: transactWriteItems,
  TransactGetItems: transactGetItems,
  DescribeTable: (storage, body, resources) => describeTable(storage, resources, body),
  ListTables: listTables,
};

export const dynamodbService: AwsService = {
  name: 'dynamodb',

  async handle(req: AwsRequest, resources: LocalResources): Promise<AwsAnswer> {
    const operation = /^DynamoDB_20120810\.(\w+)$/.exec(req.target ?? '')?.[1];
    req.operation = operation ?? 'Unknown';
    const run = operation ? OPERATIONS[operation] : undefined;
    if (!run) {
      const known = req.target?.startsWith('DynamoDB_20120810.');
      throw new AwsError(
        'UnknownOperationException',
        known ? `faaslab's local DynamoDB does not have ${operation ?? req.target}; it has ${Object.keys(OPERATIONS).join(', ')}` : `Unknown operation ${req.target ?? ''}`,
      );
    }
    let body: Body;
    try {
      const parsed: unknown = JSON.parse(req.body.toString('utf8') || '{}');
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Body;
    } catch {
      throw new AwsError('SerializationException', 'Start of structure or map found where not expected');
    }
    if (typeof body.TableName === 'string') req.resource = body.TableName;
    else if (body.RequestItems && typeof body.RequestItems === 'object') req.resource = Object.keys(body.RequestItems).join(', ');
    try {
      return jsonAnswer(await run(resources.triggers.storage, body, resources));
    } catch (err) {
      // The local table's own key checks speak DynamoDB's words already.
      if (err instanceof ValidationError) throw validation(err.message);
      throw err;
    }
  },

  renderError(err: AwsError): AwsAnswer {
    return jsonError(err, ERROR_PREFIX);
  },
};
