/**
 * EventBridge rules of a SAM template: functions' Events of Type EventBridgeRule and
 * CloudWatchEvent, and AWS::Events::Rule resources with an EventPattern. Pure types, read from
 * template.yaml by electron/workspace/read/eventbridge-loader.ts and run by
 * electron/triggers/eventbridge/event-bus.ts.
 */
import type { EventPattern } from '../events/event-pattern.js';

/** Where a matching event goes: a function (an async invocation), a queue or a topic of the template. */
export interface EventRuleTarget {
  /** The target's Id (SAM: Target.Id, else "<Function><Event>LambdaTarget"). */
  id: string;
  kind: 'function' | 'queue' | 'topic';
  /** Logical id of the function, queue or topic. */
  target: string;
  /** Input: JSON text sent instead of the event. */
  input?: string;
  /** InputPath: the part of the event sent ($.detail). */
  inputPath?: string;
  /** InputTransformer: values picked from the event (InputPathsMap) put into InputTemplate's <placeholders>. */
  inputTransformer?: { pathsMap: Record<string, string>; template: string };
}

export interface EventRule {
  /** The rule's name: RuleName / Name, else <stack>-<LogicalId>. */
  name: string;
  arn: string;
  /** The event bus's name ('default' unless EventBusName says otherwise). */
  bus: string;
  pattern: EventPattern;
  /** State ENABLED (or absent); DISABLED rules take no events. */
  enabled: boolean;
  description?: string;
  targets: EventRuleTarget[];
  /** The AWS::Events::Rule's logical id, or the function whose event declares it. */
  logicalId: string;
  /** The function's Events key, for an EventBridgeRule or CloudWatchEvent event. */
  eventName?: string;
  line?: number;
}
