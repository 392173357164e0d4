/**
 * Reads a SAM template's EventBridge rules: functions' Events of Type EventBridgeRule and
 * CloudWatchEvent (SAM's older name for the same thing), and AWS::Events::Rule resources with an
 * EventPattern whose Targets are functions, queues or topics of the template; and the names of
 * its AWS::Events::EventBus resources. Like messaging-loader.ts it reads the parsed template the
 * trigger manager was handed, with an intrinsic context of its own (the engine's region and
 * account). A rule whose pattern EventBridge would refuse is reported at the bad field and left
 * out; what is declared but not simulated (DeadLetterConfig, RetryPolicy, rules with only a
 * ScheduleExpression) is a warning.
 */
import type { EventRule, EventRuleTarget } from '../../../shared/domain/eventbridge.js';
import { parseEventPattern } from '../../../shared/events/event-pattern.js';
import type { TemplateLocator } from '../template/cfn-tags.js';
import { DEFAULT_STACK_NAME, resolveValue, type IntrinsicContext } from '../template/intrinsics.js';
import { templateContext, typedResources, type TemplateResource } from '../template/template-context.js';
import type { ParsedTemplate } from '../template/parsed-template.js';
import type { WorkspaceProblem } from './template-loader.js';

export interface EventBridgeLoad {
  /** Bus names: 'default' and the template's AWS::Events::EventBus resources. */
  buses: string[];
  /** Bus names by the logical id of their AWS::Events::EventBus. */
  busIds: Record<string, string>;
  rules: EventRule[];
  problems: WorkspaceProblem[];
}

export interface EventBridgeLoadOptions {
  region: string;
  accountId: string;
  stackName?: string;
}

type Where = Array<string | number>;
type Resource = TemplateResource;

const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);
const TARGET_TYPES: Record<string, EventRuleTarget['kind']> = {
  'AWS::Serverless::Function': 'function',
  'AWS::Lambda::Function': 'function',
  'AWS::SQS::Queue': 'queue',
  'AWS::SNS::Topic': 'topic',
};

export function readEventBridge(template: ParsedTemplate, opts: EventBridgeLoadOptions): EventBridgeLoad {
  return new EventBridgeReader(template.loc, template.sections(), opts).read();
}

class EventBridgeReader {
  private readonly resources: Record<string, Resource>;
  private readonly ctx: IntrinsicContext;
  private readonly stack: string;
  /** Bus names by the logical id of their AWS::Events::EventBus. */
  private readonly busNames = new Map<string, string>();
  private readonly out: EventBridgeLoad = { buses: ['default'], busIds: {}, rules: [], problems: [] };

  constructor(
    private readonly loc: TemplateLocator,
    template: Record<string, unknown>,
    private readonly opts: EventBridgeLoadOptions,
  ) {
    this.resources = typedResources(template);
    this.stack = opts.stackName ?? DEFAULT_STACK_NAME;
    this.ctx = templateContext(template, { region: opts.region, accountId: opts.accountId, stackName: this.stack });
  }

  read(): EventBridgeLoad {
    for (const [id, r] of Object.entries(this.resources)) {
      if (r.Type !== 'AWS::Events::EventBus') continue;
      const p = obj(this.resolve(r.Properties ?? {})) ?? {};
      const name = typeof p.Name === 'string' && p.Name ? p.Name : `${this.stack}-${id}`;
      this.busNames.set(id, name);
      this.out.busIds[id] = name;
      this.out.buses.push(name);
    }
    for (const [id, r] of Object.entries(this.resources)) {
      if (r.Type === 'AWS::Serverless::Function') this.readFunction(id, r);
      if (r.Type === 'AWS::Events::Rule') this.readRuleResource(id, r);
    }
    return this.out;
  }

  private readFunction(fnId: string, r: Resource): void {
    const events = obj(obj(r.Properties)?.Events) ?? {};
    for (const [eventName, raw] of Object.entries(events)) {
      const event = obj(raw);
      if (event?.Type !== 'EventBridgeRule' && event?.Type !== 'CloudWatchEvent') continue;
      const where: Where = ['Resources', fnId, 'Properties', 'Events', eventName];
      const p = obj(this.resolve(event.Properties ?? {})) ?? {};
      const label = `Events.${eventName}`;
      const at = (key: string): Where => (p[key] !== undefined ? [...where, 'Properties', key] : where);
      const pattern = this.pattern(p.Pattern, label, 'Pattern', [...where, 'Properties'], fnId);
      if (!pattern) continue;
      for (const key of ['DeadLetterConfig', 'RetryPolicy']) {
        if (p[key] !== undefined) this.report('warning', `${label}: ${key} is not simulated (faaslab delivers each event once, through the async invocation queue)`, at(key), fnId);
      }
      const targetId = typeof obj(p.Target)?.Id === 'string' ? (obj(p.Target)!.Id as string) : `${fnId}${eventName}LambdaTarget`;
      const target: EventRuleTarget = { id: targetId, kind: 'function', target: fnId, ...this.input(p, label, where, fnId) };
      const name = typeof p.RuleName === 'string' && p.RuleName ? p.RuleName : `${this.stack}-${fnId}${eventName}`.slice(0, 64);
      this.addRule(
        { name, bus: this.bus(p.EventBusName, label, at('EventBusName'), fnId), pattern, enabled: this.enabled(p.State, label, at('State'), fnId), targets: [target], logicalId: fnId, eventName },
        where,
      );
    }
  }

