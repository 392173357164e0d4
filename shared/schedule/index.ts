/** EventBridge schedule expressions: parse, next fire times, words, and the Scheduled Event. */
export { parseSchedule } from './parse.js';
export { nextFireTimes, type NextFireOptions } from './next.js';
export { describeSchedule } from './describe.js';
export { scheduledEvent, type ScheduledEvent, type ScheduledEventInput } from './event.js';
export { isValidTimeZone } from './timezone.js';
export type { AtSchedule, CronField, CronItem, CronSchedule, DayOfMonthSpec, DayOfWeekSpec, ParseOptions, ParseResult, RateSchedule, Schedule, ScheduleError, ScheduleField } from './types.js';
