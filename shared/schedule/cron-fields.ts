import { MONTH_NAMES, WEEKDAY_NAMES, type CronField, type CronItem, type DayOfMonthSpec, type DayOfWeekSpec, type ScheduleError, type ScheduleField } from './types.js';

/** Thrown inside the parser, caught by parseSchedule and turned into { ok: false, error }. */
export class ScheduleSyntaxError extends Error {
  constructor(readonly detail: ScheduleError) {
    super(detail.message);
  }
}

export interface FieldRule {
  field: ScheduleField;
  min: number;
  max: number;
  /** Names for the values min, min+1, ... (months, weekdays). */
  names?: readonly string[];
  /** What values are allowed, for messages. */
  allowed: string;
  /** The special characters the field accepts, for messages. */
  chars: string;
}

export const RULES = {
  minutes: { field: 'minutes', min: 0, max: 59, allowed: '0-59', chars: ', - * /' },
  hours: { field: 'hours', min: 0, max: 23, allowed: '0-23', chars: ', - * /' },
  dayOfMonth: { field: 'day-of-month', min: 1, max: 31, allowed: '1-31', chars: ', - * ? / L W' },
  month: { field: 'month', min: 1, max: 12, names: MONTH_NAMES, allowed: '1-12 or JAN-DEC', chars: ', - * /' },
  dayOfWeek: { field: 'day-of-week', min: 1, max: 7, names: WEEKDAY_NAMES, allowed: '1-7 or SUN-SAT, Sunday = 1', chars: ', - * ? L #' },
  year: { field: 'year', min: 1970, max: 2199, allowed: '1970-2199', chars: ', - * /' },
} as const satisfies Record<string, FieldRule>;

function fail(rule: FieldRule, message: string, start: number, end: number): never {
  throw new ScheduleSyntaxError({ message: `${rule.field}: ${message}`, field: rule.field, position: { start, end } });
}

/** Explains why a token is not a plain value of this field, as specifically as possible. */
function rejectToken(rule: FieldRule, token: string, start: number): never {
  const end = start + token.length;
  const dayField = rule.field === 'day-of-month' || rule.field === 'day-of-week';
  if (token === '') fail(rule, 'empty value (check for a stray comma, dash or slash)', start, end);
  if (token.includes('?')) fail(rule, dayField ? "'?' must stand alone" : "'?' is only allowed in day-of-month and day-of-week", start, end);
  if (/^L-\d*$/i.test(token)) {
    fail(rule, `'${token}' (an offset from the last day) is not supported by EventBridge; use L, LW or nW`, start, end);
  }
  if (token.includes('#') && rule.field !== 'day-of-week') fail(rule, "'#' is only allowed in day-of-week (e.g. 2#1 = first Monday)", start, end);
  if (/^\d*W$/i.test(token) && rule.field !== 'day-of-month') fail(rule, "'W' is only allowed in day-of-month (e.g. 15W)", start, end);
  if (/^(\d*|[A-Z]{3})L[W]?$/i.test(token)) {
    if (!dayField) fail(rule, "'L' is only allowed in day-of-month and day-of-week", start, end);
    fail(rule, `'${token}' must stand alone (it cannot be part of a list, range or step)`, start, end);
  }
  if (/^\d+$/.test(token)) fail(rule, `${token} is out of range (${rule.allowed})`, start, end);
  fail(rule, `'${token}' is not valid (use ${rule.allowed} with ${rule.chars})`, start, end);
}

/** A single value: a number in range or (months, weekdays) a three-letter name. */
function parseValue(rule: FieldRule, token: string, start: number): number {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    if (n >= rule.min && n <= rule.max) return n;
    rejectToken(rule, token, start);
  }
  const index = rule.names?.indexOf(token.toUpperCase()) ?? -1;
  if (index >= 0) return rule.min + index;
  return rejectToken(rule, token, start);
}

function parseRange(rule: FieldRule, text: string, start: number): { from: number; to: number } {
  const dash = text.indexOf('-');
  if (dash <= 0) return rejectToken(rule, text, start);
  const a = text.slice(0, dash);
  const b = text.slice(dash + 1);
  if (b.includes('-')) rejectToken(rule, text, start);
  const from = parseValue(rule, a, start);
  const to = parseValue(rule, b, start + dash + 1);
  if (from > to) {
    const names = rule.names && !/^\d+$/.test(a) ? rule.names : undefined;
    const hint = names ? `${a}-${names[names.length - 1]},${names[0]}-${b}`.toUpperCase() : `${a}-${rule.max},${rule.min}-${b}`;
    fail(rule, `range ${text} runs backwards; ranges do not wrap around, write ${hint} instead`, start, start + text.length);
  }
  return { from, to };
}

