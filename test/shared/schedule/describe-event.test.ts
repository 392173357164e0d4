import { describe, expect, it } from 'vitest';
import { describeSchedule, nextFireTimes, parseSchedule, scheduledEvent, type ParseOptions } from '../../../shared/schedule/index.js';

function describeExpr(expr: string, options?: ParseOptions): string {
  const r = parseSchedule(expr, options);
  if (!r.ok) throw new Error(`${expr}: ${r.error.message}`);
  return describeSchedule(r.schedule);
}

describe('describeSchedule', () => {
  it.each([
    ['rate(1 minute)', 'every minute'],
    ['rate(5 minutes)', 'every 5 minutes'],
    ['rate(1 hour)', 'every hour'],
    ['rate(12 hours)', 'every 12 hours'],
    ['rate(1 day)', 'every day'],
    ['rate(3 days)', 'every 3 days'],
    ['cron(15 10 ? * 6L *)', 'at 10:15 UTC on the last Friday of every month'],
    ['cron(0 10 ? * 6L 2027)', 'at 10:00 UTC on the last Friday of every month in 2027'],
    ['cron(15 10 ? * 2#1 *)', 'at 10:15 UTC on the first Monday of every month'],
    ['cron(0 0 LW * ? *)', 'at 00:00 UTC on the last weekday (Monday to Friday) of every month'],
    ['cron(0 12 L * ? *)', 'at 12:00 UTC on the last day of every month'],
    ['cron(0 9 15W * ? *)', 'at 09:00 UTC on the weekday nearest day 15 of every month'],
    ['cron(0 10 * * ? *)', 'at 10:00 UTC every day'],
    ['cron(0 8,20 * * ? *)', 'at 08:00 and 20:00 UTC every day'],
    ['cron(0/15 * * * ? *)', 'every 15 minutes UTC'],
    ['cron(5/10 * * * ? *)', 'every 10 minutes starting at minute 5 UTC'],
    ['cron(* * * * ? *)', 'every minute UTC'],
    ['cron(30 * * * ? *)', 'at minute 30 past every hour UTC every day'],
    ['cron(0 */2 * * ? *)', 'at minute 0 past every 2nd hour UTC every day'],
    ['cron(0 9-17 ? * MON-FRI *)', 'every hour from 09:00 to 17:00 UTC on Monday to Friday'],
    ['cron(0/30 9-17 ? * MON-FRI *)', 'every 30 minutes during hours 09-17 UTC on Monday to Friday'],
    ['cron(0 8 ? * SUN,SAT *)', 'at 08:00 UTC on Sunday and Saturday'],
    ['cron(0 8 1,15 JAN,MAR ? *)', 'at 08:00 UTC on days 1 and 15 of January and March'],
    ['cron(0 8 * JAN-MAR ? 2027-2029)', 'at 08:00 UTC every day in January to March in 2027-2029'],
    ['cron(0 0 29 2 ? *)', 'at 00:00 UTC on day 29 of February'],
    ['at(2026-11-27T10:15:00)', 'once at 2026-11-27 10:15:00 UTC'],
  ])('%s -> %s', (expr, text) => {
    expect(describeExpr(expr)).toBe(text);
  });

  it('names the time zone', () => {
    expect(describeExpr('cron(0 9 ? * MON-FRI *)', { timezone: 'Europe/Paris' })).toBe('at 09:00 Europe/Paris on Monday to Friday');
    expect(describeExpr('at(2026-11-27T10:15:00)', { timezone: 'Asia/Tokyo' })).toBe('once at 2026-11-27 10:15:00 Asia/Tokyo');
  });
});

describe('scheduledEvent (ARCHITECTURE.md, Lambda behaviour 9)', () => {
  const ruleArn = 'arn:aws:events:us-east-1:123456789012:rule/nightly';

  it('builds the EventBridge Scheduled Event exactly', () => {
    const event = scheduledEvent({ ruleArn, time: new Date('2026-11-27T10:15:00.123Z'), account: '123456789012', region: 'us-east-1', id: 'cdc73f9d-aea9-11e3-9d5a-835b769c0d9c' });
    expect(event).toEqual({
      version: '0',
      id: 'cdc73f9d-aea9-11e3-9d5a-835b769c0d9c',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '123456789012',
      time: '2026-11-27T10:15:00Z',
      region: 'us-east-1',
      resources: [ruleArn],
      detail: {},
    });
    expect(Object.keys(event)).toEqual(['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
  });

  it('makes a fresh UUID v4 id when none is given', () => {
    const a = scheduledEvent({ ruleArn, time: new Date(0), account: '123456789012', region: 'eu-west-1' });
    const b = scheduledEvent({ ruleArn, time: new Date(0), account: '123456789012', region: 'eu-west-1' });
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.id).not.toBe(b.id);
    expect(a.time).toBe('1970-01-01T00:00:00Z');
  });

  it('pairs with nextFireTimes: one event per fire time', () => {
    const r = parseSchedule('cron(15 10 ? * 6L *)');
    if (!r.ok) throw new Error(r.error.message);
    const times = nextFireTimes(r.schedule, new Date('2026-11-01T00:00:00Z'), 2);
    const events = times.map((time) => scheduledEvent({ ruleArn, time, account: '123456789012', region: 'us-east-1' }));
    expect(events.map((e) => e.time)).toEqual(['2026-11-27T10:15:00Z', '2026-12-25T10:15:00Z']);
  });
});
