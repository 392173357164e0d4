/**
 * Which trigger started an invocation: its kind and its route or resource, as its activity names
 * them. A trigger passes it into the invocation (engine.invoke's source), so the history stores
 * the invocation with its trigger in one write, and reports the same as its activity.
 */
import type { TriggerActivity } from '../../shared/domain/triggers.js';

export type TriggerSource = Pick<TriggerActivity, 'trigger' | 'kind' | 'route'>;

/** The history's trigger: 'http' with 'http-api GET /items', 'sqs' with 'sqs Jobs'. */
export function triggerRef(source: TriggerSource): { kind: string; route: string } {
  return { kind: source.trigger, route: `${source.kind} ${source.route}` };
}

/** The activity of an invocation the trigger started at `at`, ending now. */
export function triggerActivity(source: TriggerSource, logicalId: string, at: Date, extra: Partial<TriggerActivity> = {}): TriggerActivity {
  return { ...source, logicalId, durationMs: Date.now() - at.getTime(), at: at.toISOString(), ...extra };
}
