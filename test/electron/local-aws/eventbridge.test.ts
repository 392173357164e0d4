/**
 * EventBridge through the local endpoint in a real host: PutEvents from the test process (the real
 * @aws-sdk/client-eventbridge and boto3) and from a function reach the functions whose rules
 * match, in EventBridge's envelope, as Event invocations; per-entry and whole-call errors are
 * answered as EventBridge answers them.
 */
import { EventBridgeClient, ListRulesCommand, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvocationRecord } from '../../../shared/domain/invocation.js';
import { startHost, type HostFixture } from '../services/host-fixture.js';
import { runPython } from './python.js';

const FILES = {
  'template.yaml': `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: src/
Resources:
  OnOrder:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.record
      Events:
        Placed:
          Type: EventBridgeRule
          Properties:
            Pattern:
              source: [shop.orders]
              detail-type: [OrderPlaced]
              detail:
                total: [{ numeric: [">", 100] }]
  OnRefund:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.record
      Events:
        Refunds:
          Type: CloudWatchEvent
          Properties:
            Pattern:
              source: [shop.orders]
              detail-type: [{ prefix: Refund }]
            InputPath: $.detail
  Audit:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.record
  AuditRule:
    Type: AWS::Events::Rule
    Properties:
      Name: audit-everything-from-shop
      EventPattern:
        source: [{ prefix: shop. }]
      Targets:
        - Id: audit
          Arn: !GetAtt Audit.Arn
          Input: '{"audited": true}'
  Emitter:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.emit
`,
  'src/app.js': `const { EventBridgeClient, PutEventsCommand } = require('@aws-sdk/client-eventbridge');
const events = new EventBridgeClient({});
exports.record = async (event) => event;
exports.emit = async (event) => {
  const out = await events.send(new PutEventsCommand({ Entries: [{ Source: 'shop.orders', DetailType: 'RefundIssued', Detail: JSON.stringify({ order: event.order }) }] }));
  return out.Entries;
};
`,
};

describe('EventBridge through the local endpoint', () => {
  let f: HostFixture;
  let client: EventBridgeClient;
  beforeAll(async () => {
    f = await startHost(FILES);
    client = new EventBridgeClient({ endpoint: f.host.awsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  });
  afterAll(async () => {
    client?.destroy();
    await f?.close();
  });

  const invocationsOf = (logicalId: string, since: number) =>
    f.pushes
      .slice(since)
      .filter((p) => p.event === 'invocation' && (p.data as InvocationRecord).logicalId === logicalId)
      .map((p) => p.data as InvocationRecord);

  it('delivers an event to the rules that match it, in the envelope, with each target input', async () => {
    const since = f.pushes.length;
    const out = await client.send(new PutEventsCommand({ Entries: [{ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ id: 'o-1', total: 250 }), Resources: ['arn:x'] }] }));
    expect(out.FailedEntryCount).toBe(0);
    const eventId = out.Entries![0]!.EventId!;
    expect(eventId).toMatch(/^[0-9a-f-]{36}$/);
    const placed = await f.waitForPush('invocation', (r) => r.logicalId === 'OnOrder', 'OnOrder invoked', since);
    expect(placed.response).toMatchObject({
      version: '0',
      id: eventId,
      'detail-type': 'OrderPlaced',
      source: 'shop.orders',
      account: '123456789012',
      region: 'us-east-1',
      resources: ['arn:x'],
      detail: { id: 'o-1', total: 250 },
    });
    const audit = await f.waitForPush('invocation', (r) => r.logicalId === 'Audit', 'Audit invoked', since);
    expect(audit.response).toEqual({ audited: true });
    // The refund rule's pattern does not match an OrderPlaced event.
    expect(invocationsOf('OnRefund', since)).toEqual([]);
    const stored = await f.call('history.get', { requestId: placed.requestId });
    expect(stored.trigger).toEqual({ kind: 'eventbridge', route: 'eventbridge OnOrderPlaced shop.orders OrderPlaced' });
  });

  it('does not deliver an event a numeric range leaves out', async () => {
    const since = f.pushes.length;
    await client.send(new PutEventsCommand({ Entries: [{ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ id: 'o-2', total: 20 }) }] }));
    await f.waitForPush('invocation', (r) => r.logicalId === 'Audit', 'Audit invoked', since);
    expect(invocationsOf('OnOrder', since)).toEqual([]);
  });

  it("takes a function's own PutEvents, unchanged, and InputPath gives the rule's target a part of the event", async () => {
    const since = f.pushes.length;
    const emitted = await f.call('invoke.run', { logicalId: 'Emitter', payload: JSON.stringify({ order: 'o-3' }) });
    expect(emitted.status).toBe('success');
    expect(emitted.awsCalls?.map((c) => `${c.service} ${c.operation} ${c.status}`)).toEqual(['events PutEvents 200']);
    const refund = await f.waitForPush('invocation', (r) => r.logicalId === 'OnRefund', 'OnRefund invoked', since);
    expect(refund.response).toEqual({ order: 'o-3' });
  });

  it('answers bad entries one by one, and more than ten entries as a whole', async () => {
    const out = await client.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'shop.orders', DetailType: 'Ping', Detail: '{not json' },
          { Source: 'shop.orders', DetailType: 'Ping', Detail: '{}' },
          { Source: 'shop.orders', DetailType: 'Ping', Detail: '{}', EventBusName: 'nope' },
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(2);
    expect(out.Entries![0]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    expect(out.Entries![1]!.EventId).toBeDefined();
    expect(out.Entries![2]!.ErrorCode).toBe('NotAuthorizedForSourceException');
    const eleven = Array.from({ length: 11 }, () => ({ Source: 's', DetailType: 'd', Detail: '{}' }));
    const err = await client.send(new PutEventsCommand({ Entries: eleven })).catch((e: Error & { $metadata?: { httpStatusCode?: number } }) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe('ValidationException');
    expect((err as Error).message).toContain('Member must have length less than or equal to 10');
  });

  it("lists the template's rules", async () => {
    const rules = await client.send(new ListRulesCommand({}));
    expect(rules.Rules?.map((r) => r.Name).sort()).toEqual(['OnOrderPlaced', 'OnRefundRefunds', 'audit-everything-from-shop']);
  });

  it('takes boto3 put_events', async () => {
    const since = f.pushes.length;
    const out = await runPython(
      `import boto3, json, sys
c = boto3.client("events", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y")
r = c.put_events(Entries=[{"Source": "shop.orders", "DetailType": "OrderPlaced", "Detail": json.dumps({"id": "py", "total": 101})}])
print(json.dumps({"failed": r["FailedEntryCount"], "id": r["Entries"][0].get("EventId")}))`,
      f.host.awsEndpoint,
    );
    expect(out.failed).toBe(0);
    const placed = await f.waitForPush('invocation', (r) => r.logicalId === 'OnOrder', 'OnOrder invoked', since);
    expect((placed.response as { id: string }).id).toBe(out.id);
  });
});
