import { describe, expect, it } from 'vitest';
import { parseSchedule, type CronSchedule, type ScheduleField } from '../../../shared/schedule/index.js';

function cron(expr: string): CronSchedule {
  const r = parseSchedule(expr);
  if (!r.ok) throw new Error(`${expr}: ${r.error.message}`);
  if (r.schedule.kind !== 'cron') throw new Error('not cron');
  return r.schedule;
}

describe('parseSchedule: accepted expressions', () => {
  it.each([
    ['rate(1 minute)'],
    ['rate(5 minutes)'],
    ['rate(1 hour)'],
    ['rate(12 hours)'],
    ['rate(1 day)'],
    ['rate(7 days)'],
    ['  rate(5 minutes)  '],
    ['cron(0 10 * * ? *)'],
    ['cron(15 10 ? * 6L 2027)'], // nL: last Friday
    ['cron(0 0 L * ? *)'], // L: last day of month
    ['cron(0 0 l * ? *)'], // letters are case-insensitive
    ['cron(0 0 LW * ? *)'], // last weekday of the month
    ['cron(0 0 15W * ? *)'], // weekday nearest the 15th
    ['cron(0 0 1W * ? *)'],
    ['cron(15 10 ? * 2#1 *)'], // first Monday
    ['cron(15 10 ? * MON#1 *)'],
    ['cron(0 0 ? * FRIL *)'],
    ['cron(0 0 ? * L *)'], // L alone = Saturday
    ['cron(0 9-17 ? * MON-FRI *)'],
    ['cron(0 9 ? * mon-fri *)'],
    ['cron(0 0 1 JAN,MAR ? *)'],
    ['cron(0 0 1 jan-jun ? *)'],
    ['cron(0/15 * * * ? *)'],
    ['cron(*/5 * * * ? *)'],
    ['cron(5-50/10 * * * ? *)'],
    ['cron(0 */2 * * ? *)'],
    ['cron(0 0 1/5 * ? *)'],
    ['cron(0 0 1 */3 ? *)'],
    ['cron(0 0 1 1 ? 2026,2028,2030-2032)'],
    ['cron(0 0 1 1 ? 1970/10)'],
    ['cron(0 0 1 1 ? 2199)'],
    ['cron(0,30 8,12,18 ? * SUN,SAT *)'],
    ['cron(59 23 31 12 ? *)'],
    ['cron(0 0 29 2 ? *)'],
    ['cron(0  0   *  * ?   *)'], // several spaces between fields
    ['at(2026-11-27T10:15:00)'],
    ['at(2028-02-29T00:00:00)'],
  ])('%s', (expr) => {
    const r = parseSchedule(expr);
    expect(r.ok ? 'ok' : r.error.message).toBe('ok');
  });

  it('expands fields into sorted values', () => {
    const s = cron('cron(5-50/10 9-17/4 ? JAN,MAR-APR MON-FRI 2030-2031)');
    expect(s.minutes.values).toEqual([5, 15, 25, 35, 45]);
    expect(s.hours.values).toEqual([9, 13, 17]);
    expect(s.month.values).toEqual([1, 3, 4]);
    expect(s.year.values).toEqual([2030, 2031]);
    expect(s.dayOfWeek).toMatchObject({ kind: 'values', field: { values: [2, 3, 4, 5, 6] } });
    expect(s.dayOfMonth).toEqual({ kind: 'any' });
    expect(s.timezone).toBe('UTC');
  });

  it.each([
    ['cron(0 0 L * ? *)', { kind: 'last' }, 'dayOfMonth'],
    ['cron(0 0 LW * ? *)', { kind: 'last-weekday' }, 'dayOfMonth'],
    ['cron(0 0 15W * ? *)', { kind: 'nearest-weekday', day: 15 }, 'dayOfMonth'],
    ['cron(0 0 ? * 6L *)', { kind: 'last-of-month', weekday: 6 }, 'dayOfWeek'],
    ['cron(0 0 ? * FRIL *)', { kind: 'last-of-month', weekday: 6 }, 'dayOfWeek'],
    ['cron(0 0 ? * 2#1 *)', { kind: 'nth', weekday: 2, nth: 1 }, 'dayOfWeek'],
    ['cron(0 0 ? * TUE#5 *)', { kind: 'nth', weekday: 3, nth: 5 }, 'dayOfWeek'],
    ['cron(0 0 ? * L *)', { kind: 'values', field: { items: [{ kind: 'value', value: 7 }], values: [7] } }, 'dayOfWeek'],
  ] as const)('%s has the special day %o', (expr, spec, key) => {
    expect(cron(expr)[key]).toEqual(spec);
  });

  it('parses rate() and at()', () => {
    expect(parseSchedule('rate(5 minutes)')).toEqual({ ok: true, schedule: { kind: 'rate', expression: 'rate(5 minutes)', value: 5, unit: 'minute', periodMs: 300_000 } });
    const at = parseSchedule('at(2026-11-27T10:15:00)', { timezone: 'Europe/Paris' });
    expect(at).toEqual({
      ok: true,
      schedule: { kind: 'at', expression: 'at(2026-11-27T10:15:00)', timezone: 'Europe/Paris', local: { year: 2026, month: 11, day: 27, hour: 10, minute: 15, second: 0 } },
    });
  });
});