  private readRuleResource(id: string, r: Resource): void {
    const where: Where = ['Resources', id];
    const props: Where = [...where, 'Properties'];
    const p = obj(this.resolve(r.Properties ?? {})) ?? {};
    if (p.EventPattern === undefined) {
      if (p.ScheduleExpression !== undefined)
        this.report('warning', `${id}: a rule with only a ScheduleExpression is not fired by faaslab; give the function a Schedule event instead`, [...props, 'ScheduleExpression']);
      else this.report('error', `${id}: a rule needs an EventPattern or a ScheduleExpression`, where);
      return;
    }
    if (p.ScheduleExpression !== undefined) this.report('warning', `${id}: its ScheduleExpression is not fired by faaslab; only its EventPattern is applied`, [...props, 'ScheduleExpression']);
    const pattern = this.pattern(p.EventPattern, id, 'EventPattern', props);
    if (!pattern) return;
    const targets: EventRuleTarget[] = [];
    const list = Array.isArray(p.Targets) ? p.Targets : [];
    if (p.Targets !== undefined && !Array.isArray(p.Targets)) this.report('error', `${id}: Targets must be a list`, [...props, 'Targets']);
    list.forEach((raw, i) => {
      const t = obj(raw) ?? {};
      const at: Where = [...props, 'Targets', i];
      const label = `${id}.Targets[${i}]`;
      if (typeof t.Id !== 'string' || !t.Id) return this.report('error', `${label}: Id is required`, at);
      const found = this.targetOf(t.Arn);
      if (!found)
        return this.report('warning', `${label}: Arn must be !GetAtt <Function>.Arn, !GetAtt <Queue>.Arn or !Ref <Topic> of this template; events for ${t.Id} are not delivered`, [...at, 'Arn']);
      for (const key of ['DeadLetterConfig', 'RetryPolicy']) {
        if (t[key] !== undefined) this.report('warning', `${label}: ${key} is not simulated`, [...at, key]);
      }
      targets.push({ id: t.Id, ...found, ...this.input(t, label, at) });
    });
    const name = typeof p.Name === 'string' && p.Name ? p.Name : `${this.stack}-${id}`.slice(0, 64);
    this.addRule(
      {
        name,
        bus: this.bus(p.EventBusName, id, [...props, 'EventBusName']),
        pattern,
        enabled: this.enabled(p.State, id, [...props, 'State']),
        targets,
        logicalId: id,
        ...(typeof p.Description === 'string' ? { description: p.Description } : {}),
      },
      where,
    );
  }

  private addRule(rule: Omit<EventRule, 'arn' | 'line'>, where: Where): void {
    const { region, accountId } = this.opts;
    const same = this.out.rules.find((r) => r.name === rule.name && r.bus === rule.bus);
    if (same)
      return this.report(
        'error',
        `rule ${rule.name} is already declared by ${same.logicalId}${same.eventName ? ` (Events.${same.eventName})` : ''}: rule names are unique on a bus`,
        where,
        rule.logicalId,
      );
    const arn = `arn:aws:events:${region}:${accountId}:rule/${rule.bus === 'default' ? '' : `${rule.bus}/`}${rule.name}`;
    const line = this.loc.line(where);
    this.out.rules.push({ ...rule, arn, ...(line ? { line } : {}) });
  }

  /** The pattern (a map or JSON text), or undefined after reporting where it is wrong. */
  private pattern(value: unknown, label: string, key: string, props: Where, logicalId?: string): EventRule['pattern'] | undefined {
    if (value === undefined) {
      this.report('error', `${label}: ${key} is required; this rule is not applied`, props, logicalId);
      return undefined;
    }
    const parsed = parseEventPattern(value);
    if ('pattern' in parsed) return parsed.pattern;
    // "detail.state: ..." names the field; point at it when the pattern is written as a map.
    const field = /^([^:\s]+): /.exec(parsed.error)?.[1];
    const path = typeof value === 'string' || !field ? [] : field.split('.');
    this.report('error', `${label}: ${key} is not a valid event pattern: ${parsed.error}; this rule is not applied`, [...props, key, ...path], logicalId);
    return undefined;
  }

