/**
 * CloudWatch Logs filter-pattern syntax (issue 5): parse a pattern once, then test log lines.
 * Pure TypeScript, so the CLI and the UI filter the same way.
 *
 * Semantics (CloudWatch Logs "Filter pattern syntax"):
 * - Empty (or blank) pattern: matches every line.
 * - Unstructured terms: `ERROR timeout` (every term, case-sensitive substring), `"Task failed"`
 *   (a quoted phrase, spaces included), `-DEBUG` / `-"by zero"` (excluded), `?ERROR ?WARN`
 *   (any of the ? terms). Mixed: every plain term, no excluded term, and one of the ? terms
 *   when there are any. CloudWatch wants terms with characters other than letters and digits
 *   quoted; this parser also accepts them bare (`Task.timeout`), as one term up to whitespace.
 * - JSON patterns `{ SELECTOR OP VALUE }`, joined by && and || (&& binds tighter) with
 *   parentheses. The whole line must be one JSON object (Lambda's JSON log format); text-format
 *   lines (`<time>\t<requestId>\tINFO\t...`) are not JSON and never match, as in CloudWatch,
 *   which applies JSON patterns to the whole event message.
 *   Selectors: `$.a.b`, `$.arr[0]`, `$.a[*]` / `$.a.*` (any element: some value must satisfy).
 *   `=` / `!=` compare strings (value quoted or bare; `*` is a wildcard) or numbers;
 *   `<` `>` `<=` `>=` compare numbers; `IS TRUE`, `IS FALSE`, `IS NULL`, `EXISTS`, `NOT EXISTS`.
 *   A comparison on a selector that selects nothing is false (only NOT EXISTS is then true).
 * - Space-delimited patterns `[ip, user, ..., status = 5*, bytes > 1000]`: the line splits on
 *   whitespace into fields ("quoted" and [bracketed] text is one field, without its quotes or
 *   brackets); the pattern's fields bind by position, `...` binds any number of fields; the
 *   line must have exactly as many fields as the pattern binds. Conditions `name OP value`
 *   (= != with * wildcards, or numbers; < > <= >= numbers) may be joined with && and || inside
 *   one field slot and may name any field of the pattern.
 */

export type FilterPattern =
  { kind: 'all' } | { kind: 'terms'; required: string[]; excluded: string[]; optional: string[] } | { kind: 'json'; expr: JsonExpr } | { kind: 'space'; fields: SpaceField[]; conditions: SpaceExpr[] };

export type CompareOp = '=' | '!=' | '<' | '>' | '<=' | '>=';
export type Value = { type: 'string'; value: string } | { type: 'number'; value: number; text: string };
/** One step of a JSON selector: a property, an array index, or any element/property. */
export type SelectorStep = { key: string } | { index: number } | { any: true };

export type JsonExpr =
  | { kind: 'and' | 'or'; left: JsonExpr; right: JsonExpr }
  | { kind: 'compare'; selector: SelectorStep[]; op: CompareOp; value: Value }
  | { kind: 'is'; selector: SelectorStep[]; what: 'true' | 'false' | 'null' }
  | { kind: 'exists'; selector: SelectorStep[]; negated: boolean };

export type SpaceField = { kind: 'name'; name: string } | { kind: 'ellipsis' };
export type SpaceExpr = { kind: 'and' | 'or'; left: SpaceExpr; right: SpaceExpr } | { kind: 'compare'; name: string; op: CompareOp; value: Value };

export interface FilterPatternError {
  message: string;
  /** 0-based offset into the pattern text. */
  position: number;
}

export type ParseFilterResult = { ok: true; pattern: FilterPattern } | { ok: false; error: FilterPatternError };

class PatternError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

export function parseFilterPattern(text: string): ParseFilterResult {
  try {
    const start = text.search(/\S/);
    if (start < 0) return { ok: true, pattern: { kind: 'all' } };
    if (text[start] === '{') return { ok: true, pattern: parseJson(text, start) };
    if (text[start] === '[') return { ok: true, pattern: parseSpace(text, start) };
    return { ok: true, pattern: parseTerms(text) };
  } catch (err) {
    if (err instanceof PatternError) return { ok: false, error: { message: err.message, position: err.position } };
    throw err;
  }
}

