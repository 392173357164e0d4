/** EventBridge rules read from a template: both SAM event types, AWS::Events::Rule, and errors at the field that is wrong. */
import { describe, expect, it } from 'vitest';
import { readEventBridge } from '../../../../electron/workspace/read/eventbridge-loader.js';
import { ParsedTemplate } from '../../../../electron/workspace/template/parsed-template.js';

const OPTS = { region: 'eu-west-1', accountId: '111122223333' };
const read = (text: string) => readEventBridge(new ParsedTemplate(text, '/tmp/template.yaml'), OPTS);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Bus:
    Type: AWS::Events::EventBus
    Properties:
      Name: orders
  Queue:
    Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topic
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Events:
        Placed:
          Type: EventBridgeRule
          Properties:
            EventBusName: !Ref Bus
            RuleName: placed
            State: DISABLED
            Target:
              Id: my-target
            InputPath: $.detail
            RetryPolicy:
              MaximumRetryAttempts: 1
            Pattern:
              source: [orders]
              detail:
                amount: [{ numeric: [">", 0] }]
        Legacy:
          Type: CloudWatchEvent
          Properties:
            Pattern: '{"source": ["aws.ec2"]}'
            Input: '{"x": 1}'
  Rule:
    Type: AWS::Events::Rule
    Properties:
      Description: fan-out
      EventPattern:
        detail-type: [{ prefix: Order }]
      Targets:
        - Id: fn
          Arn: !GetAtt Fn.Arn
          InputTransformer:
            InputPathsMap: { id: $.id }
            InputTemplate: '{"id": <id>}'
        - Id: queue
          Arn: !GetAtt Queue.Arn
        - Id: topic
          Arn: !Ref Topic
        - Id: elsewhere
          Arn: arn:aws:lambda:eu-west-1:999999999999:function:other
  Nightly:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(1 day)
      Targets:
        - Id: fn
          Arn: !GetAtt Fn.Arn
`;

describe('readEventBridge', () => {
  it('reads EventBridgeRule and CloudWatchEvent events and AWS::Events::Rule resources', () => {
    const load = read(TEMPLATE);
    expect(load.buses).toEqual(['default', 'orders']);
    expect(load.rules).toEqual([
      {
        name: 'placed',
        arn: 'arn:aws:events:eu-west-1:111122223333:rule/orders/placed',
        bus: 'orders',
        pattern: { source: ['orders'], detail: { amount: [{ numeric: ['>', 0] }] } },
        enabled: false,
        targets: [{ id: 'my-target', kind: 'function', target: 'Fn', inputPath: '$.detail' }],
        logicalId: 'Fn',
        eventName: 'Placed',
        line: lineOf(TEMPLATE, 'Placed:'),
      },
      {
        name: 'local-FnLegacy',
        arn: 'arn:aws:events:eu-west-1:111122223333:rule/local-FnLegacy',
        bus: 'default',
        pattern: { source: ['aws.ec2'] },
        enabled: true,
        targets: [{ id: 'FnLegacyLambdaTarget', kind: 'function', target: 'Fn', input: '{"x": 1}' }],
        logicalId: 'Fn',
        eventName: 'Legacy',
        line: lineOf(TEMPLATE, 'Legacy:'),
      },
      {
        name: 'local-Rule',
        arn: 'arn:aws:events:eu-west-1:111122223333:rule/local-Rule',
        bus: 'default',
        pattern: { 'detail-type': [{ prefix: 'Order' }] },
        enabled: true,
        description: 'fan-out',
        targets: [
          { id: 'fn', kind: 'function', target: 'Fn', inputTransformer: { pathsMap: { id: '$.id' }, template: '{"id": <id>}' } },
          { id: 'queue', kind: 'queue', target: 'Queue' },
          { id: 'topic', kind: 'topic', target: 'Topic' },
        ],
        logicalId: 'Rule',
        line: lineOf(TEMPLATE, '  Rule:'),
      },
    ]);
    expect(load.problems).toEqual([
      { logicalId: 'Fn', severity: 'warning', message: expect.stringMatching(/^Events\.Placed: RetryPolicy is not simulated/), line: lineOf(TEMPLATE, 'RetryPolicy:') },
      { severity: 'warning', message: expect.stringMatching(/^Rule\.Targets\[3\]: Arn must be/), line: lineOf(TEMPLATE, 'arn:aws:lambda:eu-west-1:999999999999') },
      { severity: 'warning', message: expect.stringMatching(/^Nightly: a rule with only a ScheduleExpression is not fired/), line: lineOf(TEMPLATE, 'ScheduleExpression:') },
    ]);
  });

  it('points at the pattern field EventBridge would refuse, and leaves the rule out', () => {
    const text = `Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Bad:
          Type: EventBridgeRule
          Properties:
            Pattern:
              source: [orders]
              detail:
                state: [{ anything-but: { numeric: [">", 1] } }]
        NoPattern:
          Type: CloudWatchEvent
          Properties:
            Input: '{"a": 1}'
        BadInput:
          Type: EventBridgeRule
          Properties:
            Pattern: { source: [x] }
            Input: '{nope'
  Rule:
    Type: AWS::Events::Rule
    Properties:
      EventPattern:
        detail:
          n: [{ numeric: [">", "one"] }]
      Targets: []
  TextRule:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: '{"source": '
`;
    const load = read(text);
    expect(load.rules.map((r) => r.eventName ?? r.logicalId)).toEqual(['BadInput']);
    expect(load.rules[0]!.targets[0]).toEqual({ id: 'FnBadInputLambdaTarget', kind: 'function', target: 'Fn' });
    expect(load.problems).toEqual([
      {
        logicalId: 'Fn',
        severity: 'error',
        message: 'Events.Bad: Pattern is not a valid event pattern: detail.state: Unsupported anything-but pattern: numeric; this rule is not applied',
        line: lineOf(text, 'state: [{ anything-but'),
      },
      { logicalId: 'Fn', severity: 'error', message: 'Events.NoPattern: Pattern is required; this rule is not applied', line: lineOf(text, 'Input: \'{"a": 1}\'') - 1 },
      { logicalId: 'Fn', severity: 'error', message: expect.stringMatching(/^Events\.BadInput: Input is not valid JSON/), line: lineOf(text, "Input: '{nope'") },
      { severity: 'error', message: 'Rule: EventPattern is not a valid event pattern: detail.n: Value of > must be numeric; this rule is not applied', line: lineOf(text, 'n: [{ numeric') },
      { severity: 'error', message: expect.stringMatching(/^TextRule: EventPattern is not a valid event pattern: the pattern is not valid JSON/), line: lineOf(text, `EventPattern: '{"source": '`) },
    ]);
  });

  it('refuses two rules of one name on a bus', () => {
    const text = `Resources:
  A:
    Type: AWS::Events::Rule
    Properties: { Name: same, EventPattern: { source: [a] } }
  B:
    Type: AWS::Events::Rule
    Properties: { Name: same, EventPattern: { source: [b] } }
`;
    const load = read(text);
    expect(load.rules.map((r) => r.logicalId)).toEqual(['A']);
    expect(load.problems).toEqual([{ logicalId: 'B', severity: 'error', message: 'rule same is already declared by A: rule names are unique on a bus', line: 5 }]);
  });
});
