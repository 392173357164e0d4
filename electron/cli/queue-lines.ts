/** What `faaslab serve` prints about the workspace's queues and topics. */
import type { QueueInfo, TopicInfo } from '../../shared/api/schemas.js';

export function messagingLines(queues: QueueInfo[], topics: TopicInfo[]): string[] {
  const lines: string[] = [];
  if (queues.length) lines.push(`faaslab: ${queues.length} queue${queues.length === 1 ? '' : 's'} (faaslab queue send <Queue> <body> sends to one)`);
  for (const q of queues) {
    const dlq = q.deadLetterTarget ? `, DLQ ${q.deadLetterTarget} after ${q.maxReceiveCount} receives` : q.isDeadLetterQueue ? ', a dead-letter queue' : '';
    const to = q.consumers.length ? `  -> ${q.consumers.join(', ')}` : '';
    lines.push(`  ${q.logicalId}  ${q.queueName}${dlq}${to}`);
  }
  if (topics.length) lines.push(`faaslab: ${topics.length} topic${topics.length === 1 ? '' : 's'} (faaslab topic publish <Topic> <message> publishes)`);
  for (const t of topics) {
    const subs = t.subscriptions.map((s) => `${s.protocol === 'lambda' ? 'function' : 'queue'} ${s.target}`).join(', ');
    lines.push(`  ${t.logicalId}  ${t.topicName}  -> ${subs || 'no subscribers'}`);
  }
  return lines;
}
