/**
 * What an EventBridge target receives (EventBridge User Guide: "Amazon EventBridge events",
 * "Transforming target input"): the event in EventBridge's envelope, or what the target's Input,
 * InputPath or InputTransformer makes of it.
 */
import type { EventRule, EventRuleTarget } from '../../../shared/domain/eventbridge.js';

export interface EventEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  /** ISO 8601 to the second, as EventBridge writes it. */
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

/** The JSON text the target gets. */
export function targetPayload(target: EventRuleTarget, event: EventEnvelope, rule: EventRule): string {
  if (target.input !== undefined) return target.input;
  if (target.inputPath !== undefined) return JSON.stringify(jsonPath(event, target.inputPath) ?? null);
  if (target.inputTransformer) return transform(target.inputTransformer, event, rule);
  return JSON.stringify(event);
}

/** EventBridge's JSONPath subset: $, $.a.b, $.a[0], $['a-b'], $.detail.items[1].sku. */
export function jsonPath(value: unknown, path: string): unknown {
  if (!path.startsWith('$')) return undefined;
  const steps = [...path.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/g)];
  let at: unknown = value;
  for (const [, dotted, index, single, double] of steps) {
    if (at === null || typeof at !== 'object') return undefined;
    at = index !== undefined ? (Array.isArray(at) ? at[Number(index)] : undefined) : (at as Record<string, unknown>)[dotted ?? single ?? double ?? ''];
  }
  return at;
}

/**
 * InputTemplate with each <name> replaced: inside a JSON string by the value's text, elsewhere
 * by its JSON; in a text template (not an object or a list) by the text. What is not JSON once
 * filled in is sent as a JSON string.
 */
function transform(t: NonNullable<EventRuleTarget['inputTransformer']>, event: EventEnvelope, rule: EventRule): string {
  const values: Record<string, unknown> = {
    'aws.events.rule-arn': rule.arn,
    'aws.events.rule-name': rule.name,
    'aws.events.event.ingestion-time': event.time,
    'aws.events.event.json': event,
  };
  for (const [name, path] of Object.entries(t.pathsMap)) values[name] = jsonPath(event, path);
  let out = '';
  let inString = false;
  const text = t.template;
  // A template that is not a JSON object or list is text: values go in as they are.
  const plainText = !/^\s*[[{]/.test(text);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && inString) {
      out += c + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') inString = !inString;
    const m = c === '<' ? /^<([A-Za-z0-9_.-]+)>/.exec(text.slice(i)) : null;
    if (m && Object.hasOwn(values, m[1]!)) {
      const v = values[m[1]!];
      if (plainText) out += v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
      else if (inString) out += v === undefined || v === null ? '' : JSON.stringify(typeof v === 'string' ? v : JSON.stringify(v)).slice(1, -1);
      else out += v === undefined ? 'null' : JSON.stringify(v);
      i += m[0].length - 1;
      continue;
    }
    out += c;
  }
  try {
    JSON.parse(out);
    return out;
  } catch {
    return JSON.stringify(out);
  }
}
