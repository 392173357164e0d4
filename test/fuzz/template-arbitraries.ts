/**
 * What the template loader's fuzz test generates: a realistic template and the mutations spliced
 * into its text, structured templates (a function's properties mostly plausible, every other value
 * of any type, CloudFormation tags with odd arguments) and alias bombs.
 */
import fc from 'fast-check';
import { CFN_FUNCTIONS } from '../../electron/workspace/template/cfn-tags.js';
import { trickyText } from './arbitraries.js';
import type { Value } from './yaml-emitter.js';

export const SEED_TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: { Type: String, Default: dev }
Conditions:
  IsDev: !Equals [!Ref Stage, dev]
Globals:
  Function: &defaults
    Runtime: nodejs20.x
    CodeUri: src
    Timeout: 10
Resources:
  Api:
    Type: AWS::Serverless::Function
    Condition: IsDev
    Properties:
      Handler: app.handler
      Environment:
        Variables:
          TABLE: !Ref Table
          URL: !Sub "https://\${AWS::Region}.example/\${Stage}"
          ARN: !GetAtt Table.Arn
      Events:
        Get: { Type: HttpApi, Properties: { Path: /items/{id}, Method: GET } }
        Tick: { Type: Schedule, Properties: { Schedule: rate(1 minute) } }
        Q: { Type: SQS, Properties: { Queue: !GetAtt Queue.Arn, BatchSize: 5 } }
  Inline:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: |
        def handler(event, context):
            return 1
  Table: { Type: AWS::DynamoDB::Table, Properties: { TableName: !Join ['-', [t, !Ref Stage]] } }
  Queue: { Type: AWS::SQS::Queue }
  Topic: { Type: AWS::SNS::Topic, Properties: { Subscription: [{ Endpoint: !GetAtt Api.Arn, Protocol: lambda }] } }
