/** What a rule's target receives: the envelope, or its Input, InputPath or InputTransformer. */
import { describe, expect, it } from 'vitest';
import type { EventRule, EventRuleTarget } from '../../../../shared/domain/eventbridge.js';
import { jsonPath, targetPayload, type EventEnvelope } from '../../../../electron/triggers/eventbridge/event-envelope.js';

const EVENT: EventEnvelope = {
  version: '0',
  id: 'e-1',
  'detail-type': 'Order "Placed"',
  source: 'shop',
  account: '123456789012',
  time: '2026-01-02T03:04:05Z',
  region: 'us-east-1',
  resources: ['arn:one'],
  detail: { amount: 12.5, items: [{ sku: 'a-1' }, { sku: 'b-2' }], 'odd-key': true, customer: { name: 'Ann' } },
};
const RULE: EventRule = { name: 'orders', arn: 'arn:aws:events:us-east-1:123456789012:rule/orders', bus: 'default', pattern: { source: ['shop'] }, enabled: true, targets: [], logicalId: 'Fn' };
const payload = (t: Partial<EventRuleTarget>) => JSON.parse(targetPayload({ id: 't', kind: 'function', target: 'Fn', ...t }, EVENT, RULE)) as unknown;

describe('targetPayload', () => {
  it('sends the envelope, a constant Input, or the part InputPath names', () => {
    expect(payload({})).toEqual(EVENT);
    expect(payload({ input: '{"fixed":1}' })).toEqual({ fixed: 1 });
    expect(payload({ inputPath: '$.detail.customer' })).toEqual({ name: 'Ann' });
    expect(payload({ inputPath: '$.nothing.here' })).toBeNull();
  });

  it('fills an InputTemplate: text inside quotes, JSON outside, the predefined names too', () => {
    const out = payload({
      inputTransformer: {
        pathsMap: { type: '$.detail-type', amount: '$.detail.amount', customer: '$.detail.customer', missing: '$.detail.none' },
        template:
          '{"line": "<type> for <amount>", "amount": <amount>, "who": <customer>, "whoText": "<customer>", "none": <missing>, "rule": "<aws.events.rule-name>", "arn": "<aws.events.rule-arn>", "at": "<aws.events.event.ingestion-time>"}',
      },
    });
    expect(out).toEqual({
      line: 'Order "Placed" for 12.5',
      amount: 12.5,
      who: { name: 'Ann' },
      whoText: '{"name":"Ann"}',
      none: null,
      rule: 'orders',
      arn: RULE.arn,
      at: EVENT.time,
    });
    expect(payload({ inputTransformer: { pathsMap: {}, template: '{"event": <aws.events.event.json>}' } })).toEqual({ event: EVENT });
  });

  it('sends a template that is not JSON as a JSON string', () => {
    expect(payload({ inputTransformer: { pathsMap: { sku: '$.detail.items[1].sku' }, template: 'item <sku> sold' } })).toBe('item b-2 sold');
  });
});

describe('jsonPath', () => {
  it('walks dots, indexes and quoted names', () => {
    expect(jsonPath(EVENT, '$')).toBe(EVENT);
    expect(jsonPath(EVENT, '$.detail.items[0].sku')).toBe('a-1');
    expect(jsonPath(EVENT, "$.detail['odd-key']")).toBe(true);
    expect(jsonPath(EVENT, '$.resources[3]')).toBeUndefined();
    expect(jsonPath(EVENT, 'detail')).toBeUndefined();
  });
});
