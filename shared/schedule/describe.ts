import type { CronField, CronItem, CronSchedule, Schedule } from './types.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];
const pad = (n: number) => String(n).padStart(2, '0');
const weekday = (n: number) => WEEKDAYS[n - 1] ?? String(n);
const monthName = (n: number) => MONTHS[n - 1] ?? String(n);

/** 2 -> "2nd", 11 -> "11th", 23 -> "23rd". */
function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** "a", "a and b", "a, b and c". */
function join(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function isAll(field: CronField): boolean {
  return field.items.length === 1 && field.items[0]!.kind === 'all';
}

/** A field's items in words; `unit` names a step ("every 2 hours"), `max` is the field's top. */
function listItems(field: CronField, fmt: (n: number) => string, unit: string, max: number, through = '-'): string {
  const item = (it: CronItem): string => {
    switch (it.kind) {
      case 'all':
        return `every ${unit}`;
      case 'value':
        return fmt(it.value);
      case 'range':
        return `${fmt(it.from)}${through}${fmt(it.to)}`;
      case 'step': {
        const range = it.to === max ? (it.fromAll ? '' : ` from ${fmt(it.from)}`) : ` from ${fmt(it.from)} to ${fmt(it.to)}`;
        return `every ${it.step} ${unit}s${range}`;
      }
    }
  };
  return join(field.items.map(item));
}

/** A single step item covering the whole field from its start, e.g. 0/15 or * /15. */
function simpleStep(field: CronField, min: number, max: number): { step: number; from: number } | undefined {
  const it = field.items[0];
  if (field.items.length !== 1 || it?.kind !== 'step' || it.to !== max || it.from - min >= it.step) return undefined;
  return { step: it.step, from: it.from };
}

function timePhrase(s: CronSchedule, tz: string): string {
  const { minutes, hours } = s;
  const mins = minutes.values;
  const hrs = hours.values;
  if (mins.length === 1 && hrs.length >= 1 && hrs.length <= 4 && hours.items.every((i) => i.kind === 'value')) {
    return `at ${join(hrs.map((h) => `${pad(h)}:${pad(mins[0]!)}`))} ${tz}`;
  }
  const onlyRange = hours.items.length === 1 && hours.items[0]!.kind === 'range' ? hours.items[0] : undefined;
  if (mins.length === 1 && onlyRange?.kind === 'range') {
    return `every hour from ${pad(onlyRange.from)}:${pad(mins[0]!)} to ${pad(onlyRange.to)}:${pad(mins[0]!)} ${tz}`;
  }
  let phrase: string;
  const minuteStep = simpleStep(minutes, 0, 59);
  if (isAll(minutes)) phrase = 'every minute';
  else if (minuteStep) phrase = `every ${minuteStep.step} minutes${minuteStep.from ? ` starting at minute ${minuteStep.from}` : ''}`;
  else phrase = `at minute${mins.length > 1 ? 's' : ''} ${listItems(minutes, String, 'minute', 59)}`;
  const hourStep = simpleStep(hours, 0, 23);
  if (isAll(hours)) phrase += phrase.startsWith('at') ? ' past every hour' : '';
  else if (hourStep) phrase += ` ${phrase.startsWith('at') ? 'past' : 'during'} every ${ordinal(hourStep.step)} hour${hourStep.from ? ` starting at ${pad(hourStep.from)}:00` : ''}`;
  else phrase += ` during hour${hrs.length > 1 ? 's' : ''} ${listItems(hours, pad, 'hour', 23)}`;
  return `${phrase} ${tz}`;
}

function dayPhrase(s: CronSchedule): string {
  const months = isAll(s.month) ? 'every month' : listItems(s.month, monthName, 'month', 12, ' to ');
  const inMonths = isAll(s.month) ? '' : ` in ${months}`;
  const dom = s.dayOfMonth;
  const dow = s.dayOfWeek;
  switch (dow.kind) {
    case 'values':
      if (isAll(dow.field)) break;
      return `on ${listItems(dow.field, weekday, 'day', 7, ' to ')}${inMonths}`;
    case 'last-of-month':
      return `on the last ${weekday(dow.weekday)} of ${months}`;
    case 'nth':
      return `on the ${ORDINALS[dow.nth - 1]} ${weekday(dow.weekday)} of ${months}`;
    case 'any':
      break;
  }
  switch (dom.kind) {
    case 'values':
      if (isAll(dom.field)) break;
      return `on day${dom.field.values.length > 1 ? 's' : ''} ${listItems(dom.field, String, 'day', 31)} of ${months}`;
    case 'last':
      return `on the last day of ${months}`;
    case 'last-weekday':
      return `on the last weekday (Monday to Friday) of ${months}`;
    case 'nearest-weekday':
      return `on the weekday nearest day ${dom.day} of ${months}`;
    case 'any':
      break;
  }
  return `every day${inMonths}`;
}

function describeCron(s: CronSchedule): string {
  const time = timePhrase(s, s.timezone);
  let day = dayPhrase(s);
  if (day === 'every day' && time.startsWith('every')) day = '';
  const year = isAll(s.year) ? '' : ` in ${listItems(s.year, String, 'year', 2199)}`;
  return `${time}${day ? ` ${day}` : ''}${year}`;
}

/** A schedule in words: "every 5 minutes", "at 10:15 UTC on the last Friday of every month". */
export function describeSchedule(schedule: Schedule): string {
  switch (schedule.kind) {
    case 'rate':
      return schedule.value === 1 ? `every ${schedule.unit}` : `every ${schedule.value} ${schedule.unit}s`;
    case 'at': {
      const { year, month, day, hour, minute, second } = schedule.local;
      return `once at ${year}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}:${pad(second)} ${schedule.timezone}`;
    }
    case 'cron':
      return describeCron(schedule);
  }
}
