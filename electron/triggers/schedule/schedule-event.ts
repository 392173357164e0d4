/**
 * What a schedule sends its function: the template's Input when it has one, else the event
 * EventBridge delivers. A rule (Type Schedule) sends the "Scheduled Event" of ARCHITECTURE.md, Lambda behaviours
 * section 9 naming the rule's ARN. EventBridge Scheduler (ScheduleV2) without Input sends its
 * default notification: the same shape with source "aws.scheduler", the schedule's ARN, and
 * detail as the text "{}" (not an object), as Lambda Powertools' parser had to learn.
 */
import { createHash } from 'node:crypto';
import type { ScheduleTrigger } from '../../../shared/domain/triggers.js';
import { scheduledEvent } from '../../../shared/schedule/index.js';

export interface ScheduleContext {
  region: string;
  accountId: string;
  /** ${AWS::StackName}; sam local's 'local' by default. */
  stackName: string;
}

/** EventBridge rule and Scheduler schedule names are at most 64 characters. */
const MAX_NAME = 64;

/**
 * The name CloudFormation gives the rule or schedule SAM creates when the template names none:
 * "<stack>-<LogicalId><EventName>-<suffix>". The suffix is random on AWS; here it is derived from
 * the names, so it stays the same from one run to the next.
 */
export function physicalName(t: ScheduleTrigger, stackName: string): string {
  if (t.name) return t.name;
  const resource = `${t.logicalId}${t.eventName}`;
  const suffix = BigInt(`0x${createHash('sha256').update(`${stackName}/${resource}`).digest('hex').slice(0, 16)}`)
    .toString(36)
    .toUpperCase()
    .slice(0, 12);
  const room = MAX_NAME - suffix.length - 2;
  const head = `${stackName}-${resource}`.slice(0, room);
  return `${head}-${suffix}`;
}

/** The ARN in the event's resources: the rule (Schedule) or the schedule (ScheduleV2, group default). */
export function scheduleArn(t: ScheduleTrigger, ctx: ScheduleContext): string {
  const name = physicalName(t, ctx.stackName);
  return t.type === 'Schedule' ? `arn:aws:events:${ctx.region}:${ctx.accountId}:rule/${name}` : `arn:aws:scheduler:${ctx.region}:${ctx.accountId}:schedule/default/${name}`;
}

/** The payload, as JSON text, for a fire at `time`. */
export function schedulePayload(t: ScheduleTrigger, time: Date, ctx: ScheduleContext): string {
  if (t.input !== undefined) return t.input;
  const event = scheduledEvent({ ruleArn: scheduleArn(t, ctx), time, account: ctx.accountId, region: ctx.region });
  if (t.type === 'Schedule') return JSON.stringify(event);
  return JSON.stringify({ ...event, source: 'aws.scheduler', detail: '{}' });
}