describe('parseSchedule: rejected expressions', () => {
  // [expression, message (exact, or a substring when it starts with '~'), field, the underlined text]
  it.each<[string, string, ScheduleField | undefined, string]>([
    ['cron(0 0 ? * ? *)', "exactly one of day-of-month and day-of-week must be '?'", 'day-of-week', '? * ?'],
    ['cron(0 0 * * * *)', "exactly one of day-of-month and day-of-week must be '?'", 'day-of-week', '* * *'],
    ['cron(0 0 1 * MON *)', "exactly one of day-of-month and day-of-week must be '?'", 'day-of-week', '1 * MON'],
    ['cron(0 0 * * ?)', 'cron needs 6 fields (minutes hours day-of-month month day-of-week year), got 5', undefined, '0 0 * * ?'],
    ['cron(0 0 * * ? * *)', 'cron needs 6 fields (minutes hours day-of-month month day-of-week year), got 7', undefined, '*'],
    ['cron(60 0 * * ? *)', 'minutes: 60 is out of range (0-59)', 'minutes', '60'],
    ['cron(0 24 * * ? *)', 'hours: 24 is out of range (0-23)', 'hours', '24'],
    ['cron(0 0 32 * ? *)', 'day-of-month: 32 is out of range (1-31)', 'day-of-month', '32'],
    ['cron(0 0 0 * ? *)', 'day-of-month: 0 is out of range (1-31)', 'day-of-month', '0'],
    ['cron(0 0 1 13 ? *)', 'month: 13 is out of range (1-12 or JAN-DEC)', 'month', '13'],
    ['cron(0 0 1 0 ? *)', 'month: 0 is out of range (1-12 or JAN-DEC)', 'month', '0'],
    ['cron(0 0 ? * 8 *)', 'day-of-week: 8 is out of range (1-7 or SUN-SAT, Sunday = 1)', 'day-of-week', '8'],
    ['cron(0 0 ? * 0 *)', 'day-of-week: 0 is out of range (1-7 or SUN-SAT, Sunday = 1)', 'day-of-week', '0'],
    ['cron(0 0 1 1 ? 1969)', 'year: 1969 is out of range (1970-2199)', 'year', '1969'],
    ['cron(0 0 1 1 ? 2200)', 'year: 2200 is out of range (1970-2199)', 'year', '2200'],
    ['cron(0 0 1 1 ? 2020-2200)', 'year: 2200 is out of range (1970-2199)', 'year', '2200'],
    ['cron(0 0 1 FOO ? *)', "month: 'FOO' is not valid (use 1-12 or JAN-DEC with , - * /)", 'month', 'FOO'],
    ['cron(0 0 ? * MONDAY *)', "~day-of-week: 'MONDAY' is not valid", 'day-of-week', 'MONDAY'],
    ['cron(0 0 ? * FRI-MON *)', 'day-of-week: range FRI-MON runs backwards; ranges do not wrap around, write FRI-SAT,SUN-MON instead', 'day-of-week', 'FRI-MON'],
    ['cron(0 22-2 * * ? *)', 'hours: range 22-2 runs backwards; ranges do not wrap around, write 22-23,0-2 instead', 'hours', '22-2'],
    ['cron(*/0 * * * ? *)', "minutes: step '0' must be a whole number from 1 to 59", 'minutes', '0'],
    ['cron(*/60 * * * ? *)', "minutes: step '60' must be a whole number from 1 to 59", 'minutes', '60'],
    ['cron(0/x * * * ? *)', "minutes: step 'x' must be a whole number from 1 to 59", 'minutes', 'x'],
    ['cron(0 0/24 * * ? *)', "hours: step '24' must be a whole number from 1 to 23", 'hours', '24'],
    ['cron(0 0 ? * 1/2 *)', "day-of-week: '/' steps are not supported in day-of-week (allowed: , - * ? L #)", 'day-of-week', '1/2'],
    ['cron(1,,2 * * * ? *)', '~minutes: empty value', 'minutes', ''],
    ['cron(? 0 * * ? *)', "minutes: '?' is only allowed in day-of-month and day-of-week", 'minutes', '?'],
    ['cron(0 0 1,? * ? *)', "day-of-month: '?' must stand alone (it cannot be part of a list)", 'day-of-month', '?'],
    ['cron(0 0 L-3 * ? *)', "day-of-month: 'L-3' (an offset from the last day) is not supported by EventBridge; use L, LW or nW", 'day-of-month', 'L-3'],
    ['cron(0 0 1,L * ? *)', "day-of-month: 'L' must stand alone (it cannot be part of a list)", 'day-of-month', 'L'],
    ['cron(0 0 1-5W * ? *)', "day-of-month: W needs a single day (e.g. 15W), not '1-5W'", 'day-of-month', '1-5W'],
    ['cron(0 0 32W * ? *)', 'day-of-month: 32 is out of range (1-31)', 'day-of-month', '32'],
    ['cron(0 0 ? * 2W *)', "day-of-week: 'W' is only allowed in day-of-month (e.g. 15W)", 'day-of-week', '2W'],
    ['cron(0 0 1#2 * ? *)', "day-of-month: '#' is only allowed in day-of-week (e.g. 2#1 = first Monday)", 'day-of-month', '1#2'],
    ['cron(L 0 * * ? *)', "minutes: 'L' is only allowed in day-of-month and day-of-week", 'minutes', 'L'],
    ['cron(0 0 ? * 2#6 *)', "day-of-week: 2#6: the occurrence after '#' must be 1-5", 'day-of-week', '6'],
    ['cron(0 0 ? * 2#0 *)', "day-of-week: 2#0: the occurrence after '#' must be 1-5", 'day-of-week', '0'],
    ['cron(0 0 ? * 9#1 *)', 'day-of-week: 9 is out of range (1-7 or SUN-SAT, Sunday = 1)', 'day-of-week', '9'],
    ['cron(0 0 ? * 8L *)', 'day-of-week: 8 is out of range (1-7 or SUN-SAT, Sunday = 1)', 'day-of-week', '8'],
    ['cron(0 0 ? * 2#1,3#1 *)', "day-of-week: '2#1' must stand alone (it cannot be part of a list)", 'day-of-week', '2#1'],
    ['rate(0 minutes)', 'rate-value: 0 is not allowed; the value must be a positive whole number (1 or more)', 'rate-value', '0'],
    ['rate(-5 minutes)', "rate-value: '-5' must be a positive whole number", 'rate-value', '-5'],
    ['rate(1.5 hours)', "rate-value: '1.5' must be a positive whole number", 'rate-value', '1.5'],
    ['rate(1 hours)', "rate(1 hours): use the singular unit 'hour' for a value of 1", 'rate-unit', 'hours'],
    ['rate(5 hour)', "rate(5 hour): use the plural unit 'hours' for a value above 1", 'rate-unit', 'hour'],
    ['rate(1 minutes)', "rate(1 minutes): use the singular unit 'minute' for a value of 1", 'rate-unit', 'minutes'],
    ['rate(2 day)', "rate(2 day): use the plural unit 'days' for a value above 1", 'rate-unit', 'day'],
    ['rate(5 weeks)', "rate-unit: 'weeks' is not a unit; use minute, minutes, hour, hours, day or days", 'rate-unit', 'weeks'],
    ['rate(5 Minutes)', "rate-unit: write the unit in lower case ('minutes')", 'rate-unit', 'Minutes'],
    ['rate(5)', '~rate(5): missing unit', 'rate-unit', ''],
    ['rate()', 'rate needs a value and a unit, e.g. rate(5 minutes)', 'rate-value', ''],
    ['rate(5 minutes now)', '~rate takes exactly a value and a unit', undefined, 'now'],
    ['', '~empty schedule expression', undefined, ''],
    ['every 5 minutes', '~unrecognised schedule expression', undefined, 'every 5 minutes'],
    ['garbage', '~unrecognised schedule expression', undefined, 'garbage'],
    ['cron(0 0 * * ? *', "missing ')' at the end of cron(...)", undefined, ''],
    ['CRON(0 0 * * ? *)', "write 'cron(' in lower case", undefined, 'CRON'],
    ['weekly(1)', "~unknown schedule type 'weekly'", undefined, 'weekly'],
    ['cron(0 0 (1) * ? *)', "unexpected '(' inside cron(...)", undefined, '('],
    ['at(2026-11-27 10:15)', '~at() needs a date and time as yyyy-mm-ddThh:mm:ss', undefined, '2026-11-27 10:15'],
    ['at(2027-02-29T00:00:00)', 'at(): day 29 is out of range (FEB 2027 has 28 days)', undefined, '29'],
    ['at(2026-13-01T00:00:00)', 'at(): month 13 is out of range (01-12)', undefined, '13'],
    ['at(2026-01-01T24:00:00)', 'at(): hour 24 is out of range (00-23)', undefined, '24'],
  ])('%s', (expr, message, field, underlined) => {
    const r = parseSchedule(expr);
    if (r.ok) throw new Error(`${expr} was accepted`);
    if (message.startsWith('~')) expect(r.error.message).toContain(message.slice(1));
    else expect(r.error.message).toBe(message);
    expect(r.error.field).toBe(field);
    expect(r.error.position).toBeDefined();
    expect(expr.slice(r.error.position!.start, r.error.position!.end)).toBe(underlined);
  });

  it('positions count from the original string, leading spaces included', () => {
    const r = parseSchedule('   cron(0 0 ? * 8 *)');
    expect(r.ok ? undefined : r.error.position).toEqual({ start: 16, end: 17 });
  });
});

