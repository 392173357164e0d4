/**
 * faaslab's local SNS over SNS's query protocol (Action=Publish forms, XML answers), on the
 * workspace's topics: a Publish goes where the template's subscriptions and filter policies say,
 * exactly as a publish from the workbench or a Lambda destination does.
 */
import { queryParams, type AwsRequest } from '../aws-request.js';
import type { AwsService, LocalResources } from '../service.js';
import { queryAnswer, queryError, type AwsAnswer, type AwsError } from '../wire.js';
import { unsupported } from './sns-errors.js';
import { publish, publishBatch, type Input, type SnsContext } from './sns-publish.js';
import { snsInput, snsResultXml, SNS_XMLNS } from './sns-query.js';
import { getTopicAttributes, listSubscriptionsByTopic, listTopics } from './sns-topics.js';

const OPERATIONS: Record<string, (input: Input, ctx: SnsContext) => Input> = {
  Publish: publish,
  PublishBatch: publishBatch,
  ListTopics: listTopics,
  GetTopicAttributes: getTopicAttributes,
  ListSubscriptionsByTopic: listSubscriptionsByTopic,
};

export const snsService: AwsService = {
  name: 'sns',

  async handle(req: AwsRequest, resources: LocalResources): Promise<AwsAnswer> {
    const params = queryParams(req);
    const action = params.get('Action') ?? '';
    req.operation = action || 'Unknown';
    const operation = OPERATIONS[action];
    if (!operation) throw unsupported(action || '(no Action)');
    const output = operation(snsInput(params), { req, resources });
    return queryAnswer(action, snsResultXml(output), SNS_XMLNS);
  },

  renderError(err: AwsError): AwsAnswer {
    return queryError(err, SNS_XMLNS);
  },
};