function parseItem(rule: FieldRule, text: string, start: number): CronItem {
  const slash = text.indexOf('/');
  if (slash >= 0) {
    if (rule.field === 'day-of-week') fail(rule, `'/' steps are not supported in day-of-week (allowed: ${rule.chars})`, start, start + text.length);
    const base = text.slice(0, slash);
    const stepText = text.slice(slash + 1);
    const stepStart = start + slash + 1;
    const maxStep = rule.max - rule.min;
    if (!/^\d+$/.test(stepText) || Number(stepText) < 1 || Number(stepText) > maxStep) {
      fail(rule, `step '${stepText}' must be a whole number from 1 to ${maxStep}`, stepStart, stepStart + stepText.length);
    }
    const step = Number(stepText);
    if (base === '*') return { kind: 'step', from: rule.min, to: rule.max, step, fromAll: true };
    if (base.includes('-')) return { kind: 'step', ...parseRange(rule, base, start), step, fromAll: false };
    return { kind: 'step', from: parseValue(rule, base, start), to: rule.max, step, fromAll: false };
  }
  if (text === '*') return { kind: 'all' };
  if (text.includes('-') && !/^L-/i.test(text)) return { kind: 'range', ...parseRange(rule, text, start) };
  return { kind: 'value', value: parseValue(rule, text, start) };
}

function expand(rule: FieldRule, items: CronItem[]): number[] {
  const set = new Set<number>();
  for (const item of items) {
    if (item.kind === 'value') set.add(item.value);
    else {
      const [from, to, step] = item.kind === 'all' ? [rule.min, rule.max, 1] : item.kind === 'range' ? [item.from, item.to, 1] : [item.from, item.to, item.step];
      for (let v = from; v <= to; v += step) set.add(v);
    }
  }
  return [...set].sort((a, b) => a - b);
}

/** Splits a list on commas, keeping each item's absolute start. */
function splitList(text: string, start: number): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  let at = 0;
  for (const part of text.split(',')) {
    out.push({ text: part, start: start + at });
    at += part.length + 1;
  }
  return out;
}

/** A numeric field (minutes, hours, month, year, and the plain forms of the two day fields). */
export function parseField(rule: FieldRule, text: string, start: number): CronField {
  const items = splitList(text, start).map((p) => parseItem(rule, p.text, p.start));
  return { items, values: expand(rule, items) };
}

/** Rejects L, W, # and ? inside a list, where EventBridge (like Quartz) does not allow them. */
function checkListHasNoSpecials(rule: FieldRule, text: string, start: number): void {
  const parts = splitList(text, start);
  if (parts.length < 2) return;
  for (const p of parts) {
    if (/[?#]|^L|^\d+L$|^[A-Z]{3}L$|W$/i.test(p.text) && !/^L-\d*$/i.test(p.text)) {
      fail(rule, `'${p.text}' must stand alone (it cannot be part of a list)`, p.start, p.start + p.text.length);
    }
  }
}

export function parseDayOfMonth(text: string, start: number): DayOfMonthSpec {
  const rule = RULES.dayOfMonth;
  const upper = text.toUpperCase();
  if (text === '?') return { kind: 'any' };
  if (upper === 'L') return { kind: 'last' };
  if (upper === 'LW') return { kind: 'last-weekday' };
  const w = /^(\d+)W$/.exec(upper);
  if (w) return { kind: 'nearest-weekday', day: parseValue(rule, w[1]!, start) };
  if (/^[^,]*-[^,]*W$/.test(upper) || /^[^,]*\/[^,]*W$/.test(upper)) {
    fail(rule, `W needs a single day (e.g. 15W), not '${text}'`, start, start + text.length);
  }
  checkListHasNoSpecials(rule, text, start);
  return { kind: 'values', field: parseField(rule, text, start) };
}

function weekday(token: string, start: number): number {
  return parseValue(RULES.dayOfWeek, token, start);
}

export function parseDayOfWeek(text: string, start: number): DayOfWeekSpec {
  const rule = RULES.dayOfWeek;
  const upper = text.toUpperCase();
  if (text === '?') return { kind: 'any' };
  // 'L' alone is the last day of the week: Saturday (as in Quartz, which EventBridge follows).
  if (upper === 'L') return { kind: 'values', field: { items: [{ kind: 'value', value: 7 }], values: [7] } };
  const last = /^(\d+|[A-Z]{3})L$/.exec(upper);
  if (last) return { kind: 'last-of-month', weekday: weekday(last[1]!, start) };
  const nth = /^(\d+|[A-Z]{3})#(.*)$/.exec(upper);
  if (nth && !text.includes(',')) {
    const day = weekday(nth[1]!, start);
    const k = nth[2]!;
    const kStart = start + nth[1]!.length + 1;
    if (!/^[1-5]$/.test(k)) fail(rule, `${text}: the occurrence after '#' must be 1-5`, kStart, kStart + k.length);
    return { kind: 'nth', weekday: day, nth: Number(k) };
  }
  checkListHasNoSpecials(rule, text, start);
  return { kind: 'values', field: parseField(rule, text, start) };
}
