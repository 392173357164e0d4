/**
 * EventBridge event patterns (EventBridge User Guide: "Amazon EventBridge event patterns",
 * "Content filtering"): which events a rule takes. A pattern has the event's shape; every field it
 * names must match (AND), a list of values matches any of them (OR), and `$or` joins
 * alternative sub-patterns. A field whose value is a list in the event matches when any element
 * does. Leaf filters: exact values (strings, numbers compared as numbers, booleans, null),
 * prefix, suffix, equals-ignore-case, wildcard, anything-but (values, prefix, suffix,
 * equals-ignore-case, wildcard), numeric ranges, cidr, and exists.
 *
 * checkEventPattern says why a pattern is not one EventBridge accepts (in the words of its
 * InvalidEventPatternException where it is cheap to), matchesEventPattern applies a valid one.
 */

export type EventPattern = Record<string, unknown>;

type Json = unknown;

/** Why the pattern is not valid (naming the field), or undefined when it is. */
export function checkEventPattern(pattern: unknown): string | undefined {
  if (!isObject(pattern)) return 'the pattern must be a JSON object';
  if (Object.keys(pattern).length === 0) return 'the pattern is empty: it must name at least one field';
  return checkObject(pattern, '');
}

/** Parses an EventPattern given as JSON text (CloudFormation and PutRule take both). */
export function parseEventPattern(value: unknown): { pattern: EventPattern } | { error: string } {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch (err) {
      return { error: `the pattern is not valid JSON: ${(err as Error).message}` };
    }
  }
  const error = checkEventPattern(parsed);
  return error ? { error } : { pattern: parsed as EventPattern };
}

export function matchesEventPattern(pattern: EventPattern, event: Json): boolean {
  return matchObject(pattern, [event]);
}

// ---- matching ----

/** `candidates`: the objects the pattern may match (several when the event has a list of objects there). */
function matchObject(pattern: EventPattern, candidates: Json[]): boolean {
  const objects = candidates.filter(isObject);
  // A missing object still lets `exists: false` (and $or branches of it) match.
  const pool: Array<Record<string, Json> | undefined> = objects.length ? objects : [undefined];
  return pool.some((o) => matchOne(pattern, o));
}

function matchOne(pattern: EventPattern, object: Record<string, Json> | undefined): boolean {
  for (const [key, rule] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!(rule as EventPattern[]).some((alt) => matchOne(alt, object))) return false;
      continue;
    }
    const value = object?.[key];
    if (Array.isArray(rule)) {
      if (!matchLeaf(rule, leaves(value))) return false;
    } else if (!matchObject(rule as EventPattern, value === undefined ? [] : flatten(value))) return false;
  }
  return true;
}

function flatten(value: Json): Json[] {
  return Array.isArray(value) ? value.flatMap(flatten) : [value];
}

/** The leaf values at a field: none when it is missing, an empty list, or an object (exists matches leaves only). */
function leaves(value: Json): Json[] {
  if (value === undefined) return [];
  return flatten(value).filter((v) => !isObject(v));
}

function matchLeaf(rules: Json[], values: Json[]): boolean {
  return rules.some((rule) => {
    if (isObject(rule) && 'exists' in rule) return rule.exists === true ? values.length > 0 : values.length === 0;
    return values.some((v) => matchValue(rule, v));
  });
}

function matchValue(rule: Json, v: Json): boolean {
  if (!isObject(rule)) return exact(rule, v);
  const [op, arg] = Object.entries(rule)[0]!;
  switch (op) {
    case 'prefix':
      return typeof v === 'string' && (isObject(arg) ? v.toLowerCase().startsWith(lower(arg)) : v.startsWith(arg as string));
    case 'suffix':
      return typeof v === 'string' && (isObject(arg) ? v.toLowerCase().endsWith(lower(arg)) : v.endsWith(arg as string));
    case 'equals-ignore-case':
      return typeof v === 'string' && v.toLowerCase() === (arg as string).toLowerCase();
    case 'wildcard':
      return typeof v === 'string' && wildcard(arg as string).test(v);
    case 'numeric':
      return typeof v === 'number' && numeric(arg as Json[], v);
    case 'cidr':
      return typeof v === 'string' && inCidr(v, arg as string);
    case 'anything-but':
      return anythingBut(arg, v);
    default:
      return false;
  }
}

