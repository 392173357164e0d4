/** ListRules, DescribeRule, ListTargetsByRule and ListEventBuses: the template's rules and buses as EventBridge describes them; TestEventPattern. */
import type { EventRule } from '../../../shared/domain/eventbridge.js';
import type { EventBridgeContext, Input } from './eventbridge-service.js';
import { matchesEventPattern, parseEventPattern } from '../../../shared/events/event-pattern.js';
import { busNotFound, invalidPattern, ruleNotFound, validation } from './eventbridge-errors.js';
import { busName } from './put-events.js';

/** EventBridge pages these lists by 100 at most. */
const PAGE = 100;

function busOf(input: Input, ctx: EventBridgeContext): string {
  const bus = typeof input.EventBusName === 'string' && input.EventBusName ? busName(input.EventBusName) : 'default';
  if (!ctx.resources.triggers.events.buses().includes(bus)) throw busNotFound(bus);
  ctx.req.resource = bus;
  return bus;
}

function page<T>(items: T[], input: Input): { items: T[]; next?: string } {
  const limit = typeof input.Limit === 'number' && input.Limit > 0 ? Math.min(input.Limit, PAGE) : PAGE;
  const start = typeof input.NextToken === 'string' ? Number(Buffer.from(input.NextToken, 'base64').toString('utf8')) || 0 : 0;
  const end = start + limit;
  return { items: items.slice(start, end), ...(end < items.length ? { next: Buffer.from(String(end)).toString('base64') } : {}) };
}

function describe(rule: EventRule, ctx: EventBridgeContext): Input {
  return {
    Name: rule.name,
    Arn: rule.arn,
    EventPattern: JSON.stringify(rule.pattern),
    State: rule.enabled ? 'ENABLED' : 'DISABLED',
    ...(rule.description ? { Description: rule.description } : {}),
    EventBusName: rule.bus,
    CreatedBy: ctx.resources.accountId,
  };
}

export function listRules(input: Input, ctx: EventBridgeContext): Input {
  const bus = busOf(input, ctx);
  const prefix = typeof input.NamePrefix === 'string' ? input.NamePrefix : '';
  const rules = ctx.resources.triggers.events
    .rules(bus)
    .filter((r) => r.name.startsWith(prefix))
    .sort((a, b) => a.name.localeCompare(b.name));
  const { items, next } = page(rules, input);
  return { Rules: items.map((r) => describe(r, ctx)), ...(next ? { NextToken: next } : {}) };
}

function ruleOf(name: unknown, input: Input, ctx: EventBridgeContext): EventRule {
  const bus = busOf(input, ctx);
  const rule = ctx.resources.triggers.events.rules(bus).find((r) => r.name === name);
  if (!rule) throw ruleNotFound(String(name ?? ''), bus);
  ctx.req.resource = rule.name;
  return rule;
}

export function describeRule(input: Input, ctx: EventBridgeContext): Input {
  return describe(ruleOf(input.Name, input, ctx), ctx);
}

export function listTargetsByRule(input: Input, ctx: EventBridgeContext): Input {
  const rule = ruleOf(input.Rule, input, ctx);
  const events = ctx.resources.triggers.events;
  const targets = rule.targets.map((t) => ({
    Id: t.id,
    Arn: events.targetArn(t),
    ...(t.input !== undefined ? { Input: t.input } : {}),
    ...(t.inputPath !== undefined ? { InputPath: t.inputPath } : {}),
    ...(t.inputTransformer ? { InputTransformer: { InputPathsMap: t.inputTransformer.pathsMap, InputTemplate: t.inputTransformer.template } } : {}),
  }));
  const { items, next } = page(targets, input);
  return { Targets: items, ...(next ? { NextToken: next } : {}) };
}

export function listEventBuses(input: Input, ctx: EventBridgeContext): Input {
  const prefix = typeof input.NamePrefix === 'string' ? input.NamePrefix : '';
  const { region, accountId } = ctx.resources;
  const buses = ctx.resources.triggers.events.buses().filter((b) => b.startsWith(prefix));
  const { items, next } = page([...buses], input);
  return { EventBuses: items.map((name) => ({ Name: name, Arn: `arn:aws:events:${region}:${accountId}:event-bus/${name}` })), ...(next ? { NextToken: next } : {}) };
}

/** TestEventPattern: EventBridge's own matcher on an event the caller gives (the same one the buses use). */
export function testEventPattern(input: Input): Input {
  const parsed = typeof input.EventPattern === 'string' ? parseEventPattern(input.EventPattern) : { error: 'the pattern is missing' };
  if ('error' in parsed) throw invalidPattern(parsed.error);
  let event: unknown;
  try {
    event = typeof input.Event === 'string' ? JSON.parse(input.Event) : undefined;
  } catch {
    event = undefined;
  }
  const e = (typeof event === 'object' && event !== null && !Array.isArray(event) ? event : undefined) as Record<string, unknown> | undefined;
  if (!e || !['id', 'account', 'source', 'time', 'region', 'detail-type'].every((k) => typeof e[k] === 'string')) throw validation('Parameter Event is not valid.');
  return { Result: matchesEventPattern(parsed.pattern, e) };
}
