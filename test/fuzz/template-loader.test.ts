/**
 * Property-based fuzzing of the template loader through `validateWorkspace`, the load
 * `faaslab validate` and `serve` make (functions, HTTP, schedules, storage, messaging,
 * EventBridge): mutated YAML text, structured SAM templates of random resources and properties of
 * any type with CloudFormation tags, deep nesting, huge strings and alias bombs. It must answer
 * every one (never an uncaught exception), with functions or with errors that say where, and
 * write nothing outside the workspace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { validateWorkspace, type Validation } from '../../electron/cli/validate-command.js';
import { CFN_FUNCTIONS } from '../../electron/workspace/template/cfn-tags.js';
import { makeTempDir, removeTempDir, writeFiles } from '../helpers/functions.js';
import { FUZZ_SEED, trickyText } from './arbitraries.js';
import { emitTemplate, type Value } from './yaml-emitter.js';

const RUNS = 150;

/** The workspace sits four folders down, so a logical id climbing out with ../ lands where the test can see it. */
let top: string;
let ws: string;

beforeAll(() => {
  top = makeTempDir();
  ws = path.join(top, 'a', 'b', 'c', 'ws');
  writeFiles(top, { README: '', 'a/b/c/ws/src/app.js': 'exports.handler = async () => 1;\n', 'a/b/c/ws/src/one.py': 'def handler(e, c):\n    return 1\n' });
});

afterAll(() => removeTempDir(top));

/** Files a load wrote where it should not: anywhere but the workspace's .faaslab/inline/<Id> and .faaslab/file-code/<Id>. */
function strayFiles(): string[] {
  const out: string[] = [];
  const allowed = (rel: string) => /^a\/b\/c\/ws\/(template\.yaml|src|\.faaslab(\/(inline|file-code)(\/[A-Za-z0-9]+(\/.*)?)?)?)$/s.test(rel) || rel === 'README';
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(top, full).split(path.sep).join('/');
      if (`${ws}${path.sep}`.startsWith(`${full}${path.sep}`) || (entry.isDirectory() && allowed(rel) && !rel.startsWith('a/b/c/ws/src'))) walk(full);
      else if (!allowed(rel)) out.push(rel);
    }
  };
  walk(top);
  return out;
}

async function validate(text: string): Promise<Validation> {
  writeFileSync(path.join(ws, 'template.yaml'), text);
  rmSync(path.join(ws, '.faaslab'), { recursive: true, force: true });
  return validateWorkspace(ws);
}

/** What every answer must be: JSON, valid exactly when no problem is an error, every error located. */
function checkAnswer(result: Validation, text: string): void {
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  expect(result.valid).toBe(!result.problems.some((p) => p.severity === 'error'));
  if (!result.valid) expect(result.problems.length).toBeGreaterThan(0);
  const lines = text.split('\n').length;
  for (const p of result.problems) {
    expect(typeof p.message === 'string' && p.message !== '').toBe(true);
    const at = /:(\d+):(\d+)$/.exec(p.where);
    if (p.severity === 'error') expect(at, `error without line and column: ${p.where}: ${p.message}`).not.toBeNull();
    if (at) {
      expect(Number(at[1])).toBeGreaterThanOrEqual(1);
      expect(Number(at[1])).toBeLessThanOrEqual(lines);
      expect(Number(at[2])).toBeGreaterThanOrEqual(1);
    }
  }
  for (const f of result.functions) expect(typeof f.logicalId).toBe('string');
  const stray = strayFiles();
  // Removed before the verdict, so one escape does not fail every later run (and shrinking finds the smallest).
  for (const rel of stray) rmSync(path.join(top, rel), { recursive: true, force: true });
  expect(stray).toEqual([]);
}

const SEED_TEMPLATE = `Transform: AWS::Serverless-2016-10-31
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

type Mutation = { kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; length: number } | { kind: 'duplicate'; line: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...TOKENS), trickyText) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat() }),
);

function mutate(text: string, mutations: Mutation[]): string {
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

const structuredTemplate = fc.record(
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
function billionLaughs(levels: number, fanOut: number): string {
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

describe('fuzz: the template loader', () => {
  it('answers mutated templates with functions or located errors', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), async (mutations) => {
        const text = mutate(SEED_TEMPLATE, mutations);
        checkAnswer(await validate(text), text);
      }),
      { seed: FUZZ_SEED, numRuns: RUNS },
    );
  });

  it('answers structured templates of random resources and properties of any type', async () => {
    await fc.assert(
      fc.asyncProperty(structuredTemplate, async (template) => {
        const text = emitTemplate(template as Record<string, Value>);
        checkAnswer(await validate(text), text);
      }),
      { seed: FUZZ_SEED, numRuns: 2 * RUNS },
    );
  });

  it('answers arbitrary text, deep nesting, huge strings and alias bombs', async () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.integer({ min: 1, max: 20_000 }).map((n) => `Resources: ${'['.repeat(n)}${']'.repeat(n)}\n`),
      fc.integer({ min: 1, max: 5_000 }).map((n) => `Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`),
      fc
        .integer({ min: 1, max: 3_000 })
        .map((n) => `Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment: { Variables: { X: ${'!Sub ['.repeat(n)}x${']'.repeat(n)} } }\n`),
      fc
        .integer({ min: 1, max: 4_000_000 })
        .map((n) => `Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs20.x\n      CodeUri: src\n      Handler: app.${'x'.repeat(n)}\n`),
      fc.tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 12 })).map(([levels, fanOut]) => billionLaughs(levels, fanOut)),
    );
    await fc.assert(
      fc.asyncProperty(hostile, async (text) => {
        checkAnswer(await validate(text), text);
      }),
      { seed: FUZZ_SEED, numRuns: 60 },
    );
  });

  it('rejects a billion-laughs document with a located error instead of expanding it', async () => {
    const text = billionLaughs(9, 10);
    const result = await validate(text);
    checkAnswer(result, text);
    expect(result.valid).toBe(false);
    expect(result.problems[0]!.message).toMatch(/alias/i);
  });
});