function exact(rule: Json, v: Json): boolean {
  return rule === v;
}

function lower(arg: Record<string, Json>): string {
  return (arg['equals-ignore-case'] as string).toLowerCase();
}

function anythingBut(arg: Json, v: Json): boolean {
  if (Array.isArray(arg)) return !arg.some((x) => exact(x, v));
  if (!isObject(arg)) return !exact(arg, v);
  const [op, inner] = Object.entries(arg)[0]!;
  if (typeof v !== 'string') return false;
  const list = (Array.isArray(inner) ? inner : [inner]) as string[];
  switch (op) {
    case 'prefix':
      return !v.startsWith(inner as string);
    case 'suffix':
      return !v.endsWith(inner as string);
    case 'equals-ignore-case':
      return !list.some((s) => s.toLowerCase() === v.toLowerCase());
    case 'wildcard':
      return !list.some((s) => wildcard(s).test(v));
    default:
      return false;
  }
}

const wildcards = new Map<string, RegExp>();
/** `*` is any run of characters; `\*` a literal star. */
function wildcard(text: string): RegExp {
  let re = wildcards.get(text);
  if (re) return re;
  let source = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && (text[i + 1] === '*' || text[i + 1] === '\\')) source += `\\${text[++i]}`;
    else if (c === '*') source += '.*';
    else source += c.replace(/[.+?^${}()|[\]\\/]/g, '\\$&');
  }
  re = new RegExp(`^${source}$`, 's');
  wildcards.set(text, re);
  return re;
}