// ---- unstructured terms -------------------------------------------------------------------

function parseTerms(text: string): FilterPattern {
  const required: string[] = [];
  const excluded: string[] = [];
  const optional: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    const at = i;
    let list = required;
    if (text[i] === '-' || text[i] === '?') {
      list = text[i] === '-' ? excluded : optional;
      i++;
      if (i >= text.length || /\s/.test(text[i]!)) throw new PatternError(`'${text[at]}' must be followed by a term`, at);
    }
    let term: string;
    if (text[i] === '"') {
      const s = readString(text, i);
      term = s.value;
      i = s.end;
      if (i < text.length && !/\s/.test(text[i]!)) throw new PatternError('expected a space after the quoted term', i);
    } else {
      const m = /^[^\s"]+/.exec(text.slice(i))!;
      if (/^[{}[\]()]/.test(m[0])) throw new PatternError(`unexpected '${m[0][0]}': quote terms with special characters`, i);
      term = m[0];
      i += term.length;
      if (text[i] === '"') throw new PatternError("unexpected '\"' inside a term", i);
    }
    list.push(term);
  }
  return { kind: 'terms', required, excluded, optional };
}

/** A "quoted" string at text[start]; \" and \\ escape. */
function readString(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      value += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '"') return { value, end: i + 1 };
    value += c;
    i++;
  }
  throw new PatternError('unterminated quoted string', start);
}

// ---- structured tokens --------------------------------------------------------------------

type Token =
  | { t: 'punct'; v: string; pos: number } // { } [ ] ( ) , && || = != < > <= >= ...
  | { t: 'string'; v: string; pos: number }
  | { t: 'word'; v: string; pos: number }
  | { t: 'end'; v: ''; pos: number };

function tokenize(text: string, start: number): Token[] {
  const out: Token[] = [];
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (text.startsWith('...', i)) {
      out.push({ t: 'punct', v: '...', pos: i });
      i += 3;
    } else if (['&&', '||', '!=', '<=', '>='].includes(two)) {
      out.push({ t: 'punct', v: two, pos: i });
      i += 2;
    } else if ('{}[](),=<>'.includes(c)) {
      out.push({ t: 'punct', v: c, pos: i });
      i++;
    } else if (c === '"') {
      const s = readString(text, i);
      out.push({ t: 'string', v: s.value, pos: i });
      i = s.end;
    } else if (c === '$') {
      const m = /^\$[^\s=!<>(){}&|,]*/.exec(text.slice(i))!;
      out.push({ t: 'word', v: m[0], pos: i });
      i += m[0].length;
    } else {
      const m = /^[^\s{}[\](),=!<>&|"]+/.exec(text.slice(i));
      if (!m) throw new PatternError(`unexpected '${c}'`, i);
      out.push({ t: 'word', v: m[0], pos: i });
      i += m[0].length;
    }
  }
  out.push({ t: 'end', v: '', pos: text.length });
  return out;
}

class Cursor {
  i = 0;
  constructor(readonly tokens: Token[]) {}
  peek(): Token {
    return this.tokens[this.i]!;
  }
  next(): Token {
    return this.tokens[this.i++]!;
  }
  isPunct(v: string): boolean {
    const t = this.peek();
    return t.t === 'punct' && t.v === v;
  }
  expectPunct(v: string, what = `'${v}'`): Token {
    const t = this.peek();
    if (t.t !== 'punct' || t.v !== v) throw new PatternError(`expected ${what}, found ${describe(t)}`, t.pos);
    return this.next();
  }
  isWord(v: string): boolean {
    const t = this.peek();
    return t.t === 'word' && t.v.toUpperCase() === v;
  }
}

