/**
 * `faaslab queue send <Queue> <body>` and `faaslab topic publish <Topic> <message>`: send to a
 * local SQS queue or publish to a local SNS topic of the workspace a running host serves
 * (faaslab serve, faaslab ui), through the host API, as schedule-command.ts does.
 */
import { parseCommandArgs, UsageError } from './args.js';
import { connectHost } from './host-client.js';

export const QUEUE_HELP = `Usage: faaslab queue send <Queue> <body> [--delay N] [--workspace DIR]

Sends a message to a queue (an AWS::SQS::Queue of template.yaml) in the faaslab that serves the
workspace (faaslab serve, or the workbench). <Queue> is its logical id, name, ARN or URL. Functions
with an SQS event on the queue receive it. Prints the message id.

Options:
  -d, --delay N         DelaySeconds (0-900; default: the queue's DelaySeconds)
  -w, --workspace DIR   The folder with template.yaml (default: the current folder)
  -h, --help            Show this help

Exit status: 0 when sent; 1 when no faaslab serves the workspace or there is no such queue;
2 for a usage mistake.`;

export const TOPIC_HELP = `Usage: faaslab topic publish <Topic> <message> [--subject S] [--workspace DIR]

Publishes a message to a topic (an AWS::SNS::Topic of template.yaml) in the faaslab that serves
the workspace. Every subscriber gets it: functions (SNS events, as Event invocations) and queues
(the SNS notification JSON, or the raw message with RawMessageDelivery). <Topic> is its logical
id, name or ARN. Prints the message id and how many subscribers got it.

Options:
  -s, --subject S       The Subject
  -w, --workspace DIR   The folder with template.yaml (default: the current folder)
  -h, --help            Show this help

Exit status: 0 when published; 1 when no faaslab serves the workspace or there is no such topic;
2 for a usage mistake.`;

export async function queueCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { workspace: { type: 'string', short: 'w' }, delay: { type: 'string', short: 'd' } });
  if (values.help) {
    process.stdout.write(`${QUEUE_HELP}\n`);
    return 0;
  }
  const [action, queue, body, ...extra] = positionals;
  if (action !== 'send') throw new UsageError(action === undefined ? 'missing the action: faaslab queue send <Queue> <body>' : `unknown action '${action}'; the action is send`);
  if (queue === undefined || body === undefined) throw new UsageError('missing the queue or the body: faaslab queue send <Queue> <body>');
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  let delaySeconds: number | undefined;
  if (values.delay !== undefined) {
    delaySeconds = Number(values.delay);
    if (!Number.isInteger(delaySeconds) || delaySeconds < 0 || delaySeconds > 900) throw new UsageError('--delay must be a whole number of seconds from 0 to 900');
  }
  const client = await connectHost(typeof values.workspace === 'string' ? values.workspace : undefined);
  try {
    const sent = await client.call('queues.send', { queue, body, ...(delaySeconds !== undefined ? { delaySeconds } : {}) });
    process.stdout.write(`${sent.messageId}\n`);
    return 0;
  } finally {
    await client.close();
  }
}

export async function topicCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { workspace: { type: 'string', short: 'w' }, subject: { type: 'string', short: 's' } });
  if (values.help) {
    process.stdout.write(`${TOPIC_HELP}\n`);
    return 0;
  }
  const [action, topic, message, ...extra] = positionals;
  if (action !== 'publish') throw new UsageError(action === undefined ? 'missing the action: faaslab topic publish <Topic> <message>' : `unknown action '${action}'; the action is publish`);
  if (topic === undefined || message === undefined) throw new UsageError('missing the topic or the message: faaslab topic publish <Topic> <message>');
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  const client = await connectHost(typeof values.workspace === 'string' ? values.workspace : undefined);
  try {
    const subject = typeof values.subject === 'string' ? values.subject : undefined;
    const { messageId, delivered } = await client.call('topics.publish', { topic, message, ...(subject ? { subject } : {}) });
    process.stdout.write(`${messageId}\n`);
    process.stderr.write(`faaslab topic: delivered to ${delivered} subscriber${delivered === 1 ? '' : 's'}\n`);
    return 0;
  } finally {
    await client.close();
  }
}
