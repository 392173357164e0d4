/**
 * SQS's query protocol (Action=SendMessage form bodies, XML answers), as Debian's boto3 1.26 and
 * other older clients speak it, turned into the JSON protocol's shapes so that one set of
 * operations serves both: flattened parameters (MessageAttribute.1.Name,
 * SendMessageBatchRequestEntry.2.Id, AttributeName.1) become the JSON members (MessageAttributes,
 * Entries, AttributeNames), and an operation's JSON answer becomes its XML result with the
 * model's flattened element names (Message, QueueUrl, Attribute, SendMessageBatchResultEntry).
 */
import { formTree, type FormTree } from '../aws-request.js';
import { xmlEscape } from '../wire.js';

export const SQS_XMLNS = 'http://queue.amazonaws.com/doc/2012-11-05/';

const LISTS: Record<string, string> = {
  AttributeName: 'AttributeNames',
  MessageAttributeName: 'MessageAttributeNames',
  MessageSystemAttributeName: 'MessageSystemAttributeNames',
  SendMessageBatchRequestEntry: 'Entries',
  DeleteMessageBatchRequestEntry: 'Entries',
  ChangeMessageVisibilityBatchRequestEntry: 'Entries',
};
const MAPS: Record<string, string> = { MessageAttribute: 'MessageAttributes', MessageSystemAttribute: 'MessageSystemAttributes', Attribute: 'Attributes' };

type Tree = FormTree;

/** The form's parameters as the JSON protocol's input object (numbers stay text; the operations read both). */
export function queryInput(params: URLSearchParams): Record<string, unknown> {
  return shape(formTree(params)) as Record<string, unknown>;
}

function shape(tree: Tree | string): unknown {
  if (typeof tree === 'string') return tree;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tree)) {
    const items = typeof value === 'object' && Object.keys(value).every((k) => /^\d+$/.test(k)) ? Object.entries(value).sort(([a], [b]) => Number(a) - Number(b)) : undefined;
    if (items && MAPS[key]) {
      out[MAPS[key]] = Object.fromEntries(
        items.map(([, v]) => {
          const entry = shape(v) as { Name?: string; Value?: unknown };
          return [entry.Name ?? '', entry.Value];
        }),
      );
    } else if (items) out[LISTS[key] ?? key] = items.map(([, v]) => shape(v));
    else out[key] = shape(value);
  }
  return out;
}

/** An operation's JSON answer as the XML inside <ActionResult>. */
export function resultXml(action: string, output: Record<string, unknown>): string {
  const lists: Record<string, string> = { Messages: 'Message', QueueUrls: 'QueueUrl', Failed: 'BatchResultErrorEntry', Successful: `${action}ResultEntry` };
  return render(output, lists);
}

function render(value: Record<string, unknown>, lists: Record<string, string>): string {
  let out = '';
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const item of v) out += element(lists[key] ?? key, item, lists);
    else if (key === 'Attributes' || key === 'MessageAttributes')
      for (const [name, inner] of Object.entries(v as Record<string, unknown>)) out += element(key.slice(0, -1), { Name: name, Value: inner }, lists);
    else out += element(key, v, lists);
  }
  return out;
}

function element(name: string, value: unknown, lists: Record<string, string>): string {
  const inner = typeof value === 'object' && value !== null ? render(value as Record<string, unknown>, lists) : xmlEscape(String(value));
  return `<${name}>${inner}</${name}>`;
}