function describe(t: Token): string {
  if (t.t === 'end') return 'the end of the pattern';
  if (t.t === 'string') return `"${t.v}"`;
  return `'${t.v}'`;
}

const COMPARE_OPS: readonly string[] = ['=', '!=', '<', '>', '<=', '>='];

function readValue(c: Cursor, op: CompareOp): Value {
  const t = c.next();
  if (t.t === 'string') {
    if (op !== '=' && op !== '!=') throw new PatternError(`'${op}' compares numbers, not strings`, t.pos);
    return { type: 'string', value: t.v };
  }
  if (t.t !== 'word' || t.v.startsWith('$')) throw new PatternError(`expected a value, found ${describe(t)}`, t.pos);
  if (/^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t.v)) return { type: 'number', value: Number(t.v), text: t.v };
  if (op !== '=' && op !== '!=') throw new PatternError(`'${op}' compares numbers: expected a number, found '${t.v}'`, t.pos);
  return { type: 'string', value: t.v };
}

/** A left-associative chain: || of && of operands. */
function parseOr<E>(c: Cursor, operand: () => E, join: (kind: 'and' | 'or', l: E, r: E) => E): E {
  const and = (): E => {
    let left = operand();
    while (c.isPunct('&&')) {
      c.next();
      left = join('and', left, operand());
    }
    return left;
  };
  let left = and();
  while (c.isPunct('||')) {
    c.next();
    left = join('or', left, and());
  }
  return left;
}

// ---- JSON patterns ------------------------------------------------------------------------

function parseJson(text: string, start: number): FilterPattern {
  const c = new Cursor(tokenize(text, start));
  c.expectPunct('{');
  const expr = jsonOr(c);
  c.expectPunct('}', "'&&', '||' or '}'");
  const rest = c.peek();
  if (rest.t !== 'end') throw new PatternError(`unexpected ${describe(rest)} after the closing '}'`, rest.pos);
  return { kind: 'json', expr };
}

function jsonOr(c: Cursor): JsonExpr {
  return parseOr<JsonExpr>(
    c,
    () => jsonOperand(c),
    (kind, left, right) => ({ kind, left, right }),
  );
}

function jsonOperand(c: Cursor): JsonExpr {
  if (c.isPunct('(')) {
    c.next();
    const inner = jsonOr(c);
    c.expectPunct(')', "'&&', '||' or ')'");
    return inner;
  }
  const t = c.next();
  if (t.t !== 'word' || !t.v.startsWith('$')) throw new PatternError(`expected a selector such as $.level, found ${describe(t)}`, t.pos);
  const selector = parseSelector(t.v, t.pos);
  if (c.isWord('IS')) {
    c.next();
    const w = c.next();
    const what = w.t === 'word' ? w.v.toLowerCase() : '';
    if (what !== 'true' && what !== 'false' && what !== 'null') throw new PatternError(`expected TRUE, FALSE or NULL after IS, found ${describe(w)}`, w.pos);
    return { kind: 'is', selector, what };
  }
  if (c.isWord('EXISTS')) {
    c.next();
    return { kind: 'exists', selector, negated: false };
  }
  if (c.isWord('NOT')) {
    c.next();
    const w = c.next();
    if (w.t !== 'word' || w.v.toUpperCase() !== 'EXISTS') throw new PatternError(`expected EXISTS after NOT, found ${describe(w)}`, w.pos);
    return { kind: 'exists', selector, negated: true };
  }
  const op = c.peek();
  if (op.t !== 'punct' || !COMPARE_OPS.includes(op.v)) throw new PatternError(`expected an operator (=, !=, <, >, <=, >=, IS, EXISTS, NOT EXISTS) after ${t.v}, found ${describe(op)}`, op.pos);
  c.next();
  return { kind: 'compare', selector, op: op.v as CompareOp, value: readValue(c, op.v as CompareOp) };
}

