import { toWall, wallToInstantCompatible, wallToInstants } from './timezone.js';
import { daysInMonth, utcMs, type CronSchedule, type DayOfMonthSpec, type DayOfWeekSpec, type Schedule } from './types.js';

const MINUTE = 60_000;

export interface NextFireOptions {
  /**
   * rate() only: when the rule or schedule was created (or its StartDate). Fires are at
   * anchor + k * period for k = 0, 1, 2, ... Default: `from`, so the first fire is one period later.
   */
  anchor?: Date;
}

/**
 * The next `count` fire times strictly after `from`, as UTC Dates. Returns fewer when the
 * schedule ends: an at() in the past, or a cron() whose years (at most 2199) have run out.
 *
 * Time zones (cron/at with ScheduleExpressionTimezone), as EventBridge Scheduler documents:
 * a cron time that does not exist because clocks spring forward is skipped; a cron time that
 * happens twice because clocks fall back fires once, at its first (daylight-time) occurrence.
 * An at() time inside a spring-forward gap fires shifted forward by the gap (02:30 -> 03:30).
 */
export function nextFireTimes(schedule: Schedule, from: Date, count: number, options: NextFireOptions = {}): Date[] {
  const after = from.getTime();
  if (!(count > 0) || Number.isNaN(after)) return [];
  switch (schedule.kind) {
    case 'rate': {
      const anchor = options.anchor?.getTime() ?? after;
      const period = schedule.periodMs;
      const first = after < anchor ? 0 : Math.floor((after - anchor) / period) + 1;
      return Array.from({ length: count }, (_, i) => new Date(anchor + (first + i) * period));
    }
    case 'at': {
      const { year, month, day, hour, minute, second } = schedule.local;
      const instant = wallToInstantCompatible(schedule.timezone, utcMs(year, month, day, hour, minute, second));
      return instant > after ? [new Date(instant)] : [];
    }
    case 'cron':
      return nextCronTimes(schedule, after, count);
  }
}

function nextCronTimes(schedule: CronSchedule, after: number, count: number): Date[] {
  const matcher = compile(schedule);
  const out: Date[] = [];
  let wall = toWall(schedule.timezone, after);
  while (out.length < count) {
    const next = matcher.nextWall(wall);
    if (next === undefined) break;
    wall = next;
    // Wall-clock to instant is increasing when the earliest instant is taken, so skipping
    // instants not after `from` (from inside a repeated hour) keeps the order.
    const instant = wallToInstants(schedule.timezone, next)[0];
    if (instant !== undefined && instant > after) out.push(new Date(instant));
  }
  return out;
}

/** First value in a sorted list that is >= v. */
function atOrAfter(values: number[], v: number): number | undefined {
  for (const x of values) if (x >= v) return x;
  return undefined;
}

function weekdayOf(year: number, month: number, day: number): number {
  return new Date(utcMs(year, month, day)).getUTCDay() + 1; // 1 = Sunday
}

function domMatches(spec: DayOfMonthSpec, set: boolean[], y: number, mo: number, d: number, dim: number): boolean {
  switch (spec.kind) {
    case 'any':
      return true;
    case 'values':
      return set[d] === true;
    case 'last':
      return d === dim;
    case 'last-weekday': {
      const wd = weekdayOf(y, mo, dim);
      return d === (wd === 7 ? dim - 1 : wd === 1 ? dim - 2 : dim);
    }
    case 'nearest-weekday': {
      // The weekday nearest `day` without leaving the month; a day the month lacks never fires.
      const n = spec.day;
      if (n > dim) return false;
      const wd = weekdayOf(y, mo, n);
      if (wd === 7) return d === (n === 1 ? 3 : n - 1);
      if (wd === 1) return d === (n === dim ? n - 2 : n + 1);
      return d === n;
    }
  }
}

function dowMatches(spec: DayOfWeekSpec, set: boolean[], y: number, mo: number, d: number, dim: number): boolean {
  if (spec.kind === 'any') return true;
  const wd = weekdayOf(y, mo, d);
  switch (spec.kind) {
    case 'values':
      return set[wd] === true;
    case 'last-of-month':
      return wd === spec.weekday && d + 7 > dim;
    case 'nth':
      return wd === spec.weekday && Math.ceil(d / 7) === spec.nth;
  }
}

function lookup(values: number[]): boolean[] {
  const set: boolean[] = [];
  for (const v of values) set[v] = true;
  return set;
}

interface Fields {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
}

function fieldsOf(ms: number): Fields {
  const t = new Date(ms);
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes() };
}

/** A cron schedule prepared for searching wall-clock minutes, field by field. */
function compile(s: CronSchedule) {
  const domSet = s.dayOfMonth.kind === 'values' ? lookup(s.dayOfMonth.field.values) : [];
  const dowSet = s.dayOfWeek.kind === 'values' ? lookup(s.dayOfWeek.field.values) : [];
  const dayMatches = (y: number, mo: number, d: number, dim: number) => domMatches(s.dayOfMonth, domSet, y, mo, d, dim) && dowMatches(s.dayOfWeek, dowSet, y, mo, d, dim);
  const years = s.year.values;
  const months = s.month.values;
  const hours = s.hours.values;
  const minutes = s.minutes.values;

  /** The first matching wall-clock minute strictly after `after`, skipping whole years, months, days and hours. */
  function nextWall(after: number): number | undefined {
    let f = fieldsOf(Math.floor(after / MINUTE) * MINUTE + MINUTE);
    const jump = (y: number, mo: number, d: number, h: number, mi: number) => (f = fieldsOf(utcMs(y, mo, d, h, mi)));
    for (;;) {
      const y = atOrAfter(years, f.y);
      if (y === undefined) return undefined;
      if (y !== f.y) jump(y, 1, 1, 0, 0);
      const mo = atOrAfter(months, f.mo);
      if (mo === undefined) {
        jump(f.y + 1, 1, 1, 0, 0);
        continue;
      }
      if (mo !== f.mo) jump(f.y, mo, 1, 0, 0);
      const dim = daysInMonth(f.y, f.mo);
      let d = f.d;
      while (d <= dim && !dayMatches(f.y, f.mo, d, dim)) d++;
      if (d > dim) {
        jump(f.y, f.mo + 1, 1, 0, 0);
        continue;
      }
      if (d !== f.d) jump(f.y, f.mo, d, 0, 0);
      const h = atOrAfter(hours, f.h);
      if (h === undefined) {
        jump(f.y, f.mo, f.d + 1, 0, 0);
        continue;
      }
      if (h !== f.h) jump(f.y, f.mo, f.d, h, 0);
      const mi = atOrAfter(minutes, f.mi);
      if (mi === undefined) {
        jump(f.y, f.mo, f.d, f.h + 1, 0);
        continue;
      }
      return utcMs(f.y, f.mo, f.d, f.h, mi);
    }
  }
  return { nextWall };
}
