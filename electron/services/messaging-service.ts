/**
 * queues.* and topics.*: the workspace's local SQS queues and SNS topics (electron/triggers/
 * messaging/), as the UI and `faaslab queue send` / `faaslab topic publish` use them.
 */
import type { HostContext } from './host-context.js';
import { HostError } from './host-types.js';
import type { Registry } from './registry.js';

export function setupMessaging(registry: Registry, ctx: HostContext): void {
  const messaging = () => ctx.session().triggers.messaging;
  const queue = (ref: string) => {
    const q = messaging().queue(ref);
    if (!q)
      throw new HostError(
        'NotFound',
        `no queue ${ref}; the workspace's queues: ${
          messaging()
            .listQueues()
            .map((x) => x.logicalId)
            .join(', ') || 'none'
        }`,
      );
    return q;
  };
  const topic = (ref: string) => {
    const t = messaging().topic(ref);
    if (!t)
      throw new HostError(
        'NotFound',
        `no topic ${ref}; the workspace's topics: ${
          messaging()
            .listTopics()
            .map((x) => x.logicalId)
            .join(', ') || 'none'
        }`,
      );
    return t;
  };

  registry.register('queues.list', async () => messaging().listQueues());
  registry.register('queues.send', async ({ queue: ref, body, delaySeconds, messageGroupId, messageAttributes }) => {
    const q = queue(ref);
    try {
      const attrs = Object.fromEntries(Object.entries(messageAttributes ?? {}).map(([k, v]) => [k, { DataType: 'String' as const, StringValue: v }]));
      const m = messaging().send(q, body, { delaySeconds, messageAttributes: attrs, messageGroupId: messageGroupId ?? (q.config.fifo ? 'default' : undefined) });
      return { messageId: m.messageId, md5OfBody: m.md5OfBody };
    } catch (err) {
      throw new HostError('ValidationError', (err as Error).message);
    }
  });
  registry.register('queues.messages', async ({ queue: ref }) => messaging().messages(queue(ref)));
  registry.register('queues.purge', async ({ queue: ref }) => ({ purged: queue(ref).purge() }));
  registry.register('topics.list', async () => messaging().listTopics());
  registry.register('topics.publish', async ({ topic: ref, message, subject, messageAttributes }) => messaging().publish(topic(ref), message, subject, messageAttributes ?? {}));
}
