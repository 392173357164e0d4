/**
 * The scheduling logic with an injected clock: which time each timer aims at, that no timer
 * waits longer than the cap, and what fires when. A real rate(1 minute) would make the test wait
 * a minute; the clock below jumps instead.
 */
import { describe, expect, it } from 'vitest';
import type { ScheduleTrigger } from '../../../../shared/domain/triggers.js';
import { MAX_TIMER_MS, Scheduler, systemClock, type Clock } from '../../../../electron/triggers/schedule/scheduler.js';

/** A clock whose time moves only when the test says, running the timers that come due. */
class FakeClock implements Clock {
  private timers = new Set<{ at: number; fn: () => void }>();
  readonly delays: number[] = [];
  constructor(private time: number) {}
  now = () => this.time;
  setTimer = (fn: () => void, ms: number) => {
    this.delays.push(ms);
    const timer = { at: this.time + ms, fn };
    this.timers.add(timer);
    return () => void this.timers.delete(timer);
  };
  get pending(): number {
    return this.timers.size;
  }
  /** Moves time forward step by step, running each timer when its time comes. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let due: { at: number; fn: () => void } | undefined;
      for (const t of this.timers) if (t.at <= end && (!due || t.at < due.at)) due = t;
      if (!due) break;
      this.time = Math.max(this.time, due.at);
      this.timers.delete(due);
      due.fn();
    }
    this.time = end;
  }
  /** Jumps forward without running anything in between (a machine asleep), then runs what is due. */
  sleep(ms: number): void {
    this.time += ms;
    this.advance(0);
  }
}

const START = Date.parse('2026-03-02T10:00:30Z');
const schedule = (eventName: string, expression: string, extra: Partial<ScheduleTrigger> = {}): ScheduleTrigger => ({
  kind: 'schedule',
  logicalId: 'Fn',
  eventName,
  type: 'Schedule',
  expression,
  enabled: true,
  ...extra,
});

function setup(triggers: ScheduleTrigger[]) {
  const clock = new FakeClock(START);
  const fired: Array<{ id: string; time: string }> = [];
  const scheduler = new Scheduler({ clock, fire: (t, time) => fired.push({ id: t.eventName, time: time.toISOString() }) });
  scheduler.update(triggers);
  return { clock, fired, scheduler };
}

