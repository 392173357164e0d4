/**
 * SNS shapes and subscription filter policies. A filter policy is applied to the message
 * attributes (FilterPolicyScope MessageAttributes, SNS's default): every key of the policy must
 * match; a key's list matches when one entry does. Entries: exact strings and numbers,
 * {"prefix": s}, {"anything-but": value or list}, {"exists": bool}, {"numeric": [">", 0, "<=", 5]}.
 * An attribute given with its SNS data type is matched as SNS does: strings only by string
 * rules, numbers only by numeric ones, each element of a String.Array, never a Binary one; one
 * given as bare text (the workbench's publish) is a number when it reads as one. Not simulated:
 * suffix, equals-ignore-case, cidr, $or, nested MessageBody policies.
 */
import { randomUUID } from 'node:crypto';
import type { TopicConfig } from '../../workspace/read/messaging-loader.js';

/** A message attribute as SNS events carry it: String, Number, Binary (Value in base64) or String.Array (Value a JSON array). */
export interface SnsAttribute {
  Type: string;
  Value: string;
}

/** Attributes as publishers give them: typed, or bare text whose type is guessed. */
export type PublishedAttributes = Record<string, string | SnsAttribute>;

export interface SnsMessage {
  messageId: string;
  topic: TopicConfig;
  message: string;
  subject?: string;
  timestamp: string;
  messageAttributes: Record<string, SnsAttribute>;
}

export function newSnsMessage(topic: TopicConfig, message: string, subject?: string, messageAttributes: PublishedAttributes = {}): SnsMessage {
  return { messageId: randomUUID(), topic, message, ...(subject ? { subject } : {}), timestamp: new Date().toISOString(), messageAttributes: typedAttributes(messageAttributes) };
}

export function typedAttributes(attributes: PublishedAttributes): Record<string, SnsAttribute> {
  return Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, typeof v === 'string' ? { Type: isNumber(v) ? 'Number' : 'String', Value: v } : v]));
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
          MessageAttributes: m.messageAttributes,
        },
      },
    ],
  };
}

/** The JSON an SQS subscription's message body holds (without RawMessageDelivery). */
export function snsNotificationJson(m: SnsMessage, region: string, subscriptionArn: string): string {
  const signing = SIGNING(region);
  const attrs = m.messageAttributes;
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

export function matchesFilterPolicy(policy: Record<string, unknown> | undefined, attributes: PublishedAttributes): boolean {
  if (!policy) return true;
  return Object.entries(policy).every(([key, rule]) => {
    const rules = Array.isArray(rule) ? rule : [rule];
    const given = attributes[key];
    if (given === undefined) return rules.some((r) => matchOne(r, undefined));
    return candidates(given).some((value) => rules.some((r) => matchOne(r, value)));
  });
}

/** What a rule is matched against: text with whether it may match string and numeric rules. */
interface Candidate {
  text: string;
  asString: boolean;
  asNumber: boolean;
}

function candidates(given: string | SnsAttribute): Candidate[] {
  if (typeof given === 'string') return [{ text: given, asString: true, asNumber: isNumber(given) }];
  const base = given.Type.split('.')[0];
  if (given.Type === 'String.Array') {
    let items: unknown;
    try {
      items = JSON.parse(given.Value);
    } catch {
      return [];
    }
    if (!Array.isArray(items)) return [];
    return items.map((i) => (typeof i === 'number' ? { text: String(i), asString: false, asNumber: true } : { text: String(i), asString: typeof i === 'string', asNumber: false }));
  }
  if (base === 'Number') return [{ text: given.Value, asString: false, asNumber: isNumber(given.Value) }];
  if (base === 'String') return [{ text: given.Value, asString: true, asNumber: false }];
  return []; // Binary attributes are never matched by a filter policy.
}

function matchOne(rule: unknown, value: Candidate | undefined): boolean {
  if (typeof rule === 'string') return value !== undefined && value.asString && value.text === rule;
  if (typeof rule === 'number') return value !== undefined && value.asNumber && Number(value.text) === rule;
  if (typeof rule === 'boolean') return value !== undefined && value.text === String(rule);
  if (typeof rule !== 'object' || rule === null) return false;
  const r = rule as Record<string, unknown>;
  if ('exists' in r) return r.exists === true ? value !== undefined : value === undefined;
  if (value === undefined) return false;
  if (typeof r.prefix === 'string') return value.asString && value.text.startsWith(r.prefix);
  if (Array.isArray(r.numeric)) return value.asNumber && inRange(Number(value.text), r.numeric);
  if ('anything-but' in r) {
    const but = r['anything-but'];
    const list = Array.isArray(but) ? but : [but];
    return !list.some((b) => (typeof b === 'number' ? value.asNumber && Number(value.text) === b : String(b) === value.text));
  }
  return false;
}

/** {"numeric": ["=", 5]} or one or two comparisons: [">", 0, "<=", 100]. */
function inRange(n: number, spec: unknown[]): boolean {
  for (let i = 0; i + 1 < spec.length; i += 2) {
    const [op, bound] = [spec[i], Number(spec[i + 1])];
    const ok = op === '=' ? n === bound : op === '<' ? n < bound : op === '<=' ? n <= bound : op === '>' ? n > bound : op === '>=' ? n >= bound : false;
    if (!ok) return false;
  }
  return spec.length >= 2;
}

function isNumber(text: string): boolean {
  return text.trim() !== '' && Number.isFinite(Number(text));
}
