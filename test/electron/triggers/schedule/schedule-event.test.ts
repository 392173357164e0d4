import { describe, expect, it } from 'vitest';
import type { ScheduleTrigger } from '../../../../shared/domain/triggers.js';
import { physicalName, scheduleArn, schedulePayload } from '../../../../electron/triggers/schedule/schedule-event.js';

const ctx = { region: 'eu-west-1', accountId: '111122223333', stackName: 'local' };
const base: ScheduleTrigger = { kind: 'schedule', logicalId: 'TickFunction', eventName: 'Every5', type: 'Schedule', expression: 'rate(5 minutes)', enabled: true };
const time = new Date('2026-11-27T10:15:00.250Z');

describe('schedule events', () => {
  it('sends a rule the Scheduled Event with the rule ARN CloudFormation would name, stable across runs', () => {
    const event = JSON.parse(schedulePayload(base, time, ctx));
    expect(event).toMatchObject({
      version: '0',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '111122223333',
      region: 'eu-west-1',
      time: '2026-11-27T10:15:00Z',
      detail: {},
    });
    expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(event.resources).toEqual([scheduleArn(base, ctx)]);
    expect(scheduleArn(base, ctx)).toMatch(/^arn:aws:events:eu-west-1:111122223333:rule\/local-TickFunctionEvery5-[0-9A-Z]{1,12}$/);
    expect(physicalName(base, 'local')).toBe(physicalName({ ...base }, 'local'));
    expect(physicalName({ ...base, logicalId: 'X'.repeat(80) }, 'local').length).toBeLessThanOrEqual(64);
  });

  it('uses the Name the template gives, and sends Input instead of the event when there is one', () => {
    expect(scheduleArn({ ...base, name: 'nightly' }, ctx)).toBe('arn:aws:events:eu-west-1:111122223333:rule/nightly');
    expect(schedulePayload({ ...base, input: '{"job":"report"}' }, time, ctx)).toBe('{"job":"report"}');
  });

  it('sends EventBridge Scheduler default notification for a ScheduleV2 without Input', () => {
    const v2: ScheduleTrigger = { ...base, type: 'ScheduleV2', name: 'cleanup' };
    const event = JSON.parse(schedulePayload(v2, time, ctx));
    expect(event).toMatchObject({ source: 'aws.scheduler', 'detail-type': 'Scheduled Event', detail: '{}', resources: ['arn:aws:scheduler:eu-west-1:111122223333:schedule/default/cleanup'] });
  });
});
