/**
 * The local EventBridge with the real @aws-sdk/client-eventbridge and boto3 1.26 against a real
 * host: PutEvents reaches the functions whose rule pattern matches (in EventBridge's envelope, or
 * as the target's Input, InputPath or InputTransformer make it) and no other, from the test
 * process and from a function's own unchanged SDK call; entries are checked one by one, and more
 * than 10 is the SDK's ValidationException.
 */
import {
  DescribeRuleCommand,
  EventBridgeClient,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  ResourceNotFoundException,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvocationRecord } from '../../../shared/domain/invocation.js';
import { triggerLines } from '../../../electron/cli/serve-command.js';
import { startHost, type HostFixture } from '../services/host-fixture.js';
import { runPython } from './python.js';

const FILES = {
  'template.yaml': `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    Timeout: 10
    CodeUri: src/
Resources:
  Shop:
    Type: AWS::Events::EventBus
    Properties:
      Name: shop
  Audit:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: audit
  BigOrders:
    Type: AWS::Serverless::Function
    Properties:
      Handler: receiver.handler
      Events:
        Big:
          Type: EventBridgeRule
          Properties:
            RuleName: big-orders
            Pattern:
              source: [shop.orders]
              detail-type: [OrderPlaced]
              detail:
                amount: [{ numeric: [">=", 100] }]
  Refunds:
    Type: AWS::Serverless::Function
    Properties:
      Handler: receiver.handler
      Events:
        Refund:
          Type: CloudWatchEvent
          Properties:
            Pattern:
              source: [shop.refunds]
            Input: '{"constant":true}'
  Summaries:
    Type: AWS::Serverless::Function
    Properties:
      Handler: receiver.handler
  Publisher:
    Type: AWS::Serverless::Function
    Properties:
      Handler: publisher.handler
  Reporter:
    Type: AWS::Serverless::Function
    Properties:
      Handler: receiver.handler
      EventInvokeConfig:
        DestinationConfig:
          OnSuccess:
            Type: EventBridge
            Destination: !GetAtt Shop.Arn
  Outcomes:
    Type: AWS::Serverless::Function
    Properties:
      Handler: receiver.handler
      Events:
        Results:
          Type: EventBridgeRule
          Properties:
            RuleName: outcomes
            EventBusName: !Ref Shop
            Pattern:
              source: [lambda]
              detail-type: [{ prefix: Lambda Function Invocation Result }]
  ShopRule:
    Type: AWS::Events::Rule
    Properties:
      Name: shop-all
      Description: everything on the shop bus
      EventBusName: !Ref Shop
      EventPattern:
        source: [{ prefix: shop. }]
      Targets:
        - Id: audit
          Arn: !GetAtt Audit.Arn
          InputPath: $.detail
        - Id: summary
          Arn: !GetAtt Summaries.Arn
          InputTransformer:
            InputPathsMap:
              kind: $.detail-type
              amount: $.detail.amount
            InputTemplate: '{"text": "<kind> of <amount>", "amount": <amount>, "rule": "<aws.events.rule-name>"}'
`,
  'src/publisher.mjs': `import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
const events = new EventBridgeClient({});
export const handler = async (event) => {
  const out = await events.send(new PutEventsCommand({ Entries: [{ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ amount: event.amount }) }] }));
  return { failed: out.FailedEntryCount, eventId: out.Entries[0].EventId };
};
`,
  'src/receiver.mjs': `export const handler = async (event) => ({ event });\n`,
};

const ACCOUNT = '123456789012';

