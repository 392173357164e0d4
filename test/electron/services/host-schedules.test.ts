import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type HostFixture } from './host-fixture.js';
import { TRIGGER_FILES } from './trigger-files.js';

const MINUTE = 60_000;

describe('triggers.list and schedules.*', () => {
  let h: HostFixture;
  beforeAll(async () => {
    h = await startHost(TRIGGER_FILES);
  });
  afterAll(() => h?.close());

  it('triggers.list: the API URL, the endpoints, and each schedule described with its next five fire times', async () => {
    const info = await h.call('triggers.list');
    expect(info.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.endpoints).toEqual([
      expect.objectContaining({ kind: 'http-api', logicalId: 'ItemsFunction', apiId: 'ServerlessHttpApi', method: 'GET', path: '/items', url: `${info.apiUrl}/items`, eventName: expect.any(String) }),
    ]);
    const byId = Object.fromEntries(info.schedules.map((s) => [s.id, s]));
    expect(Object.keys(byId)).toEqual(['EchoFunction:Tick', 'EchoFunction:Report', 'EchoFunction:Later', 'EchoFunction:Broken']);

    const tick = byId['EchoFunction:Tick']!;
    expect(tick).toMatchObject({ logicalId: 'EchoFunction', eventName: 'Tick', expression: 'rate(5 minutes)', description: 'every 5 minutes', enabled: true });
    const times = tick.nextFireTimes.map(Date.parse);
    expect(times).toHaveLength(5);
    expect(times[0]! - Date.now()).toBeGreaterThan(0);
    expect(times[0]! - Date.now()).toBeLessThanOrEqual(5 * MINUTE);
    expect(times.slice(1).map((t, i) => t - times[i]!)).toEqual([5 * MINUTE, 5 * MINUTE, 5 * MINUTE, 5 * MINUTE]);

    expect(byId['EchoFunction:Report']).toMatchObject({ enabled: false, nextFireTimes: [], description: expect.stringContaining('02:00') });
    const later = byId['EchoFunction:Later']!;
    expect(later).toMatchObject({ timezone: 'Europe/Berlin', enabled: true });
    // 09:00 in Berlin is 07:00 or 08:00 UTC, on weekdays.
    for (const t of later.nextFireTimes.map((s) => new Date(s))) {
      expect([7, 8]).toContain(t.getUTCHours());
      expect([0, 6]).not.toContain(t.getUTCDay());
    }
    const broken = byId['EchoFunction:Broken']!;
    expect(broken).toMatchObject({ nextFireTimes: [], error: expect.stringContaining('0 is not allowed') });
    const line = h.read('template.yaml').split('\n').indexOf('            Schedule: rate(0 minutes)') + 1;
    expect(info.problems).toEqual([{ logicalId: 'EchoFunction', severity: 'error', line, message: expect.stringContaining('this schedule never fires') }]);
  });

  it('schedules.fire: the function gets the Scheduled Event, through the engine, reported as activity', async () => {
    const since = h.pushes.length;
    const record = await h.call('schedules.fire', { id: 'EchoFunction:Tick' });
    expect(record).toMatchObject({ status: 'success', logicalId: 'EchoFunction', costUsd: expect.any(Number) });
    const event = (record.response as { event: Record<string, unknown> }).event;
    expect(event).toMatchObject({ version: '0', 'detail-type': 'Scheduled Event', source: 'aws.events', account: '123456789012', region: 'us-east-1', detail: {} });
    expect(event.resources).toEqual([expect.stringMatching(/^arn:aws:events:us-east-1:123456789012:rule\/local-EchoFunctionTick-[0-9A-Z]+$/)]);
    expect(Math.abs(Date.parse(event.time as string) - Date.now())).toBeLessThan(10_000);

    const activity = await h.waitForPush('activity', (a) => a.requestId === record.requestId, 'activity', since);
    expect(activity).toMatchObject({ trigger: 'schedule', kind: 'schedule', logicalId: 'EchoFunction', route: 'rate(5 minutes)', status: 'success' });
    await h.waitForPush('invocation', (r) => r.requestId === record.requestId, 'invocation', since);
  });

  it('schedules.fire: a disabled schedule fires too, with its Input; a ScheduleV2 sends the Scheduler notification', async () => {
    expect((await h.call('schedules.fire', { id: 'EchoFunction:Report' })).response).toEqual({ event: { report: 'daily' } });
    const v2 = (await h.call('schedules.fire', { id: 'EchoFunction:Later' })).response as { event: Record<string, unknown> };
    expect(v2.event).toMatchObject({
      source: 'aws.scheduler',
      detail: '{}',
      resources: [expect.stringMatching(/^arn:aws:scheduler:us-east-1:123456789012:schedule\/default\/local-EchoFunctionLater-/)],
    });
  });

  it('schedules.fire: an invalid schedule cannot fire, an unknown one is NotFound', async () => {
    expect(await h.failure('schedules.fire', { id: 'EchoFunction:Broken' })).toMatchObject({ code: 'ValidationError', message: expect.stringContaining('0 is not allowed') });
    expect((await h.failure('schedules.fire', { id: 'EchoFunction:Nope' })).code).toBe('NotFound');
    expect((await h.failure('schedules.fire', {})).code).toBe('ValidationError');
  });

  it('schedules.setEnabled: a run-time switch that changes the fire times, pushes triggers, and leaves the template alone', async () => {
    const template = h.read('template.yaml');
    let since = h.pushes.length;
    const off = await h.call('schedules.setEnabled', { id: 'EchoFunction:Tick', enabled: false });
    expect(off).toMatchObject({ id: 'EchoFunction:Tick', enabled: false, nextFireTimes: [] });
    const pushed = await h.waitForPush('triggers', (t) => t.schedules.some((s) => s.id === 'EchoFunction:Tick' && !s.enabled), 'triggers', since);
    expect(pushed.schedules.find((s) => s.id === 'EchoFunction:Tick')!.nextFireTimes).toEqual([]);
    expect((await h.call('triggers.list')).schedules.find((s) => s.id === 'EchoFunction:Tick')!.enabled).toBe(false);

    since = h.pushes.length;
    const report = await h.call('schedules.setEnabled', { id: 'EchoFunction:Report', enabled: true });
    expect(report.nextFireTimes.map((t) => t.slice(11))).toEqual(Array(5).fill('02:00:00.000Z'));
    await h.waitForPush('triggers', (t) => t.schedules.some((s) => s.id === 'EchoFunction:Report' && s.enabled), 'triggers', since);
    expect(h.read('template.yaml')).toBe(template);
    expect((await h.failure('schedules.setEnabled', { id: 'Nobody:Tick', enabled: true })).code).toBe('NotFound');
  });

  it('a template edit on disk re-reads the schedules; a run-time switch survives it unless the template changes that value', async () => {
    const since = h.pushes.length;
    h.write({ 'template.yaml': h.read('template.yaml').replace('Schedule: rate(5 minutes)', 'Schedule: rate(2 hours)') });
    const pushed = await h.waitForPush('triggers', (t) => t.schedules.some((s) => s.expression === 'rate(2 hours)'), 'triggers', since);
    const tick = pushed.schedules.find((s) => s.id === 'EchoFunction:Tick')!;
    expect(tick).toMatchObject({ description: 'every 2 hours', enabled: false });
    expect(pushed.schedules.find((s) => s.id === 'EchoFunction:Report')!.enabled).toBe(true);
  });
});
