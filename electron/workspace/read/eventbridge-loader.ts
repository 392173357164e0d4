/**
 * Reads a SAM template's EventBridge rules: functions' Events of Type EventBridgeRule and
 * CloudWatchEvent (the function is the target), and AWS::Events::Rule resources with an
 * EventPattern whose Targets name functions of the template (!GetAtt Fn.Arn, !Ref Fn or an ARN
 * ending in the function's name). Called by trigger-loader.ts with its resolver and reporter.
 * A rule with only a ScheduleExpression is a schedule: it is reported, not run.
 */
import type { EventRule, EventRuleTarget } from '../../../shared/domain/event-rules.js';
import { checkPattern } from '../../../shared/events/event-pattern.js';
import type { StorageReadContext } from './storage-loader.js';

type Where = Array<string | number>;

export function readEventRules(ctx: StorageReadContext): EventRule[] {
  const rules: EventRule[] = [];
  const entries = Object.entries(ctx.resources).flatMap(([id, r]) => (obj(r) && typeof obj(r)!.Type === 'string' ? [[id, obj(r)!] as const] : []));
  const functionIds = new Map<string, string>();
  for (const [id, r] of entries) {
    if (r.Type !== 'AWS::Serverless::Function' && r.Type !== 'AWS::Lambda::Function') continue;
    const name = obj(r.Properties)?.FunctionName;
    functionIds.set(id, id);
    if (typeof name === 'string') functionIds.set(name, id);
  }
  for (const [id, r] of entries) {
    if (r.Type === 'AWS::Serverless::Function') {
      for (const [eventName, raw] of Object.entries(obj(obj(r.Properties)?.Events) ?? {})) {
        const event = obj(raw);
        if (event?.Type !== 'EventBridgeRule' && event?.Type !== 'CloudWatchEvent') continue;
        const rule = readFunctionEvent(ctx, id, eventName, event.Properties, ['Resources', id, 'Properties', 'Events', eventName]);
        if (rule) rules.push(rule);
      }
    }
    if (r.Type === 'AWS::Events::Rule') {
      const rule = readRuleResource(ctx, id, r.Properties, functionIds);
      if (rule) rules.push(rule);
    }
  }
  return rules;
}

function readFunctionEvent(ctx: StorageReadContext, fn: string, eventName: string, raw: unknown, where: Where): EventRule | undefined {
  const props = obj(ctx.resolve(raw ?? {}, `Events.${eventName}`, where, fn)) ?? {};
  const pattern = parsePattern(props.Pattern);
  const problem = pattern === undefined ? 'Pattern is missing' : checkPattern(pattern);
  if (problem) {
    ctx.report('error', `Events.${eventName}: ${problem}; this rule does not run`, props.Pattern !== undefined ? [...where, 'Properties', 'Pattern'] : where, fn);
    return undefined;
  }
  const target: EventRuleTarget = { function: fn, ...inputOf(props) };
  for (const key of ['DeadLetterConfig', 'RetryPolicy', 'InputTransformer']) {
    if (props[key] !== undefined) ctx.report('warning', `Events.${eventName}: ${key} is not applied locally`, [...where, 'Properties', key], fn);
  }
  return withLine(ctx, where, {
    id: `${fn}:${eventName}`,
    ruleName: typeof props.RuleName === 'string' ? props.RuleName : `${fn}${eventName}`,
    bus: busName(props.EventBusName),
    pattern: pattern!,
    enabled: props.State !== 'DISABLED' && props.Enabled !== false,
    targets: [target],
  });
}

function readRuleResource(ctx: StorageReadContext, id: string, raw: unknown, functionIds: Map<string, string>): EventRule | undefined {
  const where: Where = ['Resources', id, 'Properties'];
  const props = obj(ctx.resolve(raw ?? {}, id, where, id)) ?? {};
  if (props.EventPattern === undefined) {
    if (props.ScheduleExpression !== undefined)
      ctx.report('warning', `${id}: a rule with only a ScheduleExpression is not run locally; a function's Schedule event is`, [...where, 'ScheduleExpression']);
    return undefined;
  }
  const pattern = parsePattern(props.EventPattern);
  const problem = pattern === undefined ? 'EventPattern is not JSON' : checkPattern(pattern);
  if (problem) {
    ctx.report('error', `${id}.EventPattern: ${problem}; this rule does not run`, [...where, 'EventPattern']);
    return undefined;
  }
  const targets: EventRuleTarget[] = [];
  (Array.isArray(props.Targets) ? props.Targets : []).forEach((t, i) => {
    const target = obj(t) ?? {};
    const fn = functionOf(target.Arn, functionIds);
    if (fn) targets.push({ function: fn, ...inputOf(target) });
    else ctx.report('warning', `${id}.Targets[${i}]: only functions of this template are targets locally (${JSON.stringify(target.Arn)})`, [...where, 'Targets', i]);
  });
  return withLine(ctx, ['Resources', id], {
    id,
    ruleName: typeof props.Name === 'string' ? props.Name : id,
    bus: busName(props.EventBusName),
    pattern: pattern!,
    enabled: props.State !== 'DISABLED',
    targets,
  });
}

/** !GetAtt Fn.Arn stays unresolved by the loaders' resolver; !Ref Fn gives the logical id; an ARN ends in the name. */
function functionOf(arn: unknown, functionIds: Map<string, string>): string | undefined {
  const getAtt = obj(arn)?.['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return functionIds.get(getAtt[0]);
  if (typeof arn !== 'string') return undefined;
  return functionIds.get(arn) ?? functionIds.get(arn.split(':function:')[1]?.split(':')[0] ?? '');
}

function inputOf(props: Record<string, unknown>): Pick<EventRuleTarget, 'input' | 'inputPath'> {
  if (typeof props.Input === 'string') return { input: props.Input };
  if (obj(props.Input)) return { input: JSON.stringify(props.Input) };
  return typeof props.InputPath === 'string' ? { inputPath: props.InputPath } : {};
}

function parsePattern(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === 'string') {
    try {
      return obj(JSON.parse(value));
    } catch {
      return undefined;
    }
  }
  return obj(value);
}

/** A bus's name, from a name or an ARN (arn:aws:events:region:account:event-bus/name). */
function busName(value: unknown): string {
  if (typeof value !== 'string' || !value) return 'default';
  return value.includes(':event-bus/') ? value.split(':event-bus/')[1]! : value;
}

function withLine(ctx: StorageReadContext, where: Where, rule: EventRule): EventRule {
  const line = ctx.line(where);
  return line ? { ...rule, line } : rule;
}

function obj(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
