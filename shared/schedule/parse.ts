import { RULES, ScheduleSyntaxError, parseDayOfMonth, parseDayOfWeek, parseField } from './cron-fields.js';
import { isValidTimeZone } from './timezone.js';
import { MONTH_NAMES, daysInMonth, type AtSchedule, type CronSchedule, type ParseOptions, type ParseResult, type RateSchedule, type Schedule, type ScheduleError } from './types.js';

const USAGE = 'use rate(value unit), cron(minutes hours day-of-month month day-of-week year) or at(yyyy-mm-ddThh:mm:ss)';
const UNITS: Record<string, { unit: RateSchedule['unit']; plural: boolean; ms: number }> = {
  minute: { unit: 'minute', plural: false, ms: 60_000 },
  minutes: { unit: 'minute', plural: true, ms: 60_000 },
  hour: { unit: 'hour', plural: false, ms: 3_600_000 },
  hours: { unit: 'hour', plural: true, ms: 3_600_000 },
  day: { unit: 'day', plural: false, ms: 86_400_000 },
  days: { unit: 'day', plural: true, ms: 86_400_000 },
};

interface Token {
  text: string;
  start: number;
  end: number;
}

function fail(error: ScheduleError): never {
  throw new ScheduleSyntaxError(error);
}

function tokens(text: string, offset: number): Token[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: offset + m.index, end: offset + m.index + m[0].length }));
}

/**
 * Parses an EventBridge schedule expression: rate(...), cron(...) or (EventBridge Scheduler)
 * at(...). Errors name the field and carry the character range of the bad part of `expr`.
 */
export function parseSchedule(expr: string, options: ParseOptions = {}): ParseResult {
  try {
    return { ok: true, schedule: parseOrThrow(expr, options) };
  } catch (e) {
    if (e instanceof ScheduleSyntaxError) return { ok: false, error: e.detail };
    throw e;
  }
}

