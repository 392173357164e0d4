/** ListTopics, GetTopicAttributes and ListSubscriptionsByTopic: the template's topics and subscriptions as SNS describes them. */
import { text, topicOf, type Input, type SnsContext } from './sns-publish.js';

/** SNS pages both lists by 100. */
const PAGE = 100;

const EFFECTIVE_DELIVERY_POLICY = JSON.stringify({
  http: {
    defaultHealthyRetryPolicy: { minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3, numMaxDelayRetries: 0, numNoDelayRetries: 0, numMinDelayRetries: 0, backoffFunction: 'linear' },
    disableSubscriptionOverrides: false,
    defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
  },
});

export function listTopics(input: Input, ctx: SnsContext): Input {
  const arns = ctx.resources.triggers.messaging
    .listTopics()
    .map((t) => t.arn)
    .sort();
  return page(
    arns.map((TopicArn) => ({ TopicArn })),
    input,
    'Topics',
  );
}

export function getTopicAttributes(input: Input, ctx: SnsContext): Input {
  const topic = topicOf(input, ctx);
  const subscriptions = topic.subscriptions.length;
  return {
    Attributes: {
      TopicArn: topic.arn,
      Owner: ctx.resources.accountId,
      DisplayName: '',
      SubscriptionsConfirmed: String(subscriptions),
      SubscriptionsPending: '0',
      SubscriptionsDeleted: '0',
      EffectiveDeliveryPolicy: EFFECTIVE_DELIVERY_POLICY,
      ...(topic.fifo ? { FifoTopic: 'true', ContentBasedDeduplication: String(!!topic.contentBasedDeduplication) } : {}),
    },
  };
}

export function listSubscriptionsByTopic(input: Input, ctx: SnsContext): Input {
  const topic = topicOf(input, ctx);
  const subs = ctx.resources.triggers.messaging.subscriptions(topic).map((s) => ({
    SubscriptionArn: s.subscriptionArn,
    Owner: ctx.resources.accountId,
    Protocol: s.protocol,
    Endpoint: s.endpoint,
    TopicArn: topic.arn,
  }));
  return page(subs, input, 'Subscriptions');
}

function page(items: Input[], input: Input, key: string): Input {
  const token = text(input, 'NextToken');
  const start = token ? Number(Buffer.from(token, 'base64').toString('utf8')) || 0 : 0;
  const more = start + PAGE < items.length;
  return { [key]: items.slice(start, start + PAGE), ...(more ? { NextToken: Buffer.from(String(start + PAGE)).toString('base64') } : {}) };
}
