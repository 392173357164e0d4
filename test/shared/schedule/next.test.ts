import { describe, expect, it } from 'vitest';
import { nextFireTimes, parseSchedule, type ParseOptions, type Schedule } from '../../../shared/schedule/index.js';

function schedule(expr: string, options?: ParseOptions): Schedule {
  const r = parseSchedule(expr, options);
  if (!r.ok) throw new Error(`${expr}: ${r.error.message}`);
  return r.schedule;
}

const iso = (dates: Date[]) => dates.map((d) => d.toISOString().replace('.000Z', 'Z'));

describe('nextFireTimes (UTC)', () => {
  it.each<[string, string, number, string[]]>([
    [
      'cron(0 10 ? * 6L 2027)', // the last Friday of every month of 2027, and nothing after
      '2026-06-01T00:00:00Z',
      13,
      [
        '2027-01-29T10:00:00Z',
        '2027-02-26T10:00:00Z',
        '2027-03-26T10:00:00Z',
        '2027-04-30T10:00:00Z',
        '2027-05-28T10:00:00Z',
        '2027-06-25T10:00:00Z',
        '2027-07-30T10:00:00Z',
        '2027-08-27T10:00:00Z',
        '2027-09-24T10:00:00Z',
        '2027-10-29T10:00:00Z',
        '2027-11-26T10:00:00Z',
        '2027-12-31T10:00:00Z',
      ],
    ],
    ['cron(15 10 ? * 2#1 *)', '2026-01-01T00:00:00Z', 4, ['2026-01-05T10:15:00Z', '2026-02-02T10:15:00Z', '2026-03-02T10:15:00Z', '2026-04-06T10:15:00Z']],
    ['cron(15 10 ? * MON#1 *)', '2026-01-05T10:15:00Z', 1, ['2026-02-02T10:15:00Z']], // strictly after `from`
    ['cron(0 0 ? 2 SUN#5 *)', '1970-01-01T00:00:00Z', 2, ['1976-02-29T00:00:00Z', '2004-02-29T00:00:00Z']],
    // Last weekday: Jan 30 2026 is a Friday (31st a Saturday), May 31 2026 a Sunday.
    ['cron(0 0 LW * ? *)', '2026-01-01T00:00:00Z', 5, ['2026-01-30T00:00:00Z', '2026-02-27T00:00:00Z', '2026-03-31T00:00:00Z', '2026-04-30T00:00:00Z', '2026-05-29T00:00:00Z']],
    ['cron(0 12 L * ? *)', '2027-01-31T12:00:00Z', 3, ['2027-02-28T12:00:00Z', '2027-03-31T12:00:00Z', '2027-04-30T12:00:00Z']],
    ['cron(0 12 L 2 ? 2028)', '2027-01-01T00:00:00Z', 2, ['2028-02-29T12:00:00Z']],
    // 15W: Aug 15 2026 is a Saturday -> Fri 14th; Nov 15 2026 a Sunday -> Mon 16th.
    ['cron(0 9 15W 8,11 ? 2026)', '2026-01-01T00:00:00Z', 3, ['2026-08-14T09:00:00Z', '2026-11-16T09:00:00Z']],
    // 1W never leaves the month: Aug 1 2026 is a Saturday -> Mon 3rd; 31W on Sun May 31 2026 -> Fri 29th.
    ['cron(0 9 1W 8 ? 2026)', '2026-01-01T00:00:00Z', 1, ['2026-08-03T09:00:00Z']],
    ['cron(0 9 31W 5 ? 2026)', '2026-01-01T00:00:00Z', 1, ['2026-05-29T09:00:00Z']],
    ['cron(0 9 31W * ? 2026)', '2026-03-31T09:00:00Z', 2, ['2026-05-29T09:00:00Z', '2026-07-31T09:00:00Z']], // months without a 31st skip
    ['cron(0/15 * * * ? *)', '2026-03-01T23:40:00Z', 4, ['2026-03-01T23:45:00Z', '2026-03-02T00:00:00Z', '2026-03-02T00:15:00Z', '2026-03-02T00:30:00Z']],
    ['cron(0/15 * * * ? *)', '2026-03-01T23:44:59.999Z', 1, ['2026-03-01T23:45:00Z']],
    ['cron(* * * * ? *)', '2026-12-31T23:59:30Z', 2, ['2027-01-01T00:00:00Z', '2027-01-01T00:01:00Z']],
    ['cron(0 9-17/4 ? * MON-FRI *)', '2026-11-27T12:00:00Z', 4, ['2026-11-27T13:00:00Z', '2026-11-27T17:00:00Z', '2026-11-30T09:00:00Z', '2026-11-30T13:00:00Z']],
    ['cron(30 6 1,15 JAN,MAR ? 2027-2028)', '2027-01-20T00:00:00Z', 3, ['2027-03-01T06:30:00Z', '2027-03-15T06:30:00Z', '2028-01-01T06:30:00Z']],
    ['cron(0 0 29 2 ? *)', '2024-02-29T00:00:00Z', 3, ['2028-02-29T00:00:00Z', '2032-02-29T00:00:00Z', '2036-02-29T00:00:00Z']],
    ['cron(0 0 29 2 ? *)', '2096-03-01T00:00:00Z', 1, ['2104-02-29T00:00:00Z']], // 2100 is not a leap year
    ['cron(0 0 1 1 ? 2020)', '2026-01-01T00:00:00Z', 5, []], // year range in the past
    ['cron(0 0 31 2 ? *)', '2026-01-01T00:00:00Z', 1, []], // never happens
    ['cron(0 0 1 1 ? *)', '2199-01-01T00:00:00Z', 1, []], // 2199 is the last year
    ['at(2026-11-27T10:15:00)', '2026-01-01T00:00:00Z', 3, ['2026-11-27T10:15:00Z']],
    ['at(2026-11-27T10:15:00)', '2026-11-27T10:15:00Z', 3, []],
  ])('%s after %s', (expr, from, count, expected) => {
    expect(iso(nextFireTimes(schedule(expr), new Date(from), count))).toEqual(expected);
  });

  it('answers far-off and impossible yearly expressions fast', () => {
    const started = performance.now();
    expect(iso(nextFireTimes(schedule('cron(0 0 29 2 ? 2196)'), new Date('1970-01-01T00:00:00Z'), 2))).toEqual(['2196-02-29T00:00:00Z']);
    expect(nextFireTimes(schedule('cron(0 0 30 2 ? *)'), new Date('1970-01-01T00:00:00Z'), 1)).toEqual([]);
    const fifthSundays = nextFireTimes(schedule('cron(59 23 ? 2 SUN#5 *)'), new Date('1970-01-01T00:00:00Z'), 100);
    expect(fifthSundays.length).toBeGreaterThan(5);
    for (const d of fifthSundays) expect([d.getUTCMonth(), d.getUTCDate(), d.getUTCDay()]).toEqual([1, 29, 0]);
    expect(nextFireTimes(schedule('cron(* * * * ? *)'), new Date('2026-01-01T00:00:00Z'), 10_000)).toHaveLength(10_000);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('returns nothing for a count of 0', () => {
    expect(nextFireTimes(schedule('rate(1 minute)'), new Date(), 0)).toEqual([]);
  });
});

describe('nextFireTimes for rate(): anchor + k * period', () => {
  const anchor = new Date('2026-01-15T09:58:30Z');
  it.each<[string, string, Date | undefined, string[]]>([
    ['rate(5 minutes)', '2026-01-15T10:00:00Z', anchor, ['2026-01-15T10:03:30Z', '2026-01-15T10:08:30Z', '2026-01-15T10:13:30Z']],
    ['rate(5 minutes)', '2026-01-15T10:03:30Z', anchor, ['2026-01-15T10:08:30Z', '2026-01-15T10:13:30Z', '2026-01-15T10:18:30Z']],
    ['rate(5 minutes)', '2026-01-15T09:00:00Z', anchor, ['2026-01-15T09:58:30Z', '2026-01-15T10:03:30Z', '2026-01-15T10:08:30Z']], // before creation: the anchor is the first
    ['rate(1 hour)', '2026-01-15T10:00:00Z', undefined, ['2026-01-15T11:00:00Z', '2026-01-15T12:00:00Z', '2026-01-15T13:00:00Z']], // default anchor: from
    ['rate(2 days)', '2026-01-20T00:00:00Z', anchor, ['2026-01-21T09:58:30Z', '2026-01-23T09:58:30Z', '2026-01-25T09:58:30Z']],
  ])('%s from %s', (expr, from, anchorDate, expected) => {
    expect(iso(nextFireTimes(schedule(expr), new Date(from), 3, { anchor: anchorDate }))).toEqual(expected);
  });

  it('a rate is a fixed duration: rate(1 day) keeps its UTC time across DST, whatever the time zone', () => {
    const s = schedule('rate(1 day)', { timezone: 'America/New_York' });
    expect(iso(nextFireTimes(s, new Date('2026-03-07T12:00:00Z'), 2))).toEqual(['2026-03-08T12:00:00Z', '2026-03-09T12:00:00Z']);
  });
});

describe('nextFireTimes with a time zone (EventBridge Scheduler)', () => {
  const ny = { timezone: 'America/New_York' };
  // 2026: clocks spring forward on Sun 8 March 02:00 EST -> 03:00 EDT, fall back on Sun 1 Nov 02:00 EDT -> 01:00 EST.
  it.each<[string, string, number, string[]]>([
    // 02:30 does not exist on 8 March: that day is skipped. 02:30 EST = 07:30Z, EDT = 06:30Z.
    ['cron(30 2 * * ? *)', '2026-03-06T00:00:00Z', 4, ['2026-03-06T07:30:00Z', '2026-03-07T07:30:00Z', '2026-03-09T06:30:00Z', '2026-03-10T06:30:00Z']],
    // 01:30 happens twice on 1 November: it fires once, at the first (EDT) one.
    ['cron(30 1 * * ? *)', '2026-10-31T00:00:00Z', 3, ['2026-10-31T05:30:00Z', '2026-11-01T05:30:00Z', '2026-11-02T06:30:00Z']],
    // Every 30 minutes through the repeated hour: 01:00 and 01:30 EST are not repeated.
    ['cron(0/30 * * * ? *)', '2026-11-01T04:50:00Z', 5, ['2026-11-01T05:00:00Z', '2026-11-01T05:30:00Z', '2026-11-01T07:00:00Z', '2026-11-01T07:30:00Z', '2026-11-01T08:00:00Z']],
    // From inside the second 01:xx hour, the next fire is 02:00 EST.
    ['cron(0/30 * * * ? *)', '2026-11-01T06:10:00Z', 1, ['2026-11-01T07:00:00Z']],
    // A daily 09:00 keeps its wall-clock time: 14:00Z in winter, 13:00Z in summer.
    ['cron(0 9 ? * MON-FRI *)', '2026-03-06T00:00:00Z', 2, ['2026-03-06T14:00:00Z', '2026-03-09T13:00:00Z']],
    ['at(2026-07-04T12:00:00)', '2026-01-01T00:00:00Z', 1, ['2026-07-04T16:00:00Z']],
    // An at() inside the spring-forward gap moves forward by the gap: 02:30 -> 03:30 EDT.
    ['at(2026-03-08T02:30:00)', '2026-01-01T00:00:00Z', 1, ['2026-03-08T07:30:00Z']],
    // An at() inside the repeated hour takes the first one (EDT).
    ['at(2026-11-01T01:30:00)', '2026-01-01T00:00:00Z', 1, ['2026-11-01T05:30:00Z']],
  ])('%s after %s', (expr, from, count, expected) => {
    expect(iso(nextFireTimes(schedule(expr, ny), new Date(from), count))).toEqual(expected);
  });

  it('handles zones with half-hour offsets and zones without DST', () => {
    expect(iso(nextFireTimes(schedule('cron(0 9 * * ? *)', { timezone: 'Asia/Kolkata' }), new Date('2026-06-01T00:00:00Z'), 1))).toEqual(['2026-06-01T03:30:00Z']);
    expect(iso(nextFireTimes(schedule('cron(0 9 * * ? *)', { timezone: 'Australia/Adelaide' }), new Date('2026-01-10T00:00:00Z'), 1))).toEqual(['2026-01-10T22:30:00Z']);
  });
});

describe('nextFireTimes agrees with a minute-by-minute scan', () => {
  /** A deliberately naive reference: tests every minute of a window against the fields. */
  function bruteForce(s: Schedule, from: Date, until: Date): string[] {
    if (s.kind !== 'cron') throw new Error('cron only');
    const out: Date[] = [];
    for (let t = Math.floor(from.getTime() / 60_000) * 60_000 + 60_000; t <= until.getTime(); t += 60_000) {
      const d = new Date(t);
      const [y, mo, day, h, mi, wd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCDay() + 1];
      const dim = new Date(Date.UTC(y, mo, 0)).getUTCDate();
      const weekdayOf = (n: number) => new Date(Date.UTC(y, mo - 1, n)).getUTCDay() + 1;
      const isWeekday = (n: number) => weekdayOf(n) >= 2 && weekdayOf(n) <= 6;
      const dom = s.dayOfMonth;
      const dow = s.dayOfWeek;
      let dayOk: boolean;
      if (dom.kind === 'values') dayOk = dom.field.values.includes(day);
      else if (dom.kind === 'last') dayOk = day === dim;
      else if (dom.kind === 'last-weekday') dayOk = day === [dim, dim - 1, dim - 2].find(isWeekday);
      else if (dom.kind === 'nearest-weekday') {
        const candidates = [dom.day, dom.day - 1, dom.day + 1, dom.day - 2, dom.day + 2].filter((n) => n >= 1 && n <= dim && isWeekday(n));
        dayOk = dom.day <= dim && candidates[0] === day;
      } else if (dow.kind === 'values') dayOk = dow.field.values.includes(wd);
      else if (dow.kind === 'last-of-month') dayOk = wd === dow.weekday && day > dim - 7;
      else if (dow.kind === 'nth') dayOk = wd === dow.weekday && day > (dow.nth - 1) * 7 && day <= dow.nth * 7;
      else dayOk = true;
      if (dayOk && s.year.values.includes(y) && s.month.values.includes(mo) && s.hours.values.includes(h) && s.minutes.values.includes(mi)) out.push(d);
    }
    return iso(out);
  }

  const from = new Date('2026-01-20T13:07:00Z');
  const until = new Date('2026-06-10T00:00:00Z');
  it.each([
    'cron(0/7 */5 * * ? *)',
    'cron(15,45 8-18/3 ? * MON-FRI *)',
    'cron(0 0 L * ? *)',
    'cron(30 23 LW * ? *)',
    'cron(0 12 1W * ? *)',
    'cron(0 12 31W * ? *)',
    'cron(0 12 16W * ? *)',
    'cron(59 23 ? * 6L *)',
    'cron(0 6 ? * 1#5 *)',
    'cron(0 6 ? FEB-APR 4#2 2026)',
    'cron(10-20/5 22-23 ? * L *)',
    'cron(0 0 29-31 * ? *)',
  ])('%s', (expr) => {
    const s = schedule(expr);
    const reference = bruteForce(s, from, until);
    expect(reference.length).toBeGreaterThan(0);
    expect(iso(nextFireTimes(s, from, reference.length))).toEqual(reference);
  });
});