function parseSelector(text: string, pos: number): SelectorStep[] {
  const steps: SelectorStep[] = [];
  let i = 1;
  while (i < text.length) {
    const rest = text.slice(i);
    let m: RegExpExecArray | null;
    if ((m = /^\.\*/.exec(rest)) || (m = /^\[\*\]/.exec(rest))) steps.push({ any: true });
    else if ((m = /^\.([A-Za-z0-9_\-@:$]+)/.exec(rest))) steps.push({ key: m[1]! });
    else if ((m = /^\[(\d+)\]/.exec(rest))) steps.push({ index: Number(m[1]) });
    else throw new PatternError(`bad selector: expected .name, [n] or [*] at '${rest}'`, pos + i);
    i += m[0].length;
  }
  if (steps.length === 0) throw new PatternError('a selector needs a path, such as $.level', pos);
  return steps;
}

// ---- space-delimited patterns -------------------------------------------------------------

function parseSpace(text: string, start: number): FilterPattern {
  const c = new Cursor(tokenize(text, start));
  c.expectPunct('[');
  const fields: SpaceField[] = [];
  const conditions: SpaceExpr[] = [];
  const names = new Map<string, number>();
  const uses: { name: string; pos: number }[] = [];
  if (!c.isPunct(']')) {
    for (;;) {
      if (c.isPunct('...')) {
        c.next();
        fields.push({ kind: 'ellipsis' });
      } else {
        const first = c.peek();
        if (first.t !== 'word' || first.v.startsWith('$')) throw new PatternError(`expected a field name or '...', found ${describe(first)}`, first.pos);
        if (names.has(first.v)) throw new PatternError(`field '${first.v}' is named twice`, first.pos);
        names.set(first.v, fields.length);
        fields.push({ kind: 'name', name: first.v });
        const next = c.tokens[c.i + 1]!;
        if (next.t === 'punct' && COMPARE_OPS.includes(next.v)) {
          conditions.push(
            parseOr<SpaceExpr>(
              c,
              () => spaceCompare(c, uses),
              (kind, left, right) => ({ kind, left, right }),
            ),
          );
        } else c.next();
      }
      if (c.isPunct(',')) {
        c.next();
        continue;
      }
      break;
    }
  }
  c.expectPunct(']', "',' or ']'");
  const rest = c.peek();
  if (rest.t !== 'end') throw new PatternError(`unexpected ${describe(rest)} after the closing ']'`, rest.pos);
  for (const u of uses) if (!names.has(u.name)) throw new PatternError(`condition on '${u.name}', which is not a field of the pattern`, u.pos);
  return { kind: 'space', fields, conditions };
}

function spaceCompare(c: Cursor, uses: { name: string; pos: number }[]): SpaceExpr {
  const t = c.next();
  if (t.t !== 'word' || t.v.startsWith('$')) throw new PatternError(`expected a field name, found ${describe(t)}`, t.pos);
  const op = c.next();
  if (op.t !== 'punct' || !COMPARE_OPS.includes(op.v)) throw new PatternError(`expected an operator (=, !=, <, >, <=, >=) after ${t.v}, found ${describe(op)}`, op.pos);
  uses.push({ name: t.v, pos: t.pos });
  return { kind: 'compare', name: t.v, op: op.v as CompareOp, value: readValue(c, op.v as CompareOp) };
}

// ---- matching -----------------------------------------------------------------------------

export function matchesFilter(pattern: FilterPattern, line: string): boolean {
  switch (pattern.kind) {
    case 'all':
      return true;
    case 'terms':
      return pattern.required.every((t) => line.includes(t)) && !pattern.excluded.some((t) => line.includes(t)) && (pattern.optional.length === 0 || pattern.optional.some((t) => line.includes(t)));
    case 'json': {
      let doc: unknown;
      try {
        doc = JSON.parse(line);
      } catch {
        return false;
      }
      if (doc === null || typeof doc !== 'object') return false;
      return evalJson(pattern.expr, doc);
    }
    case 'space':
      return matchSpace(pattern, splitFields(line));
  }
}