describe('Scheduler', () => {
  it('fires a rate() one period after it was armed, then every period, with the scheduled time', () => {
    const { clock, fired, scheduler } = setup([schedule('Tick', 'rate(1 minute)')]);
    expect(scheduler.nextFire('Fn:Tick')?.toISOString()).toBe('2026-03-02T10:01:30.000Z');
    expect(scheduler.get('Fn:Tick')!.nextFireTimes.map((d) => d.toISOString())).toEqual([
      '2026-03-02T10:01:30.000Z',
      '2026-03-02T10:02:30.000Z',
      '2026-03-02T10:03:30.000Z',
      '2026-03-02T10:04:30.000Z',
      '2026-03-02T10:05:30.000Z',
    ]);
    clock.advance(59_999);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual([{ id: 'Tick', time: '2026-03-02T10:01:30.000Z' }]);
    clock.advance(120_000);
    expect(fired.map((f) => f.time)).toEqual(['2026-03-02T10:01:30.000Z', '2026-03-02T10:02:30.000Z', '2026-03-02T10:03:30.000Z']);
    expect(scheduler.nextFire('Fn:Tick')?.toISOString()).toBe('2026-03-02T10:04:30.000Z');
  });

  it('aims a cron() at its next match and never sets a timer longer than the cap, however far that is', () => {
    // Once a year: far past setTimeout's 24.8-day limit.
    const { clock, fired, scheduler } = setup([schedule('NewYear', 'cron(0 0 1 1 ? *)')]);
    expect(scheduler.nextFire('Fn:NewYear')?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    const wait = Date.parse('2027-01-01T00:00:00Z') - START;
    clock.advance(wait - 1);
    expect(fired).toEqual([]);
    expect(clock.delays.every((d) => d <= MAX_TIMER_MS)).toBe(true);
    expect(clock.delays.length).toBeGreaterThan(wait / MAX_TIMER_MS - 2); // re-armed along the way
    clock.advance(1);
    expect(fired).toEqual([{ id: 'NewYear', time: '2027-01-01T00:00:00.000Z' }]);
    expect(scheduler.nextFire('Fn:NewYear')?.toISOString()).toBe('2028-01-01T00:00:00.000Z');
  });

  it('reads cron() in a ScheduleV2 time zone', () => {
    const { scheduler } = setup([schedule('Nine', 'cron(0 9 * * ? *)', { type: 'ScheduleV2', timezone: 'Europe/Berlin' })]);
    expect(scheduler.nextFire('Fn:Nine')?.toISOString()).toBe('2026-03-03T08:00:00.000Z'); // 09:00 CET
  });

  it('fires once after the machine slept through several fire times, and goes on from the present', () => {
    const { clock, fired, scheduler } = setup([schedule('Tick', 'rate(1 minute)')]);
    clock.sleep(10 * 60_000 + 5_000);
    expect(fired).toEqual([{ id: 'Tick', time: '2026-03-02T10:01:30.000Z' }]);
    expect(scheduler.nextFire('Fn:Tick')?.toISOString()).toBe('2026-03-02T10:11:30.000Z');
  });

  it('does not arm a disabled or invalid schedule; setEnabled arms and disarms, anchoring rate() anew', () => {
    const { clock, fired, scheduler } = setup([schedule('Off', 'rate(1 minute)', { enabled: false }), schedule('Bad', 'rate(1 minutes)', { error: 'use the singular unit' })]);
    expect(clock.pending).toBe(0);
    expect(scheduler.get('Fn:Off')).toMatchObject({ enabled: false, nextFireTimes: [] });
    expect(scheduler.get('Fn:Bad')).toMatchObject({ enabled: true, nextFireTimes: [] });
    clock.advance(30_000);
    expect(scheduler.setEnabled('Fn:Off', true)).toBe(true);
    expect(scheduler.nextFire('Fn:Off')?.toISOString()).toBe('2026-03-02T10:02:00.000Z');
    expect(scheduler.get('Fn:Off')!.nextFireTimes).toHaveLength(5);
    scheduler.setEnabled('Fn:Off', false);
    clock.advance(10 * 60_000);
    expect(fired).toEqual([]);
    expect(clock.pending).toBe(0);
    expect(scheduler.setEnabled('Fn:Nope', true)).toBe(false);
  });

  it('keeps a run-time toggle across template reloads, unless the template itself changes the value', () => {
    const { scheduler } = setup([schedule('Tick', 'rate(5 minutes)')]);
    scheduler.setEnabled('Fn:Tick', false);
    scheduler.update([schedule('Tick', 'rate(5 minutes)')]);
    expect(scheduler.get('Fn:Tick')!.enabled).toBe(false);
    scheduler.update([schedule('Tick', 'rate(5 minutes)', { enabled: false })]);
    expect(scheduler.get('Fn:Tick')!.enabled).toBe(false);
    scheduler.update([schedule('Tick', 'rate(5 minutes)', { enabled: true })]);
    expect(scheduler.get('Fn:Tick')!.enabled).toBe(true);
  });

  it('stops a schedule removed from the template, and everything on close', () => {
    const { clock, fired, scheduler } = setup([schedule('A', 'rate(1 minute)'), schedule('B', 'rate(1 minute)')]);
    scheduler.update([schedule('B', 'rate(1 minute)')]);
    expect(scheduler.get('Fn:A')).toBeUndefined();
    clock.advance(60_000);
    expect(fired.map((f) => f.id)).toEqual(['B']);
    scheduler.close();
    clock.advance(10 * 60_000);
    expect(fired.map((f) => f.id)).toEqual(['B']);
    expect(clock.pending).toBe(0);
  });

  it('fires on a real timer at the computed time (at() a moment from now)', async () => {
    const at = new Date(Math.ceil((Date.now() + 1500) / 1000) * 1000);
    const expression = `at(${at.toISOString().slice(0, 19)})`;
    const fired = new Promise<{ time: Date; late: number }>((resolve) => {
      const scheduler = new Scheduler({ clock: systemClock, fire: (_t, time) => (resolve({ time, late: Date.now() - time.getTime() }), scheduler.close()) });
      scheduler.update([schedule('Once', expression, { type: 'ScheduleV2' })]);
      expect(scheduler.nextFire('Fn:Once')?.getTime()).toBe(at.getTime());
    });
    const { time, late } = await fired;
    expect(time.getTime()).toBe(at.getTime());
    expect(late).toBeGreaterThanOrEqual(0);
  });
});