describe('parseSchedule: time zones and dialects', () => {
  it('accepts an IANA time zone for cron and at', () => {
    const r = parseSchedule('cron(30 2 * * ? *)', { timezone: 'America/New_York' });
    expect(r.ok && r.schedule.kind === 'cron' && r.schedule.timezone).toBe('America/New_York');
  });

  it.each(['Mars/Olympus', '+02:00', ''])('rejects the time zone %j', (timezone) => {
    const r = parseSchedule('cron(0 0 * * ? *)', { timezone });
    expect(r.ok ? '' : r.error.message).toContain('is not an IANA time zone name');
  });

  it('EventBridge rules (dialect "rule") have neither at() nor time zones', () => {
    const at = parseSchedule('at(2026-11-27T10:15:00)', { dialect: 'rule' });
    expect(at.ok ? '' : at.error.message).toContain('at() one-time schedules need EventBridge Scheduler');
    const tz = parseSchedule('cron(0 0 * * ? *)', { dialect: 'rule', timezone: 'Europe/Paris' });
    expect(tz.ok ? '' : tz.error.message).toBe('EventBridge rules always run in UTC; time zones need EventBridge Scheduler');
    expect(parseSchedule('cron(0 0 * * ? *)', { dialect: 'rule' }).ok).toBe(true);
  });
});