function evalJson(e: JsonExpr, doc: unknown): boolean {
  switch (e.kind) {
    case 'and':
      return evalJson(e.left, doc) && evalJson(e.right, doc);
    case 'or':
      return evalJson(e.left, doc) || evalJson(e.right, doc);
    case 'exists':
      return select(doc, e.selector).length > 0 !== e.negated;
    case 'is': {
      const want = e.what === 'true' ? true : e.what === 'false' ? false : null;
      return select(doc, e.selector).some((v) => v === want);
    }
    case 'compare':
      return select(doc, e.selector).some((v) => compare(v, e.op, e.value));
  }
}

function select(doc: unknown, steps: SelectorStep[]): unknown[] {
  let current: unknown[] = [doc];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of current) {
      if (v === null || typeof v !== 'object') continue;
      if ('any' in step) next.push(...(Array.isArray(v) ? v : Object.values(v)));
      else if ('index' in step) {
        if (Array.isArray(v) && step.index < v.length) next.push(v[step.index]);
      } else if (!Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, step.key)) next.push((v as Record<string, unknown>)[step.key]);
    }
    current = next;
  }
  return current;
}

/** A JSON value (or a space-delimited field's text, as a string) against OP VALUE. */
function compare(actual: unknown, op: CompareOp, value: Value, numericText = false): boolean {
  if (value.type === 'number') {
    let n: number | undefined;
    if (typeof actual === 'number') n = actual;
    else if (numericText && typeof actual === 'string' && /^\s*-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(actual)) n = Number(actual);
    if (n === undefined) {
      // `= 5` on a string field compares the text, as CloudWatch does for bare values.
      if (typeof actual === 'string' && (op === '=' || op === '!=')) return (actual === value.text) === (op === '=');
      return false;
    }
    switch (op) {
      case '=':
        return n === value.value;
      case '!=':
        return n !== value.value;
      case '<':
        return n < value.value;
      case '>':
        return n > value.value;
      case '<=':
        return n <= value.value;
      case '>=':
        return n >= value.value;
    }
  }
  if (typeof actual !== 'string') return false;
  const hit = wildcard(value.value).test(actual);
  return op === '=' ? hit : !hit;
}

const wildcardCache = new Map<string, RegExp>();
function wildcard(glob: string): RegExp {
  let re = wildcardCache.get(glob);
  if (!re) {
    re = new RegExp(
      `^${glob
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[\\s\\S]*')}$`,
    );
    wildcardCache.set(glob, re);
  }
  return re;
}

/** A line's space-delimited fields: "quoted" and [bracketed] text is one field, unwrapped. */
export function splitFields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const close = c === '"' ? '"' : c === '[' ? ']' : undefined;
    if (close) {
      const end = line.indexOf(close, i + 1);
      if (end >= 0) {
        out.push(line.slice(i + 1, end));
        i = end + 1;
        continue;
      }
    }
    const m = /^\S+/.exec(line.slice(i))!;
    out.push(m[0]);
    i += m[0].length;
  }
  return out;
}

function matchSpace(pattern: Extract<FilterPattern, { kind: 'space' }>, fields: string[]): boolean {
  const bound = new Map<string, string>();
  const bind = (pi: number, fi: number): boolean => {
    if (pi === pattern.fields.length) return fi === fields.length && pattern.conditions.every((e) => evalSpace(e, bound));
    const f = pattern.fields[pi]!;
    if (f.kind === 'ellipsis') {
      for (let k = fi; k <= fields.length; k++) if (bind(pi + 1, k)) return true;
      return false;
    }
    if (fi >= fields.length) return false;
    bound.set(f.name, fields[fi]!);
    return bind(pi + 1, fi + 1);
  };
  return bind(0, 0);
}

function evalSpace(e: SpaceExpr, bound: Map<string, string>): boolean {
  if (e.kind !== 'compare') return e.kind === 'and' ? evalSpace(e.left, bound) && evalSpace(e.right, bound) : evalSpace(e.left, bound) || evalSpace(e.right, bound);
  const v = bound.get(e.name);
  return v !== undefined && compare(v, e.op, e.value, true);
}
