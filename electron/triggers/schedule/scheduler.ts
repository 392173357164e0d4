/**
 * The clock of a workspace's schedules: for each enabled, valid schedule, one timer to its next
 * fire time, re-armed after every fire. Whether a schedule is enabled is run-time state kept
 * here, per schedule id; the template only gives its first value.
 *
 * Timers never wait longer than `maxTimerMs` (a minute): a longer wait is a chain of short ones
 * that look at the clock again. That keeps far below setTimeout's limit (2^31-1 ms, 24.8 days,
 * past which Node fires at once), and a machine that slept fires what is due when it wakes
 * instead of whenever its monotonic timers catch up. Missed fires are not replayed: after a
 * sleep a schedule fires once and goes on from the present, as EventBridge would have.
 */
import type { ScheduleTrigger } from '../../../shared/domain/triggers.js';
import { nextFireTimes, parseSchedule, type Schedule } from '../../../shared/schedule/index.js';

export interface Clock {
  now(): number;
  /** Calls `fn` after `ms` milliseconds; the returned function cancels it. */
  setTimer(fn: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const timer = setTimeout(fn, ms);
    timer.unref(); // a schedule alone must not keep a finished process (a test, a closed host) alive
    return () => clearTimeout(timer);
  },
};

export const MAX_TIMER_MS = 60_000;

/** The id schedules.* methods take: "<LogicalId>:<EventName>". */
export function scheduleId(t: Pick<ScheduleTrigger, 'logicalId' | 'eventName'>): string {
  return `${t.logicalId}:${t.eventName}`;
}

export interface SchedulerOptions {
  /** A schedule is due; `time` is its scheduled time (the event's `time`). Must not throw. */
  fire(trigger: ScheduleTrigger, time: Date): void;
  clock?: Clock;
  maxTimerMs?: number;
}

export interface ScheduleState {
  trigger: ScheduleTrigger;
  enabled: boolean;
  /** The next fire times (up to the count asked for); empty when disabled or invalid. */
  nextFireTimes: Date[];
}

interface Entry {
  trigger: ScheduleTrigger;
  schedule?: Schedule;
  /** The template's value when last loaded: editing Enabled/State in the template wins over a toggle. */
  templateEnabled: boolean;
  enabled: boolean;
  /** rate() fires at anchor + k * period; the anchor is when it was armed, as a rule's creation is. */
  anchor: number;
  next?: number;
  cancel?: () => void;
}

export class Scheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly clock: Clock;
  private readonly maxTimerMs: number;
  private closed = false;

  constructor(private readonly opts: SchedulerOptions) {
    this.clock = opts.clock ?? systemClock;
    this.maxTimerMs = opts.maxTimerMs ?? MAX_TIMER_MS;
  }

  /**
   * The template's schedules, loaded again: new ones are armed, removed ones stopped. One whose
   * expression did not change keeps its rate() anchor, and its run-time enabled state unless the
   * template's own value changed.
   */
  update(triggers: readonly ScheduleTrigger[]): void {
    const seen = new Set<string>();
    const now = this.clock.now();
    for (const trigger of triggers) {
      const id = scheduleId(trigger);
      seen.add(id);
      const old = this.entries.get(id);
      old?.cancel?.();
      const same = old !== undefined && old.trigger.expression === trigger.expression && old.trigger.timezone === trigger.timezone && old.trigger.type === trigger.type;
      const enabled = old !== undefined && old.templateEnabled === trigger.enabled ? old.enabled : trigger.enabled;
      const entry: Entry = { trigger, schedule: parsed(trigger), templateEnabled: trigger.enabled, enabled, anchor: same && old.enabled ? old.anchor : now };
      this.entries.set(id, entry);
      this.arm(entry);
    }
    for (const [id, entry] of this.entries) {
      if (seen.has(id)) continue;
      entry.cancel?.();
      this.entries.delete(id);
    }
  }

  /** Turns a schedule on or off until the template changes it; false when there is no such schedule. */
  setEnabled(id: string, enabled: boolean): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    if (entry.enabled === enabled) return true;
    entry.enabled = enabled;
    // Enabling is like creating the rule again: a rate() counts its periods from now.
    if (enabled) entry.anchor = this.clock.now();
    this.arm(entry);
    return true;
  }

  get(id: string, count = 5): ScheduleState | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    const upcoming = entry.enabled && entry.schedule ? nextFireTimes(entry.schedule, new Date(this.clock.now()), count, { anchor: new Date(entry.anchor) }) : [];
    return { trigger: entry.trigger, enabled: entry.enabled, nextFireTimes: upcoming };
  }

  list(count = 5): ScheduleState[] {
    return [...this.entries.keys()].map((id) => this.get(id, count)!);
  }

  /** When the timer of a schedule will fire it next (undefined: not armed). */
  nextFire(id: string): Date | undefined {
    const next = this.entries.get(id)?.next;
    return next === undefined ? undefined : new Date(next);
  }

  close(): void {
    this.closed = true;
    for (const entry of this.entries.values()) entry.cancel?.();
    this.entries.clear();
  }

  private arm(entry: Entry): void {
    entry.cancel?.();
    entry.cancel = undefined;
    entry.next = undefined;
    if (this.closed || !entry.enabled || !entry.schedule) return;
    entry.next = nextFireTimes(entry.schedule, new Date(this.clock.now()), 1, { anchor: new Date(entry.anchor) })[0]?.getTime();
    this.wait(entry);
  }

  private wait(entry: Entry): void {
    if (entry.next === undefined) return;
    const delay = Math.max(0, Math.min(entry.next - this.clock.now(), this.maxTimerMs));
    entry.cancel = this.clock.setTimer(() => this.wake(entry), delay);
  }

  private wake(entry: Entry): void {
    entry.cancel = undefined;
    if (this.closed || this.entries.get(scheduleId(entry.trigger)) !== entry || !entry.enabled || entry.next === undefined) return;
    if (this.clock.now() < entry.next) return this.wait(entry); // a capped wait: not yet
    const time = new Date(entry.next);
    this.arm(entry); // the next one strictly after now: a fire missed while asleep is not replayed
    this.opts.fire(entry.trigger, time);
  }
}

function parsed(trigger: ScheduleTrigger): Schedule | undefined {
  if (trigger.error) return undefined;
  const result = parseSchedule(trigger.expression, { dialect: trigger.type === 'Schedule' ? 'rule' : 'scheduler', timezone: trigger.timezone });
  return result.ok ? result.schedule : undefined;
}
