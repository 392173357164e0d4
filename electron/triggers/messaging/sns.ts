/**
 * SNS shapes and subscription filter policies. A filter policy is applied to the message
 * attributes (FilterPolicyScope MessageAttributes, SNS's default): every key of the policy must
 * match; a key's list matches when one entry does. Entries: exact strings and numbers,
 * {"prefix": s}, {"anything-but": value or list}, {"exists": bool}. Not simulated: numeric
 * ranges, suffix, equals-ignore-case, cidr, $or, nested MessageBody policies.
 */
import { randomUUID } from 'node:crypto';
import type { TopicConfig } from '../../workspace/read/messaging-loader.js';

export interface SnsMessage {
  messageId: string;
  topic: TopicConfig;
  message: string;
  subject?: string;
  timestamp: string;
  messageAttributes: Record<string, string>;
}

export function newSnsMessage(topic: TopicConfig, message: string, subject?: string, messageAttributes: Record<string, string> = {}): SnsMessage {
  return { messageId: randomUUID(), topic, message, ...(subject ? { subject } : {}), timestamp: new Date().toISOString(), messageAttributes };
}

function attributesOf(m: SnsMessage): Record<string, { Type: string; Value: string }> {
  return Object.fromEntries(Object.entries(m.messageAttributes).map(([k, v]) => [k, { Type: isNumber(v) ? 'Number' : 'String', Value: v }]));
}

const SIGNING = (region: string) => ({
  SignatureVersion: '1',
  Signature: 'RkFBU0xBQkxPQ0FMU0lHTkFUVVJF',
  SigningCertUrl: `https://sns.${region}.amazonaws.com/SimpleNotificationService-faaslab.pem`,
});

/** What a function subscription receives. */
export function snsEvent(m: SnsMessage, region: string, subscriptionArn: string): unknown {
  const signing = SIGNING(region);
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: subscriptionArn,
        Sns: {
          Type: 'Notification',
          MessageId: m.messageId,
          TopicArn: m.topic.arn,
          Subject: m.subject ?? null,
          Message: m.message,
          Timestamp: m.timestamp,
          SignatureVersion: signing.SignatureVersion,
          Signature: signing.Signature,
          SigningCertUrl: signing.SigningCertUrl,
          UnsubscribeUrl: `https://sns.${region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
          MessageAttributes: attributesOf(m),
        },
      },
    ],
  };
}

/** The JSON an SQS subscription's message body holds (without RawMessageDelivery). */
export function snsNotificationJson(m: SnsMessage, region: string, subscriptionArn: string): string {
  const signing = SIGNING(region);
  const attrs = attributesOf(m);
  return JSON.stringify({
    Type: 'Notification',
    MessageId: m.messageId,
    TopicArn: m.topic.arn,
    ...(m.subject ? { Subject: m.subject } : {}),
    Message: m.message,
    Timestamp: m.timestamp,
    SignatureVersion: signing.SignatureVersion,
    Signature: signing.Signature,
    SigningCertURL: signing.SigningCertUrl,
    UnsubscribeURL: `https://sns.${region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
    ...(Object.keys(attrs).length ? { MessageAttributes: attrs } : {}),
  });
}

export function matchesFilterPolicy(policy: Record<string, unknown> | undefined, attributes: Record<string, string>): boolean {
  if (!policy) return true;
  return Object.entries(policy).every(([key, rule]) => {
    const rules = Array.isArray(rule) ? rule : [rule];
    const value = attributes[key];
    return rules.some((r) => matchOne(r, value));
  });
}

function matchOne(rule: unknown, value: string | undefined): boolean {
  if (typeof rule === 'string') return value === rule;
  if (typeof rule === 'number') return value !== undefined && isNumber(value) && Number(value) === rule;
  if (typeof rule === 'boolean') return value === String(rule);
  if (typeof rule !== 'object' || rule === null) return false;
  const r = rule as Record<string, unknown>;
  if ('exists' in r) return r.exists === true ? value !== undefined : value === undefined;
  if (value === undefined) return false;
  if (typeof r.prefix === 'string') return value.startsWith(r.prefix);
  if ('anything-but' in r) {
    const but = r['anything-but'];
    const list = Array.isArray(but) ? but : [but];
    return !list.some((b) => (typeof b === 'number' ? isNumber(value) && Number(value) === b : String(b) === value));
  }
  return false;
}

function isNumber(text: string): boolean {
  return text.trim() !== '' && Number.isFinite(Number(text));
}