function parseOrThrow(expr: string, options: ParseOptions): Schedule {
  const dialect = options.dialect ?? 'scheduler';
  const timezone = options.timezone ?? 'UTC';
  if (options.timezone !== undefined) {
    if (!isValidTimeZone(timezone)) fail({ message: `time zone '${timezone}' is not an IANA time zone name (e.g. America/New_York)` });
    if (dialect === 'rule' && timezone !== 'UTC') fail({ message: 'EventBridge rules always run in UTC; time zones need EventBridge Scheduler' });
  }
  const lead = expr.length - expr.trimStart().length;
  const body = expr.trim();
  const whole = { start: lead, end: lead + body.length };
  if (body === '') fail({ message: `empty schedule expression; ${USAGE}`, position: whole });
  const head = /^([A-Za-z]+)\s*\(/.exec(body);
  if (!head) fail({ message: `unrecognised schedule expression; ${USAGE}`, position: whole });
  const keyword = head[1]!;
  const keywordPos = { start: lead, end: lead + keyword.length };
  if (!['rate', 'cron', 'at'].includes(keyword)) {
    const lower = keyword.toLowerCase();
    if (['rate', 'cron', 'at'].includes(lower)) fail({ message: `write '${lower}(' in lower case`, position: keywordPos });
    fail({ message: `unknown schedule type '${keyword}'; ${USAGE}`, position: keywordPos });
  }
  if (head[0].length !== keyword.length + 1) fail({ message: `no space is allowed between '${keyword}' and '('`, position: { start: lead + keyword.length, end: lead + head[0].length - 1 } });
  if (!body.endsWith(')')) fail({ message: `missing ')' at the end of ${keyword}(...)`, position: { start: whole.end, end: whole.end } });
  const innerStart = lead + keyword.length + 1;
  const inner = body.slice(keyword.length + 1, -1);
  const stray = inner.search(/[()]/);
  if (stray >= 0) fail({ message: `unexpected '${inner[stray]}' inside ${keyword}(...)`, position: { start: innerStart + stray, end: innerStart + stray + 1 } });
  if (keyword === 'rate') return parseRate(body, inner, innerStart);
  if (keyword === 'cron') return parseCron(body, inner, innerStart, timezone);
  if (dialect === 'rule') fail({ message: 'at() one-time schedules need EventBridge Scheduler; EventBridge rules accept rate() and cron() only', position: keywordPos });
  return parseAt(body, inner, innerStart, timezone);
}

function parseRate(expression: string, inner: string, innerStart: number): RateSchedule {
  const parts = tokens(inner, innerStart);
  const [value, unit, extra] = parts;
  const innerPos = { start: innerStart, end: innerStart + inner.length };
  if (!value) fail({ message: 'rate needs a value and a unit, e.g. rate(5 minutes)', field: 'rate-value', position: innerPos });
  if (!unit) fail({ message: `rate(${value.text}): missing unit; use minute(s), hour(s) or day(s), e.g. rate(5 minutes)`, field: 'rate-unit', position: { start: value.end, end: value.end } });
  if (extra) fail({ message: `rate takes exactly a value and a unit, e.g. rate(5 minutes); unexpected '${extra.text}'`, position: { start: extra.start, end: parts[parts.length - 1]!.end } });
  const valuePos = { start: value.start, end: value.end };
  if (!/^\d+$/.test(value.text) || !Number.isSafeInteger(Number(value.text))) {
    fail({ message: `rate-value: '${value.text}' must be a positive whole number`, field: 'rate-value', position: valuePos });
  }
  const n = Number(value.text);
  if (n === 0) fail({ message: 'rate-value: 0 is not allowed; the value must be a positive whole number (1 or more)', field: 'rate-value', position: valuePos });
  const unitPos = { start: unit.start, end: unit.end };
  const spec = UNITS[unit.text];
  if (!spec) {
    const lower = unit.text.toLowerCase();
    if (UNITS[lower]) fail({ message: `rate-unit: write the unit in lower case ('${lower}')`, field: 'rate-unit', position: unitPos });
    fail({ message: `rate-unit: '${unit.text}' is not a unit; use minute, minutes, hour, hours, day or days`, field: 'rate-unit', position: unitPos });
  }
  const written = `rate(${value.text} ${unit.text})`;
  if (n === 1 && spec.plural) fail({ message: `${written}: use the singular unit '${spec.unit}' for a value of 1`, field: 'rate-unit', position: unitPos });
  if (n > 1 && !spec.plural) fail({ message: `${written}: use the plural unit '${spec.unit}s' for a value above 1`, field: 'rate-unit', position: unitPos });
  return { kind: 'rate', expression, value: n, unit: spec.unit, periodMs: n * spec.ms };
}

function parseCron(expression: string, inner: string, innerStart: number, timezone: string): CronSchedule {
  const fields = tokens(inner, innerStart);
  if (fields.length !== 6) {
    const position = fields.length > 6 ? { start: fields[6]!.start, end: fields[fields.length - 1]!.end } : { start: innerStart, end: innerStart + inner.length };
    fail({ message: `cron needs 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`, position });
  }
  const [mi, h, dom, mo, dow, y] = fields as [Token, Token, Token, Token, Token, Token];
  const minutes = parseField(RULES.minutes, mi.text, mi.start);
  const hours = parseField(RULES.hours, h.text, h.start);
  const dayOfMonth = parseDayOfMonth(dom.text, dom.start);
  const month = parseField(RULES.month, mo.text, mo.start);
  const dayOfWeek = parseDayOfWeek(dow.text, dow.start);
  const year = parseField(RULES.year, y.text, y.start);
  if ((dayOfMonth.kind === 'any') === (dayOfWeek.kind === 'any')) {
    fail({ message: "exactly one of day-of-month and day-of-week must be '?'", field: 'day-of-week', position: { start: dom.start, end: dow.end } });
  }
  return { kind: 'cron', expression, timezone, minutes, hours, dayOfMonth, month, dayOfWeek, year };
}

function parseAt(expression: string, inner: string, innerStart: number, timezone: string): AtSchedule {
  const lead = inner.length - inner.trimStart().length;
  const text = inner.trim();
  const start = innerStart + lead;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) fail({ message: 'at() needs a date and time as yyyy-mm-ddThh:mm:ss, e.g. at(2026-11-27T10:15:00)', position: { start, end: start + text.length } });
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  // Offsets of each component inside yyyy-mm-ddThh:mm:ss.
  const at = (offset: number, length: number) => ({ start: start + offset, end: start + offset + length });
  if (month < 1 || month > 12) fail({ message: `at(): month ${m[2]} is out of range (01-12)`, position: at(5, 2) });
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) fail({ message: `at(): day ${m[3]} is out of range (${MONTH_NAMES[month - 1]} ${year} has ${days} days)`, position: at(8, 2) });
  if (hour > 23) fail({ message: `at(): hour ${m[4]} is out of range (00-23)`, position: at(11, 2) });
  if (minute > 59) fail({ message: `at(): minute ${m[5]} is out of range (00-59)`, position: at(14, 2) });
  if (second > 59) fail({ message: `at(): second ${m[6]} is out of range (00-59)`, position: at(17, 2) });
  return { kind: 'at', expression, timezone, local: { year, month, day, hour, minute, second } };
}