`;

/** Pieces of YAML and CloudFormation syntax that mutations splice into the seed template. */
const TOKENS = [
  ': ',
  '- ',
  '? ',
  '&a ',
  '*a',
  '<<: *defaults',
  '!Ref ',
  '!GetAtt ',
  '!Sub ',
  '!If ',
  '!Bogus ',
  '!!binary ',
  '!!str ',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '|',
  '>',
  '#',
  '\t',
  '\n',
  '\n  ',
  '---\n',
  '...\n',
  '%YAML 1.1\n',
  '\ufeff',
  '\u0000',
  'Resources:\n',
  'Type: AWS::Serverless::Function\n',
  'Handler: ../../x.handler',
  'CodeUri: ../../../..',
  'CodeUri: /etc/passwd',
  'Runtime: nodejs20.x',
  'Runtime: [python3.12]',
  '  ../../../escaped:\n    Type: AWS::Serverless::Function\n    Properties: { Runtime: nodejs20.x, Handler: index.h, InlineCode: x }\n',
];

export type Mutation = { kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; length: number } | { kind: 'duplicate'; line: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...TOKENS), trickyText) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat() }),
);

export function mutate(text: string, mutations: Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    if (m.kind === 'insert') {
      const at = m.at % (out.length + 1);
      out = out.slice(0, at) + m.text + out.slice(at);
    } else if (m.kind === 'delete') {
      const at = m.at % (out.length + 1);
      out = out.slice(0, at) + out.slice(at + m.length);
    } else {
      const lines = out.split('\n');
      const i = m.line % lines.length;
      lines.splice(i, 0, lines[i]!);
      out = lines.join('\n');
    }
  }
  return out;
}

const RESOURCE_TYPES = [
  'AWS::Serverless::Function',
  'AWS::Lambda::Function',
  'AWS::Serverless::LayerVersion',
  'AWS::Lambda::LayerVersion',
  'AWS::Serverless::Api',
  'AWS::Serverless::HttpApi',
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::S3::Bucket',
  'AWS::DynamoDB::Table',
  'AWS::Events::Rule',
  'AWS::Events::EventBus',
  'AWS::Lambda::Url',
  'AWS::Lambda::EventInvokeConfig',
  'AWS::Serverless::SimpleTable',
];
const PROPERTY_NAMES = [
  'Handler',
  'Runtime',
  'CodeUri',
  'Code',
  'InlineCode',
  'MemorySize',
  'Timeout',
  'Environment',
  'Events',
  'Layers',
  'FunctionName',
  'FunctionUrlConfig',
  'ReservedConcurrentExecutions',
  'EphemeralStorage',
  'LoggingConfig',
  'Architectures',
  'EventInvokeConfig',
  'DeadLetterQueue',
  'ContentUri',
  'Variables',
  'Type',
  'Properties',
  'Path',
  'Method',
  'Schedule',
  'Queue',
  'Topic',
  'Bucket',
  'Stream',
  'BatchSize',
  'Cors',
  'CorsConfiguration',
  'StageName',
  'BinaryMediaTypes',
  'EventPattern',
  'Targets',
  'TableName',
  'QueueName',
  'FifoQueue',
  'RedrivePolicy',
  'Subscription',
  'TargetFunctionArn',
  'AuthType',
];

const logicalId = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,10}$/) },
  { weight: 1, arbitrary: fc.constantFrom('Api', 'Queue', 'Table', 'Topic', 'IsDev', 'Stage') },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 6 }).map((n) => `${'../'.repeat(n)}escaped`) },
  { weight: 1, arbitrary: trickyText },
);

/** Any template value: scalars of every type, lists, maps, CloudFormation tags with odd arguments. */
const value: fc.Arbitrary<Value> = fc.letrec<{ v: Value }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.string(), trickyText, fc.constantFrom(...PROPERTY_NAMES, ...RESOURCE_TYPES, 'nodejs20.x', 'python3.12', 'app.handler', 'src', '/items/{id}', 'rate(1 minute)', 'cron(0 3 * * ? *)')),
    fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 128, 10_240, 2 ** 53)),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...PROPERTY_NAMES), logicalId), tie('v'), { maxKeys: 4 }),
    fc.record({ tag: fc.constantFrom(...CFN_FUNCTIONS, 'Bogus'), arg: tie('v') }),
  ),
})).v;

/** A value that is usually right for its property and sometimes anything at all. */
const mostly = (...right: Value[]) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...right) }, { weight: 1, arbitrary: value });

const event = fc.record({
  Type: mostly('HttpApi', 'Api', 'Schedule', 'ScheduleV2', 'SQS', 'SNS', 'S3', 'DynamoDB', 'EventBridgeRule', 'CloudWatchEvent'),
  Properties: fc.oneof(
    fc.record(
      {
        Path: mostly('/items/{id}', '/{proxy+}', '/', 'items', '/a/{x}/{x}', '/{p+}/b'),
        Method: mostly('GET', 'post', 'ANY', 'BREW'),
        Schedule: mostly('rate(1 minute)', 'rate(0 hours)', 'cron(0 3 * * ? *)', 'cron(bad)', 'at(2026-01-01T00:00:00)'),
        ScheduleExpression: mostly('rate(5 minutes)'),
        Queue: mostly({ tag: 'GetAtt', arg: 'Queue.Arn' }, 'arn:aws:sqs:us-east-1:123456789012:q'),
        Topic: mostly({ tag: 'Ref', arg: 'Topic' }),
        Bucket: mostly({ tag: 'Ref', arg: 'Bucket' }),
        Stream: mostly({ tag: 'GetAtt', arg: 'Table.StreamArn' }),
        BatchSize: mostly(1, 0, 10_001, '5'),
        PayloadFormatVersion: mostly('1.0', '2.0', '3.0'),
        Pattern: value,
      },
      { requiredKeys: [] },
    ),
    value,
  ),
});

/** A function whose properties are mostly plausible, so the loader gets past its first checks. */
const functionResource = fc.record({
  Type: fc.constantFrom('AWS::Serverless::Function', 'AWS::Lambda::Function'),
  Properties: fc.record(
    {
      Runtime: mostly('nodejs20.x', 'nodejs24.x', 'python3.12', 'provided.al2023', 'java21', 'nodejs4.3'),
      Handler: mostly('app.handler', 'index.h', '../x.h', '/abs/app.h', 'app', ''),
      CodeUri: mostly('src', 'src/app.js', '.', '../..', '/etc', 'missing', 's3://b/k.zip', 'src/one.py'),
      Code: mostly({ ZipFile: 'exports.h = 1' }, 'src'),
      InlineCode: mostly('exports.h = async () => 1;', 'def h(e, c):\n    return 1\n', ''),
      MemorySize: mostly(128, 127, 10_241, '256'),
      Timeout: mostly(3, 0, 901, 'x'),
      FunctionName: mostly('my-fn', 'bad name', 'x'.repeat(65)),
      Environment: mostly({ Variables: { A: 'b', C: { tag: 'Ref', arg: 'Stage' } } }, { Variables: { AWS_REGION: 'x' } }),
      Events: fc.oneof(fc.dictionary(logicalId, event, { maxKeys: 3 }), value),
      Layers: mostly([{ tag: 'Ref', arg: 'Layer' }], ['arn:aws:lambda:us-east-1:1:layer:x:1']),
      FunctionUrlConfig: mostly({ AuthType: 'NONE' }, { AuthType: 'AWS_IAM', InvokeMode: 'RESPONSE_STREAM' }),
      EventInvokeConfig: value,
    },
    { requiredKeys: [] },
  ),
  Condition: mostly('IsDev', 'Missing'),
});

const otherResource = fc.record(
  {
    Type: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...RESOURCE_TYPES) }, { weight: 1, arbitrary: value }),
    Properties: fc.oneof({ weight: 5, arbitrary: fc.dictionary(fc.constantFrom(...PROPERTY_NAMES), value, { maxKeys: 8 }) }, { weight: 1, arbitrary: value }),
    Condition: value,
    Metadata: value,
  },
  { requiredKeys: ['Type'] },
);

const resource = fc.oneof(functionResource, otherResource);

export const structuredTemplate = fc.record(
  {
    Transform: mostly('AWS::Serverless-2016-10-31', ['AWS::Serverless-2016-10-31', 'AWS::LanguageExtensions']),
    Parameters: mostly({ Stage: { Type: 'String', Default: 'dev' } }, { Stage: { Type: 'Number' } }, { Bad: 'x' }),
    Conditions: mostly(
      { IsDev: { tag: 'Equals', arg: [{ tag: 'Ref', arg: 'Stage' }, 'dev'] } },
      { IsDev: { Condition: 'IsDev' } },
      { IsDev: { tag: 'Not', arg: [{ Condition: 'Other' }] }, Other: { tag: 'Or', arg: [{ Condition: 'IsDev' }] } },
    ),
    Mappings: mostly({ M: { K: { V: 'x' } } }, { M: 'x' }),
    Globals: mostly({ Function: { Runtime: 'nodejs20.x', CodeUri: 'src', Handler: 'app.handler', Bogus: 1 } }, { Function: 'x' }, { Api: { Cors: "'*'" }, HttpApi: { CorsConfiguration: true } }),
    Resources: fc.oneof({ weight: 9, arbitrary: fc.dictionary(logicalId, resource, { minKeys: 1, maxKeys: 6 }) }, { weight: 1, arbitrary: value }),
    Outputs: value,
    Metadata: value,
  },
  { requiredKeys: ['Resources'] },
);

/** Alias bombs: each level refers to the one before ten times. */
export function billionLaughs(levels: number, fanOut: number): string {
  const lines = [
    'Resources:',
    '  Fn:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      Handler: app.handler',
    '      Runtime: nodejs20.x',
    '      CodeUri: src',
    '      Environment:',
    '        Variables:',
    '          L0: &l0 "lol"',
  ];
  for (let i = 1; i <= levels; i++) lines.push(`          L${i}: &l${i} [${Array.from({ length: fanOut }, () => `*l${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}