function numeric(conditions: Json[], v: number): boolean {
  for (let i = 0; i < conditions.length; i += 2) {
    const n = conditions[i + 1] as number;
    const ok = { '=': v === n, '>': v > n, '>=': v >= n, '<': v < n, '<=': v <= n }[conditions[i] as string];
    if (!ok) return false;
  }
  return true;
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const a = ipv4(ip);
  const b = ipv4(base!);
  if (a === undefined || b === undefined) return false;
  const n = bits === undefined ? 32 : Number(bits);
  const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0;
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

// ---- validation ----

const OPERATORS = new Set(['prefix', 'suffix', 'equals-ignore-case', 'wildcard', 'numeric', 'cidr', 'anything-but', 'exists']);

function checkObject(pattern: Record<string, Json>, path: string): string | undefined {
  for (const [key, rule] of Object.entries(pattern)) {
    const at = path ? `${path}.${key}` : key;
    if (key === '$or') {
      if (!Array.isArray(rule) || rule.length < 2 || !rule.every(isObject)) return `${at}: $or must be a list of at least two patterns`;
      for (const alt of rule) {
        if (Object.keys(alt).length === 0) return `${at}: a pattern in $or is empty`;
        const error = checkObject(alt, path);
        if (error) return error;
      }
      continue;
    }
    if (Array.isArray(rule)) {
      if (rule.length === 0) return `${at}: Empty arrays are not allowed`;
      for (const r of rule) {
        const error = checkRule(r, at);
        if (error) return error;
      }
    } else if (isObject(rule)) {
      if (Object.keys(rule).length === 0) return `${at}: Empty objects are not allowed`;
      const error = checkObject(rule, at);
      if (error) return error;
    } else return `${at}: Match value must be String, number, true, false, or null`;
  }
  return undefined;
}

function checkRule(rule: Json, at: string): string | undefined {
  if (!isObject(rule)) return Array.isArray(rule) ? `${at}: a list of values cannot hold a list` : undefined;
  const keys = Object.keys(rule);
  if (keys.length !== 1) return `${at}: a filter object has exactly one key (prefix, suffix, anything-but, numeric, exists, ...), got ${keys.length}`;
  const op = keys[0]!;
  const arg = rule[op];
  if (!OPERATORS.has(op)) return `${at}: Unrecognized match type ${op}`;
  switch (op) {
    case 'prefix':
    case 'suffix':
      return typeof arg === 'string' || ignoreCase(arg) ? undefined : `${at}: ${op} match pattern must be a string or {"equals-ignore-case": string}`;
    case 'equals-ignore-case':
      return typeof arg === 'string' ? undefined : `${at}: equals-ignore-case match pattern must be a string`;
    case 'wildcard':
      return checkWildcard(arg, at);
    case 'exists':
      return typeof arg === 'boolean' ? undefined : `${at}: exists match pattern must be either true or false`;
    case 'cidr':
      return typeof arg === 'string' && /^\d+\.\d+\.\d+\.\d+(\/\d+)?$/.test(arg) && ipv4(arg.split('/')[0]!) !== undefined && Number(arg.split('/')[1] ?? 32) <= 32
        ? undefined
        : `${at}: Malformed CIDR, one '/' required (IPv4 a.b.c.d/n)`;
    case 'numeric':
      return checkNumeric(arg, at);
    default:
      return checkAnythingBut(arg, at);
  }
}

function ignoreCase(arg: Json): boolean {
  return isObject(arg) && Object.keys(arg).length === 1 && typeof arg['equals-ignore-case'] === 'string';
}

function checkWildcard(arg: Json, at: string): string | undefined {
  if (typeof arg !== 'string') return `${at}: wildcard match pattern must be a string`;
  if (/(?<!\\)\*\*/.test(arg)) return `${at}: Consecutive wildcard characters at pos ${arg.indexOf('**') + 1}`;
  return undefined;
}

function checkNumeric(arg: Json, at: string): string | undefined {
  const bad = `${at}: numeric takes ["=", n], one bound ([">", n], ["<=", n], ...) or a range ([">", n, "<", m])`;
  if (!Array.isArray(arg) || (arg.length !== 2 && arg.length !== 4)) return bad;
  for (let i = 0; i < arg.length; i += 2) {
    if (!['=', '>', '>=', '<', '<='].includes(arg[i] as string)) return `${at}: Unrecognized numeric range operator: ${JSON.stringify(arg[i])}`;
    if (typeof arg[i + 1] !== 'number') return `${at}: Value of ${String(arg[i])} must be numeric`;
  }
  if (arg.length === 4) {
    const lowFirst = ['>', '>='].includes(arg[0] as string) && ['<', '<='].includes(arg[2] as string);
    if (!lowFirst) return `${at}: a numeric range is a lower bound (> or >=) then an upper bound (< or <=)`;
    if ((arg[1] as number) >= (arg[3] as number)) return `${at}: Bottom must be less than top`;
  }
  return undefined;
}

function checkAnythingBut(arg: Json, at: string): string | undefined {
  const scalar = (v: Json) => typeof v === 'string' || typeof v === 'number';
  if (scalar(arg)) return undefined;
  if (Array.isArray(arg))
    return arg.length > 0 && (arg.every((v) => typeof v === 'string') || arg.every((v) => typeof v === 'number'))
      ? undefined
      : `${at}: Inside anything but list, all values must be strings or all numbers`;
  if (isObject(arg) && Object.keys(arg).length === 1) {
    const [op, inner] = Object.entries(arg)[0]!;
    if ((op === 'prefix' || op === 'suffix') && typeof inner === 'string') return undefined;
    const strings = typeof inner === 'string' || (Array.isArray(inner) && inner.length > 0 && inner.every((s) => typeof s === 'string'));
    if (op === 'equals-ignore-case' && strings) return undefined;
    if (op === 'wildcard' && strings) return (Array.isArray(inner) ? inner : [inner]).map((w) => checkWildcard(w, at)).find(Boolean);
    return `${at}: Unsupported anything-but pattern: ${op}`;
  }
  return `${at}: Value of anything-but must be an array or single string/number value`;
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
