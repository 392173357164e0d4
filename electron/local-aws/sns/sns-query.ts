/**
 * SNS's query protocol (the only one SNS speaks): Action=Publish forms whose lists are
 * `Name.member.N` and maps `Name.entry.N.Name/.Value` (attribute maps) turned into plain objects,
 * and an operation's answer rendered as its XML result, lists as <member> and maps as
 * <entry><key/><value/></entry>.
 */
import { formTree, type FormTree } from '../aws-request.js';
import { xmlEscape } from '../wire.js';

export const SNS_XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';

type Tree = FormTree;

export function snsInput(params: URLSearchParams): Record<string, unknown> {
  return shape(formTree(params)) as Record<string, unknown>;
}

function shape(tree: Tree | string): unknown {
  if (typeof tree === 'string') return tree;
  const keys = Object.keys(tree);
  const indexed = (inner: Tree | string) => (typeof inner === 'object' ? Object.entries(inner).sort(([a], [b]) => Number(a) - Number(b)) : []);
  if (keys.length === 1 && keys[0] === 'member') return indexed(tree.member!).map(([, v]) => shape(v));
  if (keys.length === 1 && keys[0] === 'entry')
    return Object.fromEntries(
      indexed(tree.entry!).map(([, v]) => {
        const e = shape(v) as { Name?: string; Value?: unknown; key?: string; value?: unknown };
        return [e.Name ?? e.key ?? '', e.Value ?? e.value];
      }),
    );
  return Object.fromEntries(keys.map((k) => [k, shape(tree[k]!)]));
}

export function snsResultXml(output: Record<string, unknown>): string {
  let out = '';
  for (const [key, value] of Object.entries(output)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) out += `<${key}>${value.map((v) => `<member>${inner(v)}</member>`).join('')}</${key}>`;
    else if (key === 'Attributes')
      out += `<${key}>${Object.entries(value as Record<string, string>)
        .map(([k, v]) => `<entry><key>${xmlEscape(k)}</key><value>${xmlEscape(v)}</value></entry>`)
        .join('')}</${key}>`;
    else out += `<${key}>${inner(value)}</${key}>`;
  }
  return out;
}

function inner(value: unknown): string {
  return typeof value === 'object' && value !== null ? snsResultXml(value as Record<string, unknown>) : xmlEscape(String(value));
}