  private input(p: Record<string, unknown>, label: string, where: Where, logicalId?: string): Pick<EventRuleTarget, 'input' | 'inputPath' | 'inputTransformer'> {
    const given = ['Input', 'InputPath', 'InputTransformer'].filter((k) => p[k] !== undefined);
    const at = (key: string): Where => [...where, ...(where.includes('Targets') ? [] : ['Properties']), key];
    if (given.length > 1) this.report('error', `${label}: give only one of Input, InputPath and InputTransformer (EventBridge refuses more); faaslab uses ${given[0]}`, at(given[1]!), logicalId);
    if (p.Input !== undefined) {
      const text = typeof p.Input === 'string' ? p.Input : JSON.stringify(p.Input);
      try {
        JSON.parse(text);
        return { input: text };
      } catch (err) {
        this.report('error', `${label}: Input is not valid JSON: ${(err as Error).message}; the event is sent instead`, at('Input'), logicalId);
        return {};
      }
    }
    if (p.InputPath !== undefined) {
      if (typeof p.InputPath === 'string' && p.InputPath.startsWith('$')) return { inputPath: p.InputPath };
      this.report('error', `${label}: InputPath must be a JSONPath such as $.detail; the event is sent instead`, at('InputPath'), logicalId);
      return {};
    }
    const t = obj(p.InputTransformer);
    if (p.InputTransformer === undefined) return {};
    const map = obj(t?.InputPathsMap) ?? {};
    if (typeof t?.InputTemplate !== 'string' || !Object.values(map).every((v) => typeof v === 'string' && v.startsWith('$'))) {
      this.report('error', `${label}: InputTransformer needs an InputTemplate (text) and InputPathsMap values that are JSONPaths; the event is sent instead`, at('InputTransformer'), logicalId);
      return {};
    }
    return { inputTransformer: { pathsMap: map as Record<string, string>, template: t.InputTemplate } };
  }

  private bus(value: unknown, label: string, where: Where, logicalId?: string): string {
    if (value === undefined) return 'default';
    const getAtt = obj(value)?.['Fn::GetAtt'];
    const attId = Array.isArray(getAtt) ? getAtt[0] : typeof getAtt === 'string' ? getAtt.split('.')[0] : undefined;
    const id = typeof attId === 'string' ? attId : value;
    if (typeof id === 'string' && this.busNames.has(id)) return this.busNames.get(id)!;
    if (typeof value === 'string' && value) {
      const name = value.startsWith('arn:') ? value.split('/').pop()! : value;
      if (!this.out.buses.includes(name)) this.report('warning', `${label}: EventBusName ${name} is not default nor an AWS::Events::EventBus of this template`, where, logicalId);
      return name;
    }
    this.report('error', `${label}: EventBusName must be a bus name, !Ref <EventBus> or !GetAtt <EventBus>.Name; faaslab uses default`, where, logicalId);
    return 'default';
  }

  private enabled(state: unknown, label: string, where: Where, logicalId?: string): boolean {
    if (state === undefined || state === 'ENABLED' || state === 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS') return true;
    if (state === 'DISABLED') return false;
    this.report('warning', `${label}: State must be ENABLED or DISABLED, got ${JSON.stringify(state)}; faaslab treats it as ENABLED`, where, logicalId);
    return true;
  }

  /** A target Arn: !GetAtt X.Arn of a function or queue, !Ref of a topic or function, or the ARN text of one. */
  private targetOf(value: unknown): Pick<EventRuleTarget, 'kind' | 'target'> | undefined {
    const getAtt = obj(value)?.['Fn::GetAtt'];
    const attId = Array.isArray(getAtt) ? getAtt[0] : typeof getAtt === 'string' ? getAtt.split('.')[0] : undefined;
    const ref = obj(value)?.Ref;
    for (const id of [attId, ref, value]) {
      if (typeof id !== 'string') continue;
      const kind = TARGET_TYPES[this.resources[id]?.Type ?? ''];
      if (kind) return { kind, target: id };
    }
    if (typeof value === 'string' && value.startsWith('arn:')) {
      const name = value.split(':').pop()!;
      for (const [id, r] of Object.entries(this.resources)) {
        const p = obj(r.Properties) ?? {};
        const own = FUNCTION_TYPES.has(r.Type) ? p.FunctionName : r.Type === 'AWS::SQS::Queue' ? p.QueueName : r.Type === 'AWS::SNS::Topic' ? p.TopicName : undefined;
        if (TARGET_TYPES[r.Type] && (own === name || id === name)) return { kind: TARGET_TYPES[r.Type]!, target: id };
      }
    }
    return undefined;
  }

  private resolve(value: unknown): unknown {
    // GetAtt stays as it is (a deployed value): targetOf and bus read it.
    return resolveValue(value, this.ctx, () => {});
  }

  private report(severity: WorkspaceProblem['severity'], message: string, where: Where, logicalId?: string): void {
    let line: number | undefined;
    for (let n = where.length; n > 0 && line === undefined; n--) line = this.loc.line(where.slice(0, n));
    this.out.problems.push({ ...(logicalId ? { logicalId } : {}), severity, message, line });
  }
}

function obj(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
