/**
 * faaslab's local EventBridge over its wire protocol, awsJson 1.1 (X-Amz-Target:
 * AWSEvents.<Op>, application/x-amz-json-1.1, errors named by `__type`). It only reads the wire:
 * PutEvents hands each event to the trigger manager's EventBuses (triggers/eventbridge/), which
 * delivers it to the template's rules, exactly as the workbench would.
 */
import { type AwsRequest, jsonObjectBody } from '../aws-request.js';
import type { AwsService, LocalResources } from '../service.js';
import { jsonAnswer, jsonError, type AwsAnswer, type AwsError } from '../wire.js';
import { unknownOperation, unsupported, validation } from './eventbridge-errors.js';
import { putEvents } from './put-events.js';
import { describeRule, listEventBuses, listRules, listTargetsByRule, testEventPattern } from './rules.js';

export type Input = Record<string, unknown>;

export interface EventBridgeContext {
  req: AwsRequest;
  resources: LocalResources;
}

const JSON_TYPE = 'application/x-amz-json-1.1';

const OPERATIONS: Record<string, (input: Input, ctx: EventBridgeContext) => Input> = {
  PutEvents: putEvents,
  ListRules: listRules,
  DescribeRule: describeRule,
  ListTargetsByRule: listTargetsByRule,
  ListEventBuses: listEventBuses,
  TestEventPattern: testEventPattern,
};

/** Operations that exist but would change what the template declares. */
const UNSUPPORTED = new Set([
  'PutRule',
  'DeleteRule',
  'EnableRule',
  'DisableRule',
  'PutTargets',
  'RemoveTargets',
  'CreateEventBus',
  'DeleteEventBus',
  'DescribeEventBus',
  'UpdateEventBus',
  'PutPermission',
  'RemovePermission',
  'CreateArchive',
  'StartReplay',
  'TagResource',
  'UntagResource',
  'ListTagsForResource',
  'ListRuleNamesByTarget',
]);

export const eventBridgeService: AwsService = {
  name: 'events',

  async handle(req: AwsRequest, resources: LocalResources): Promise<AwsAnswer> {
    const action = req.target?.startsWith('AWSEvents.') ? req.target.slice('AWSEvents.'.length) : '';
    req.operation = action || 'Unknown';
    const operation = OPERATIONS[action];
    if (!operation) throw UNSUPPORTED.has(action) ? unsupported(action) : unknownOperation(action || '(no X-Amz-Target)');
    return jsonAnswer(operation(jsonObjectBody(req.body, validation), { req, resources }), JSON_TYPE);
  },

  renderError(err: AwsError): AwsAnswer {
    return jsonError(err, '', JSON_TYPE);
  },
};