describe('the local EventBridge', () => {
  let f: HostFixture;
  let events: EventBridgeClient;
  beforeAll(async () => {
    f = await startHost(FILES);
    events = new EventBridgeClient({ endpoint: f.host.awsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  });
  afterAll(() => f?.close());

  const invoked = async (logicalId: string, since: number) =>
    (await f.waitForPush('invocation', (r) => (r as InvocationRecord).logicalId === logicalId, `${logicalId} invoked`, since)) as InvocationRecord;
  const received = (r: InvocationRecord) => (r.response as { event: Record<string, unknown> }).event;

  it('delivers an event to the function whose pattern matches, in the envelope, and not to the others', async () => {
    const since = f.pushes.length;
    const time = new Date('2026-01-02T03:04:05Z');
    const out = await events.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ amount: 250, id: 'o-1' }), Resources: ['arn:aws:s3:::x'], Time: time },
          { Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ amount: 5, id: 'o-2' }) },
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(0);
    expect(out.Entries).toHaveLength(2);
    const big = await invoked('BigOrders', since);
    expect(big.status).toBe('success');
    expect(received(big)).toEqual({
      version: '0',
      id: out.Entries![0]!.EventId,
      'detail-type': 'OrderPlaced',
      source: 'shop.orders',
      account: ACCOUNT,
      time: '2026-01-02T03:04:05Z',
      region: 'us-east-1',
      resources: ['arn:aws:s3:::x'],
      detail: { amount: 250, id: 'o-1' },
    });
    // The history names the rule that started it.
    expect((await f.call('history.get', { requestId: big.requestId })).trigger).toEqual({ kind: 'eventbridge', route: 'eventbridge default/big-orders' });
    const activity = await f.waitForPush('activity', (a) => a.trigger === 'eventbridge' && a.requestId === big.requestId, 'eventbridge activity', since);
    expect(activity).toMatchObject({ kind: 'eventbridge', logicalId: 'BigOrders', route: 'default/big-orders', status: 'success' });

    // The small order matched no rule; a refund reaches Refunds only, as its constant Input.
    await events.send(new PutEventsCommand({ Entries: [{ Source: 'shop.refunds', DetailType: 'Refund', Detail: '{}' }] }));
    expect(received(await invoked('Refunds', since))).toEqual({ constant: true });
    const bigRuns = (await f.call('history.list', { logicalId: 'BigOrders' })).length;
    expect(bigRuns).toBe(1);
    expect(await f.call('history.list', { logicalId: 'Refunds' })).toHaveLength(1);
  });

  it("carries a function's own PutEvents, unchanged, to the rule's function", async () => {
    const since = f.pushes.length;
    const out = await f.call('invoke.run', { logicalId: 'Publisher', payload: JSON.stringify({ amount: 120 }) });
    expect(out.status).toBe('success');
    expect(out.awsCalls).toEqual([expect.objectContaining({ service: 'events', operation: 'PutEvents', resource: 'default', status: 200 })]);
    const { failed, eventId } = out.response as { failed: number; eventId: string };
    expect(failed).toBe(0);
    const big = await invoked('BigOrders', since);
    expect(received(big)).toMatchObject({ id: eventId, source: 'shop.orders', detail: { amount: 120 } });
  });

  it("delivers on a custom bus to a queue (InputPath) and a function (InputTransformer), and not the default bus's rules", async () => {
    const since = f.pushes.length;
    await f.call('queues.purge', { queue: 'Audit' });
    const out = await events.send(
      new PutEventsCommand({ Entries: [{ EventBusName: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/shop`, Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{"amount":300}' }] }),
    );
    expect(out.FailedEntryCount).toBe(0);
    const summary = await invoked('Summaries', since);
    expect(received(summary)).toEqual({ text: 'OrderPlaced of 300', amount: 300, rule: 'shop-all' });
    expect((await f.call('queues.messages', { queue: 'Audit' })).map((m) => JSON.parse(m.body))).toEqual([{ amount: 300 }]);
    // BigOrders' rule is on the default bus: same event, other bus, no invocation.
    expect(f.pushes.slice(since).some((p) => p.event === 'invocation' && (p.data as InvocationRecord).logicalId === 'BigOrders')).toBe(false);
  });

  it("puts an async invocation's outcome on the bus its EventBridge destination names, as Lambda's event", async () => {
    const since = f.pushes.length;
    const { requestId } = await f.call('invoke.async', { logicalId: 'Reporter', payload: JSON.stringify({ n: 1 }) });
    const outcome = received(await invoked('Outcomes', since));
    expect(outcome).toMatchObject({
      source: 'lambda',
      'detail-type': 'Lambda Function Invocation Result - Success',
      account: ACCOUNT,
      resources: [`arn:aws:events:us-east-1:${ACCOUNT}:event-bus/shop`, expect.stringMatching(/:function:.*:\$LATEST$/)],
      detail: { requestContext: { requestId, condition: 'Success' }, requestPayload: { n: 1 }, responsePayload: { event: { n: 1 } } },
    });
  });

  it('reports bad entries one by one and still puts the good ones', async () => {
    const out = await events.send(
      new PutEventsCommand({
        Entries: [
          { DetailType: 'x', Detail: '{}' },
          { Source: 's', Detail: '{}' },
          { Source: 's', DetailType: 'x' },
          { Source: 's', DetailType: 'x', Detail: '{not json' },
          { Source: 's', DetailType: 'x', Detail: '[1,2]' },
          { Source: 's', DetailType: 'x', Detail: '{"ok":1}' },
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(5);
    expect(out.Entries!.slice(0, 5)).toEqual([
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
    ]);
    expect(out.Entries![5]!.EventId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses more than 10 entries with a ValidationException', async () => {
    const entries = Array.from({ length: 11 }, () => ({ Source: 's', DetailType: 'x', Detail: '{}' }));
    await expect(events.send(new PutEventsCommand({ Entries: entries }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/Member must have length less than or equal to 10/),
      $metadata: { httpStatusCode: 400 },
    });
  });

  it("lists and describes the template's rules, targets and buses", async () => {
    const rules = await events.send(new ListRulesCommand({}));
    expect(rules.Rules!.map((r) => r.Name)).toEqual(['big-orders', 'local-RefundsRefund']);
    const described = await events.send(new DescribeRuleCommand({ Name: 'shop-all', EventBusName: 'shop' }));
    expect(described).toMatchObject({
      Name: 'shop-all',
      Arn: `arn:aws:events:us-east-1:${ACCOUNT}:rule/shop/shop-all`,
      State: 'ENABLED',
      Description: 'everything on the shop bus',
      EventBusName: 'shop',
    });
    expect(JSON.parse(described.EventPattern!)).toEqual({ source: [{ prefix: 'shop.' }] });
    const targets = await events.send(new ListTargetsByRuleCommand({ Rule: 'shop-all', EventBusName: 'shop' }));
    expect(targets.Targets!.map((t) => [t.Id, t.Arn])).toEqual([
      ['audit', `arn:aws:sqs:us-east-1:${ACCOUNT}:audit`],
      ['summary', expect.stringMatching(new RegExp(`^arn:aws:lambda:us-east-1:${ACCOUNT}:function:`))],
    ]);
    expect((await events.send(new ListEventBusesCommand({}))).EventBuses!.map((b) => b.Name)).toEqual(['default', 'shop']);
    await expect(events.send(new DescribeRuleCommand({ Name: 'nope' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(events.send(new DescribeRuleCommand({ Name: 'nope' }))).rejects.toMatchObject({ message: 'Rule nope does not exist on EventBus default.' });
    await expect(events.send(new PutRuleCommand({ Name: 'x', EventPattern: '{}' }))).rejects.toMatchObject({ message: expect.stringMatching(/edit template.yaml/) });
  });

  it('lists the rules in triggers.list, as faaslab serve prints them', async () => {
    const info = await f.call('triggers.list');
    expect(info.eventRules!.map((r) => [r.bus, r.name, r.targets])).toEqual([
      ['default', 'big-orders', ['function BigOrders']],
      ['default', 'local-RefundsRefund', ['function Refunds']],
      ['shop', 'outcomes', ['function Outcomes']],
      ['shop', 'shop-all', ['queue Audit', 'function Summaries']],
    ]);
    const lines = triggerLines(info).filter((l) => l.includes('EventBridge') || l.includes(' -> '));
    expect(lines).toEqual([
      'faaslab: 4 EventBridge rules (events put with PutEvents reach them)',
      '  default/big-orders  {"source":["shop.orders"],"detail-type":["OrderPlaced"],"detail":{"amount":[{"numeric":[">=",100]}]}}  -> function BigOrders',
      '  default/local-RefundsRefund  {"source":["shop.refunds"]}  -> function Refunds',
      '  shop/outcomes  {"source":["lambda"],"detail-type":[{"prefix":"Lambda Function Invocation Result"}]}  -> function Outcomes',
      '  shop/shop-all  {"source":[{"prefix":"shop."}]}  -> queue Audit, function Summaries',
    ]);
  });

  it('tests a pattern against an event with the matcher the buses use', async () => {
    const event = JSON.stringify({
      id: '1',
      account: ACCOUNT,
      source: 'shop.orders',
      time: '2026-01-01T00:00:00Z',
      region: 'us-east-1',
      'detail-type': 'OrderPlaced',
      resources: [],
      detail: { amount: 7 },
    });
    const test = (pattern: unknown) => events.send(new TestEventPatternCommand({ EventPattern: JSON.stringify(pattern), Event: event }));
    expect((await test({ detail: { amount: [{ numeric: ['<', 10] }] } })).Result).toBe(true);
    expect((await test({ detail: { amount: [{ numeric: ['>', 10] }] } })).Result).toBe(false);
    await expect(test({ detail: { amount: [{ numeric: ['>', 'x'] }] } })).rejects.toMatchObject({
      name: 'InvalidEventPatternException',
      message: 'Event pattern is not valid. Reason: detail.amount: Value of > must be numeric',
    });
    await expect(events.send(new TestEventPatternCommand({ EventPattern: '{"source":["a"]}', Event: '{"source":"a"}' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Parameter Event is not valid.',
    });
  });

  it('takes put_events from boto3', async () => {
    const since = f.pushes.length;
    const script = `
import sys, json, boto3
c = boto3.client('events', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='x', aws_secret_access_key='y')
out = c.put_events(Entries=[{'Source': 'shop.orders', 'DetailType': 'OrderPlaced', 'Detail': json.dumps({'amount': 999, 'via': 'boto3'})}, {'Source': 's', 'DetailType': 'x', 'Detail': 'nope'}])
print(json.dumps({'failed': out['FailedEntryCount'], 'entries': out['Entries']}))
`;
    const out = await runPython(script, f.host.awsEndpoint!);
    expect(out.failed).toBe(1);
    expect(out.entries[1]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    const big = await invoked('BigOrders', since);
    expect(received(big)).toMatchObject({ id: out.entries[0].EventId, detail: { amount: 999, via: 'boto3' } });
  });
});
