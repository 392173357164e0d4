/**
 * EventBridge's event patterns: whether an event matches a rule's pattern. A pattern mirrors the
 * event's shape; each leaf is a list of matchers of which one must match the event's value (any
 * element, when the value is a list). Matchers: exact values (numbers compared as numbers),
 * `prefix`, `suffix`, `equals-ignore-case` (and prefix/suffix with it), `anything-but` (values,
 * prefix, suffix, equals-ignore-case), `numeric` ranges, `exists`, `wildcard`, `cidr`; `$or`
 * takes alternative sub-patterns. checkPattern says what is wrong with one, as PutRule would.
 */

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function matchesPattern(pattern: Obj, event: unknown): boolean {
  if (!isObj(event)) return false;
  for (const [key, spec] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!Array.isArray(spec) || !spec.some((alt) => isObj(alt) && matchesPattern(alt, event))) return false;
      continue;
    }
    const value = event[key];
    if (isObj(spec)) {
      if (!isObj(value) || !matchesPattern(spec, value)) return false;
      continue;
    }
    if (!Array.isArray(spec) || !matchesLeaf(spec, value, key in event)) return false;
  }
  return true;
}

function matchesLeaf(matchers: unknown[], value: unknown, present: boolean): boolean {
  // A leaf matches a list value when any element matches; an empty list matches nothing but exists:false.
  const values = Array.isArray(value) ? value : present ? [value] : [];
  return matchers.some((m) => {
    if (isObj(m) && 'exists' in m) return m.exists === (present && !(Array.isArray(value) && value.length === 0) && isScalarOrList(value));
    return values.some((v) => matchOne(m, v));
  });
}

/** exists matches leaf values only (a nested object is not an "existing" leaf, as in EventBridge). */
function isScalarOrList(v: unknown): boolean {
  return !isObj(v);
}

function matchOne(m: unknown, v: unknown): boolean {
  if (!isObj(m)) return equalValues(m, v);
  const [op, arg] = Object.entries(m)[0] ?? [];
  switch (op) {
    case 'prefix':
      return (
        typeof v === 'string' &&
        (isObj(arg) ? typeof arg['equals-ignore-case'] === 'string' && v.toLowerCase().startsWith(arg['equals-ignore-case'].toLowerCase()) : typeof arg === 'string' && v.startsWith(arg))
      );
    case 'suffix':
      return (
        typeof v === 'string' &&
        (isObj(arg) ? typeof arg['equals-ignore-case'] === 'string' && v.toLowerCase().endsWith(arg['equals-ignore-case'].toLowerCase()) : typeof arg === 'string' && v.endsWith(arg))
      );
    case 'equals-ignore-case':
      return typeof v === 'string' && typeof arg === 'string' && v.toLowerCase() === arg.toLowerCase();
    case 'anything-but':
      return anythingBut(arg, v);
    case 'numeric':
      return typeof v === 'number' && Array.isArray(arg) && numericRange(arg, v);
    case 'wildcard':
      return typeof v === 'string' && typeof arg === 'string' && wildcardRegExp(arg).test(v);
    case 'cidr':
      return typeof v === 'string' && typeof arg === 'string' && inCidr(v, arg);
    default:
      return false;
  }
}

function equalValues(m: unknown, v: unknown): boolean {
  if (typeof m === 'number' && typeof v === 'number') return m === v;
  return m === v;
}

function anythingBut(arg: unknown, v: unknown): boolean {
  if (isObj(arg)) {
    if (typeof arg.prefix === 'string') return typeof v === 'string' && !v.startsWith(arg.prefix);
    if (typeof arg.suffix === 'string') return typeof v === 'string' && !v.endsWith(arg.suffix);
    if (arg['equals-ignore-case'] !== undefined) {
      const list = Array.isArray(arg['equals-ignore-case']) ? arg['equals-ignore-case'] : [arg['equals-ignore-case']];
      return typeof v === 'string' && !list.some((x) => typeof x === 'string' && x.toLowerCase() === v.toLowerCase());
    }
    if (arg.wildcard !== undefined) {
      const list = Array.isArray(arg.wildcard) ? arg.wildcard : [arg.wildcard];
      return typeof v === 'string' && !list.some((x) => typeof x === 'string' && wildcardRegExp(x).test(v));
    }
    return false;
  }
  const list = Array.isArray(arg) ? arg : [arg];
  return !list.some((x) => equalValues(x, v));
}

const COMPARE: Record<string, (a: number, b: number) => boolean> = { '<': (a, b) => a < b, '<=': (a, b) => a <= b, '=': (a, b) => a === b, '>': (a, b) => a > b, '>=': (a, b) => a >= b };

function numericRange(arg: unknown[], v: number): boolean {
  for (let i = 0; i + 1 < arg.length; i += 2) {
    const test = COMPARE[String(arg[i])];
    const bound = arg[i + 1];
    if (!test || typeof bound !== 'number' || !test(v, bound)) return false;
  }
  return arg.length >= 2;
}

function wildcardRegExp(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText ?? 32);
  const a = ipv4(ip);
  const b = ipv4(base ?? '');
  if (a === undefined || b === undefined || !(bits >= 0 && bits <= 32)) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

const OPERATORS = new Set(['prefix', 'suffix', 'equals-ignore-case', 'anything-but', 'numeric', 'exists', 'wildcard', 'cidr']);

/** What PutRule would say of a pattern, or undefined when it is valid. */
export function checkPattern(pattern: unknown, path = ''): string | undefined {
  if (!isObj(pattern)) return `${path || 'the pattern'} must be an object`;
  if (!path && Object.keys(pattern).length === 0) return 'the pattern is empty';
  for (const [key, spec] of Object.entries(pattern)) {
    const at = path ? `${path}.${key}` : key;
    if (key === '$or') {
      if (!Array.isArray(spec) || spec.length < 2) return `${at} must list at least two patterns`;
      for (const alt of spec) {
        const problem = checkPattern(alt, at);
        if (problem) return problem;
      }
      continue;
    }
    if (isObj(spec)) {
      const problem = checkPattern(spec, at);
      if (problem) return problem;
      continue;
    }
    if (!Array.isArray(spec)) return `${at}: a value in a pattern must be a list of matchers or an object, got ${JSON.stringify(spec)}`;
    for (const m of spec) {
      if (!isObj(m)) continue;
      const op = Object.keys(m)[0];
      if (Object.keys(m).length !== 1 || !op || !OPERATORS.has(op)) return `${at}: unknown matcher ${JSON.stringify(m)}`;
      if (op === 'numeric' && (!Array.isArray(m.numeric) || m.numeric.length % 2 !== 0 || m.numeric.length === 0)) return `${at}: numeric takes pairs of an operator and a number`;
      if (op === 'exists' && typeof m.exists !== 'boolean') return `${at}: exists takes true or false`;
    }
  }
  return undefined;
}
