/**
 * EventBridge schedule expressions (ARCHITECTURE.md, Lambda behaviour 10) as plain data: a parsed Schedule is
 * JSON-serialisable (no Sets, Dates or functions), so it can cross the host/renderer boundary.
 */

export type ScheduleField = 'minutes' | 'hours' | 'day-of-month' | 'month' | 'day-of-week' | 'year' | 'rate-value' | 'rate-unit';

export interface ScheduleError {
  message: string;
  /** The field at fault, when the fault is inside one. */
  field?: ScheduleField;
  /** The character range [start, end) of the bad part inside the original string. */
  position?: { start: number; end: number };
}

export type ParseResult = { ok: true; schedule: Schedule } | { ok: false; error: ScheduleError };

export interface ParseOptions {
  /**
   * IANA time zone (EventBridge Scheduler's ScheduleExpressionTimezone) in which cron() and at()
   * wall-clock times are read. Default UTC. Has no effect on rate().
   */
  timezone?: string;
  /**
   * 'rule' = classic EventBridge rules (UTC only, no at()); 'scheduler' = EventBridge Scheduler
   * (adds at() and time zones). Default 'scheduler', the superset.
   */
  dialect?: 'rule' | 'scheduler';
}

/** One comma-separated item of a numeric cron field, as written. */
export type CronItem = { kind: 'all' } | { kind: 'value'; value: number } | { kind: 'range'; from: number; to: number } | { kind: 'step'; from: number; to: number; step: number; fromAll: boolean };

/** A numeric cron field: the items as written and the values they expand to (sorted, unique). */
export interface CronField {
  items: CronItem[];
  values: number[];
}

export type DayOfMonthSpec =
  | { kind: 'any' } // '?'
  | { kind: 'values'; field: CronField }
  | { kind: 'last' } // L
  | { kind: 'last-weekday' } // LW
  | { kind: 'nearest-weekday'; day: number }; // 15W

export type DayOfWeekSpec =
  | { kind: 'any' } // '?'
  | { kind: 'values'; field: CronField } // 1 = Sunday ... 7 = Saturday
  | { kind: 'last-of-month'; weekday: number } // 6L: last Friday of the month
  | { kind: 'nth'; weekday: number; nth: number }; // 2#1: first Monday of the month

export interface RateSchedule {
  kind: 'rate';
  expression: string;
  value: number;
  unit: 'minute' | 'hour' | 'day';
  periodMs: number;
}

export interface CronSchedule {
  kind: 'cron';
  expression: string;
  timezone: string;
  minutes: CronField;
  hours: CronField;
  dayOfMonth: DayOfMonthSpec;
  month: CronField;
  dayOfWeek: DayOfWeekSpec;
  year: CronField;
}

export interface AtSchedule {
  kind: 'at';
  expression: string;
  timezone: string;
  /** The wall-clock time as written, in `timezone`. */
  local: { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

export type Schedule = RateSchedule | CronSchedule | AtSchedule;

export const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
export const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;

/** Days in a month (1-12) of a year, proleptic Gregorian. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeapYear(year) ? 1 : 0);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Milliseconds of a UTC (or "naive wall-clock") time; safe for years 0-99 too. */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // overflowing months and days roll over
  d.setUTCHours(hour, minute, second, 0); // and so do hours and minutes
  return d.getTime();
}
