/**
 * The event buses of one workspace session: each event put on a bus (PutEvents through the local
 * endpoint) goes, in EventBridge's envelope, to every enabled rule on that bus whose pattern
 * matches it, and from each rule to its function targets as an asynchronous invocation (the
 * session's async queue: retries and destinations as for any Event invocation), each reported
 * as 'eventbridge' activity with the rule's name.
 */
import { randomUUID } from 'node:crypto';
import type { EventRule, EventRuleTarget } from '../../../shared/domain/event-rules.js';
import { matchesPattern } from '../../../shared/events/event-pattern.js';
import type { EventInvoker } from '../event-invoker.js';

export interface PutEvent {
  source: string;
  detailType: string;
  /** The parsed Detail. */
  detail: Record<string, unknown>;
  bus: string;
  resources?: string[];
  time?: Date;
}

export interface EventBusOptions {
  async: EventInvoker;
  region: string;
  accountId: string;
  /** Functions that exist now: a target of a removed function is skipped. */
  hasFunction(logicalId: string): boolean;
}

export class EventBuses {
  private rules: EventRule[] = [];

  constructor(private readonly opts: EventBusOptions) {}

  apply(rules: readonly EventRule[]): void {
    this.rules = [...rules];
  }

  list(): readonly EventRule[] {
    return this.rules;
  }

  /** The buses events can be put on: 'default' and those the rules name. */
  hasBus(name: string): boolean {
    return name === 'default' || this.rules.some((r) => r.bus === name);
  }

  /** Puts one event on its bus; returns its id and the rules it matched. */
  put(e: PutEvent): { eventId: string; matched: string[] } {
    const envelope = {
      version: '0',
      id: randomUUID(),
      'detail-type': e.detailType,
      source: e.source,
      account: this.opts.accountId,
      time: (e.time ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: this.opts.region,
      resources: e.resources ?? [],
      detail: e.detail,
    };
    const matched: string[] = [];
    for (const rule of this.rules) {
      if (!rule.enabled || rule.bus !== e.bus || !matchesPattern(rule.pattern, envelope)) continue;
      matched.push(rule.ruleName);
      for (const target of rule.targets) {
        if (!this.opts.hasFunction(target.function)) continue;
        this.opts.async.enqueue(target.function, { payload: payloadFor(target, envelope) }, { trigger: 'eventbridge', kind: 'eventbridge', route: `${rule.ruleName} ${e.source} ${e.detailType}` });
      }
    }
    return { eventId: envelope.id, matched };
  }
}

/** The target's Input, the part of the event its InputPath names, or the whole event. */
function payloadFor(target: EventRuleTarget, envelope: Record<string, unknown>): string {
  if (target.input !== undefined) return target.input;
  if (target.inputPath) return JSON.stringify(jsonPath(envelope, target.inputPath) ?? null);
  return JSON.stringify(envelope);
}

/** $, $.a.b, $.a['b-c'] and $.a[0]: the paths InputPath takes in practice. */
export function jsonPath(value: unknown, path: string): unknown {
  if (path === '$') return value;
  const parts = [...path.replace(/^\$/, '').matchAll(/\.([^.[\]]+)|\[(\d+)\]|\['([^']+)'\]|\["([^"]+)"\]/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]!);
  let at: unknown = value;
  for (const p of parts) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[p];
  }
  return at;
}
