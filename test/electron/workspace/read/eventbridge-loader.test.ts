/** EventBridge rules read from a template: both SAM event types, AWS::Events::Rule, and what is wrong with a rule said where it is written. */
import { describe, expect, it } from 'vitest';
import { readTriggers } from '../../../../electron/workspace/read/trigger-loader.js';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      FunctionName: my-fn
      Events:
        Rule:
          Type: EventBridgeRule
          Properties:
            EventBusName: arn:aws:events:us-east-1:123456789012:event-bus/orders
            Pattern: { source: [shop] }
            Input: '{"x": 1}'
        Old:
          Type: CloudWatchEvent
          Properties:
            Pattern: '{"detail-type": ["Tick"]}'
            State: DISABLED
        Broken:
          Type: EventBridgeRule
          Properties:
            Pattern: { source: shop }
        Missing:
          Type: EventBridgeRule
  ByArn:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: { source: [{ prefix: "a" }] }
      Targets:
        - Id: one
          Arn: arn:aws:lambda:us-east-1:123456789012:function:my-fn
          InputPath: $.detail
        - Id: two
          Arn: arn:aws:sqs:us-east-1:123456789012:elsewhere
  Timer:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(1 minute)
`;

describe('EventBridge rules in a template', () => {
  const load = readTriggers(TEMPLATE, '/ws/template.yaml');
  const line = (text: string) => TEMPLATE.split('\n').findIndex((l) => l.includes(text)) + 1;

  it('reads both event types and the rule resource, with their buses, inputs and states', () => {
    expect(load.eventRules).toEqual([
      { id: 'Fn:Rule', ruleName: 'FnRule', bus: 'orders', pattern: { source: ['shop'] }, enabled: true, targets: [{ function: 'Fn', input: '{"x": 1}' }], line: line('        Rule:') },
      { id: 'Fn:Old', ruleName: 'FnOld', bus: 'default', pattern: { 'detail-type': ['Tick'] }, enabled: false, targets: [{ function: 'Fn' }], line: line('        Old:') },
      { id: 'ByArn', ruleName: 'ByArn', bus: 'default', pattern: { source: [{ prefix: 'a' }] }, enabled: true, targets: [{ function: 'Fn', inputPath: '$.detail' }], line: line('  ByArn:') },
    ]);
  });

  it('says what is wrong, at the line', () => {
    const problems = load.problems.map((p) => [p.severity, p.message, p.line]);
    expect(problems).toEqual([
      ['error', 'Events.Broken: source: a value in a pattern must be a list of matchers or an object, got "shop"; this rule does not run', line('Pattern: { source: shop }')],
      ['error', 'Events.Missing: Pattern is missing; this rule does not run', line('        Missing:')],
      ['warning', 'ByArn.Targets[1]: only functions of this template are targets locally ("arn:aws:sqs:us-east-1:123456789012:elsewhere")', line('      Targets:')],
      ['warning', "Timer: a rule with only a ScheduleExpression is not run locally; a function's Schedule event is", line('ScheduleExpression')],
    ]);
  });
});
