import { describe, it, expect } from 'vitest';
import { isMap, isScalar } from 'yaml';
import { cfnTags, parseTemplateDocument, TemplateError } from '../../../../electron/workspace/template/cfn-tags.js';
import {
  containsIntrinsic,
  createContext,
  evaluateCondition,
  mergeGlobals,
  parameterValues,
  resolveValue,
  scalarText,
  type IntrinsicContext,
} from '../../../../electron/workspace/template/intrinsics.js';

/** The long forms a YAML snippet parses to. */
function parse(yaml: string): any {
  return parseTemplateDocument(yaml, 'snippet.yaml').toJS();
}

function context(overrides: Partial<Parameters<typeof createContext>[0]> = {}): IntrinsicContext {
  return createContext({
    parameters: { Stage: 'dev', Mem: '256', Subnets: ['subnet-a', 'subnet-b'] },
    resources: ['Queue', 'Hello'],
    ...overrides,
  });
}

/** Resolves a YAML snippet's `v` and collects what the resolver reports. */
function resolveYaml(yaml: string, ctx: IntrinsicContext = context()): { value: unknown; reports: string[] } {
  const reports: string[] = [];
  const value = resolveValue(parse(yaml).v, ctx, (m) => reports.push(m));
  return { value, reports };
}

describe('CloudFormation short-form tags', () => {
  it('parse every short form to its long form', () => {
    const t = parse(`
ref: !Ref Stage
cond: !Condition IsProd
sub: !Sub "\${AWS::Region}-x"
subSeq: !Sub ["\${a}", {a: 1}]
getAtt: !GetAtt Queue.Arn
getAttSeq: !GetAtt [Queue, Arn]
if: !If [IsProd, a, b]
join: !Join [",", [a, b]]
select: !Select [0, [a, b]]
split: !Split [",", "a,b"]
findInMap: !FindInMap [M, k, v]
base64: !Base64 text
cidr: !Cidr ["10.0.0.0/16", 4, 8]
importValue: !ImportValue shared-arn
getAZs: !GetAZs ""
equals: !Equals [a, b]
and: !And [!Condition A, !Condition B]
or: !Or [!Condition A, !Condition B]
not: !Not [!Condition A]
transform: !Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}
`);
    expect(t).toEqual({
      ref: { Ref: 'Stage' },
      cond: { Condition: 'IsProd' },
      sub: { 'Fn::Sub': '${AWS::Region}-x' },
      subSeq: { 'Fn::Sub': ['${a}', { a: 1 }] },
      getAtt: { 'Fn::GetAtt': ['Queue', 'Arn'] },
      getAttSeq: { 'Fn::GetAtt': ['Queue', 'Arn'] },
      if: { 'Fn::If': ['IsProd', 'a', 'b'] },
      join: { 'Fn::Join': [',', ['a', 'b']] },
      select: { 'Fn::Select': [0, ['a', 'b']] },
      split: { 'Fn::Split': [',', 'a,b'] },
      findInMap: { 'Fn::FindInMap': ['M', 'k', 'v'] },
      base64: { 'Fn::Base64': 'text' },
      cidr: { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] },
      importValue: { 'Fn::ImportValue': 'shared-arn' },
      getAZs: { 'Fn::GetAZs': '' },
      equals: { 'Fn::Equals': ['a', 'b'] },
      and: { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] },
      or: { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] },
      not: { 'Fn::Not': [{ Condition: 'A' }] },
      transform: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } },
    });
  });

  it('splits a scalar !GetAtt at the first dot only, and nests tags', () => {
    expect(parse('v: !GetAtt Db.Endpoint.Address').v).toEqual({ 'Fn::GetAtt': ['Db', 'Endpoint.Address'] });
    expect(parse('v: !Base64\n  Fn::Sub: "${Stage}"').v).toEqual({ 'Fn::Base64': { 'Fn::Sub': '${Stage}' } });
    expect(parse('v: !Select [1, !Split [",", !Ref List]]').v).toEqual({
      'Fn::Select': [1, { 'Fn::Split': [',', { Ref: 'List' }] }],
    });
  });

  it('gives an alias of a tagged node the long form too', () => {
    expect(parse('a: &x !Ref Stage\nb: *x')).toEqual({ a: { Ref: 'Stage' }, b: { Ref: 'Stage' } });
  });

  it('keeps tags, comments and order when the document is written back', () => {
    const text = [
      '# header comment',
      'Resources:',
      '  Hello:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Role: !GetAtt Role.Arn # the role',
      '      CodeUri: !Sub "${Stage}/src"',
      '      Policies: !If',
      '        - IsProd',
      '        - []',
      '        - !Ref AWS::NoValue',
      '',
    ].join('\n');
    const doc = parseTemplateDocument(text, 'template.yaml');
    expect(doc.toString()).toBe(text);

    doc.setIn(['Resources', 'Hello', 'Properties', 'MemorySize'], 512);
    const edited = doc.toString();
    expect(edited).toContain('# header comment');
    expect(edited).toContain('Role: !GetAtt Role.Arn # the role');
    expect(edited).toContain('CodeUri: !Sub "${Stage}/src"');
    expect(edited).toContain('- !Ref AWS::NoValue');
    expect(edited.indexOf('Policies')).toBeLessThan(edited.indexOf('MemorySize: 512'));
  });

  it('keeps tagged nodes as ordinary Document nodes carrying their tag', () => {
    const doc = parseTemplateDocument('a: !Ref Stage\nb: !Sub [x, {}]\n', 't.yaml');
    const a = doc.get('a', true);
    expect(isScalar(a) && a.tag).toBe('!Ref');
    expect(isScalar(a) && a.value).toBe('Stage');
    expect(cfnTags.length).toBeGreaterThanOrEqual(18 * 3);
    expect(isMap(doc.contents)).toBe(true);
  });

  it('throws a TemplateError with the line of a syntax error', () => {
    const err = (() => {
      try {
        parseTemplateDocument('a: 1\nb:\n  c: [1, 2\n  d: 3\n', '/x/template.yaml');
      } catch (e) {
        return e;
      }
    })() as TemplateError;
    expect(err).toBeInstanceOf(TemplateError);
    expect(err.file).toBe('/x/template.yaml');
    expect(err.line).toBe(4);
    expect(err.message).toMatch(/^template\.yaml:4:\d+: /);
  });
});

describe('resolveValue', () => {
  it('resolves Ref to parameters, pseudo parameters and resources', () => {
    const ctx = context();
    const v = resolveValue(
      parse(`v:
  stage: !Ref Stage
  subnets: !Ref Subnets
  region: !Ref AWS::Region
  account: !Ref AWS::AccountId
  stack: !Ref AWS::StackName
  partition: !Ref AWS::Partition
  suffix: !Ref AWS::URLSuffix
  queue: !Ref Queue
  unknown: !Ref Nope
  gone: !Ref AWS::NoValue
  list: [a, !Ref AWS::NoValue, b]`).v,
      ctx,
    );
    expect(v).toEqual({
      stage: 'dev',
      subnets: ['subnet-a', 'subnet-b'],
      region: 'us-east-1',
      account: '123456789012',
      stack: 'local',
      partition: 'aws',
      suffix: 'amazonaws.com',
      queue: 'Queue',
      unknown: { Ref: 'Nope' },
      list: ['a', 'b'],
    });
    expect(resolveValue({ Ref: 'AWS::NoValue' }, ctx)).toBeUndefined();
  });

  it('uses the context region, account and stack name', () => {
    const ctx = context({ region: 'cn-north-1', accountId: '111122223333', stackName: 'app' });
    expect(resolveYaml('v: !Sub "${AWS::Partition}:${AWS::Region}:${AWS::AccountId}:${AWS::StackName}:${AWS::URLSuffix}"', ctx).value).toBe('aws-cn:cn-north-1:111122223333:app:amazonaws.com.cn');
  });

  it('substitutes Fn::Sub variables and keeps ${Res.Attr} as text, reporting it', () => {
    const { value, reports } = resolveYaml('v: !Sub "${Stage}-${AWS::Region}-${Queue}-${Queue.Arn}-${!Literal}"');
    expect(value).toBe('dev-us-east-1-Queue-${Queue.Arn}-${Literal}');
    expect(reports).toEqual(['${Queue.Arn} is an attribute known only to a deployed stack; kept as text']);
  });

  it('uses the two-element Fn::Sub form with its own variables first', () => {
    const { value, reports } = resolveYaml(`v: !Sub
  - "\${Stage}/\${Name}/\${Arn}/\${AWS::Region}"
  - Stage: prod
    Name: !Join ["-", [a, !Ref Stage]]
    Arn: !GetAtt Queue.Arn`);
    expect(value).toBe('prod/a-dev/${Arn}/us-east-1');
    expect(reports).toEqual(['${Arn} cannot be resolved locally; kept as text']);
  });

  it('keeps unknown Sub variables as text', () => {
    expect(resolveYaml('v: !Sub "${Unknown}"').value).toBe('${Unknown}');
    expect(resolveYaml('v: !Sub "${Subnets}"').value).toBe('${Subnets}');
  });

  it('resolves Join, Select and Split, nested', () => {
    expect(resolveYaml('v: !Join [",", [a, !Ref Stage, 3, true]]').value).toBe('a,dev,3,true');
    expect(resolveYaml('v: !Join [",", !Ref Subnets]').value).toBe('subnet-a,subnet-b');
    expect(resolveYaml('v: !Select [1, !Ref Subnets]').value).toBe('subnet-b');
    expect(resolveYaml('v: !Select ["0", [x, y]]').value).toBe('x');
    expect(resolveYaml('v: !Split [",", "a,b,c"]').value).toEqual(['a', 'b', 'c']);
    expect(resolveYaml('v: !Select [2, !Split ["-", !Sub "${Stage}-x-y"]]').value).toBe('y');
  });

  it('keeps what it cannot resolve, without throwing', () => {
    expect(resolveYaml('v: !Join [",", [a, !GetAtt Queue.Arn]]').value).toEqual({
      'Fn::Join': [',', ['a', { 'Fn::GetAtt': ['Queue', 'Arn'] }]],
    });
    expect(resolveYaml('v: !Select [5, [a]]').value).toEqual({ 'Fn::Select': [5, ['a']] });
    expect(resolveYaml('v: !ImportValue shared').value).toEqual({ 'Fn::ImportValue': 'shared' });
    expect(resolveYaml('v: !GetAZs ""').value).toEqual({ 'Fn::GetAZs': '' });
    for (const odd of [{ 'Fn::Join': 'x' }, { 'Fn::Select': [] }, { 'Fn::Split': [1] }, { 'Fn::If': 'x' }, { 'Fn::Sub': 3 }, { Ref: 5 }]) {
      expect(() => resolveValue(odd, context())).not.toThrow();
    }
  });

  it('resolves Fn::FindInMap and Fn::Base64', () => {
    const ctx = context({ mappings: { Sizes: { dev: { Memory: 256 }, prod: { Memory: 1024 } } } });
    expect(resolveYaml('v: !FindInMap [Sizes, !Ref Stage, Memory]', ctx).value).toBe(256);
    expect(resolveYaml('v: !FindInMap [Sizes, qa, Memory]', ctx).value).toEqual({ 'Fn::FindInMap': ['Sizes', 'qa', 'Memory'] });
    expect(resolveYaml('v: !Base64 hello').value).toBe('aGVsbG8=');
  });
});

describe('conditions and Fn::If', () => {
  const conditions = parse(`
IsDev: !Equals [!Ref Stage, dev]
IsProd: !Equals [prod, !Ref Stage]
NotProd: !Not [!Condition IsProd]
DevAndNotProd: !And [!Condition IsDev, !Condition NotProd]
DevOrProd: !Or [!Condition IsDev, !Condition IsProd]
NumberEquals: !Equals [!Ref Mem, 256]
Unknown: !Equals [!GetAtt Queue.Arn, x]
FalseAndUnknown: !And [!Condition IsProd, !Condition Unknown]
TrueOrUnknown: !Or [!Condition IsDev, !Condition Unknown]
Loop: !Not [!Condition Loop]
`);
  const ctx = context({ conditions });

  it('evaluates Equals, And, Or, Not and Condition references', () => {
    expect(evaluateCondition('IsDev', ctx)).toBe(true);
    expect(evaluateCondition('IsProd', ctx)).toBe(false);
    expect(evaluateCondition('NotProd', ctx)).toBe(true);
    expect(evaluateCondition('DevAndNotProd', ctx)).toBe(true);
    expect(evaluateCondition('DevOrProd', ctx)).toBe(true);
    expect(evaluateCondition('NumberEquals', ctx)).toBe(true);
  });

  it('answers undefined for what it cannot decide, and a decisive operand still decides', () => {
    expect(evaluateCondition('Unknown', ctx)).toBeUndefined();
    expect(evaluateCondition('Missing', ctx)).toBeUndefined();
    expect(evaluateCondition('Loop', ctx)).toBeUndefined();
    expect(evaluateCondition('FalseAndUnknown', ctx)).toBe(false);
    expect(evaluateCondition('TrueOrUnknown', ctx)).toBe(true);
  });

  it('picks the Fn::If branch, removes AWS::NoValue, keeps an undecidable If', () => {
    expect(resolveYaml('v: !If [IsDev, small, big]', ctx).value).toBe('small');
    expect(resolveYaml('v: !If [IsProd, big, !Ref Stage]', ctx).value).toBe('dev');
    expect(resolveYaml('v: {a: !If [IsProd, x, !Ref AWS::NoValue], b: 1}', ctx).value).toEqual({ b: 1 });
    expect(resolveYaml('v: !If [Unknown, a, b]', ctx).value).toEqual({ 'Fn::If': ['Unknown', 'a', 'b'] });
  });

  it('follows parameter values: an override changes the branch', () => {
    const prod = context({ conditions, parameters: { Stage: 'prod' } });
    expect(resolveYaml('v: !If [IsProd, big, small]', prod).value).toBe('big');
  });
});

describe('parameterValues', () => {
  const declarations = parse(`
Stage: {Type: String, Default: dev, AllowedValues: [dev, prod]}
Mem: {Type: Number, Default: 256}
Subnets: {Type: CommaDelimitedList, Default: "a,b"}
Ids: {Type: "List<AWS::EC2::Subnet::Id>", Default: "s-1,s-2"}
Secret: {Type: String}
`);

  it('takes Defaults, as strings or lists, and reports a parameter without one', () => {
    const { values, issues } = parameterValues(declarations);
    expect(values).toEqual({ Stage: 'dev', Mem: '256', Subnets: ['a', 'b'], Ids: ['s-1', 's-2'] });
    expect(issues).toEqual([{ name: 'Secret', message: 'Parameter Secret has no Default: give it a value in the parameter overrides' }]);
  });

  it('lets overrides win, and checks Number and AllowedValues', () => {
    const { values, issues } = parameterValues(declarations, { Stage: 'qa', Mem: 'lots', Secret: 's3cr3t', Other: 'ignored' });
    expect(values).toMatchObject({ Stage: 'qa', Mem: 'lots', Secret: 's3cr3t' });
    expect(values).not.toHaveProperty('Other');
    expect(issues.map((i) => i.message)).toEqual(['Parameter Stage value "qa" is not one of its AllowedValues (dev, prod)', 'Parameter Mem is a Number but its value "lots" is not a number']);
  });
});

describe('mergeGlobals', () => {
  it('merges maps key by key with the resource winning, concatenates lists, treats intrinsics as scalars', () => {
    const global = {
      Runtime: 'nodejs20.x',
      Timeout: 10,
      Environment: { Variables: { A: 'global', B: 'global' } },
      Architectures: ['arm64'],
      Layers: [{ Ref: 'L1' }],
      Tags: { Fn: 'x' },
      MemorySize: { 'Fn::If': ['C', 1, 2] },
    };
    const local = {
      Timeout: 30,
      Environment: { Variables: { B: 'local', C: 'local' } },
      Architectures: ['x86_64'],
      Layers: [{ Ref: 'L2' }],
      Tags: { 'Fn::If': ['C', { a: 1 }, { b: 2 }] },
      MemorySize: 512,
    };
    expect(mergeGlobals(global, local)).toEqual({
      Runtime: 'nodejs20.x',
      Timeout: 30,
      Environment: { Variables: { A: 'global', B: 'local', C: 'local' } },
      Architectures: ['arm64', 'x86_64'],
      Layers: [{ Ref: 'L1' }, { Ref: 'L2' }],
      Tags: { 'Fn::If': ['C', { a: 1 }, { b: 2 }] },
      MemorySize: 512,
    });
  });
});

describe('helpers', () => {
  it('scalarText stringifies scalars as CloudFormation does', () => {
    expect(scalarText('x')).toBe('x');
    expect(scalarText(42)).toBe('42');
    expect(scalarText(1.5)).toBe('1.5');
    expect(scalarText(true)).toBe('true');
    expect(scalarText(false)).toBe('false');
    expect(scalarText(null)).toBe('');
    expect(scalarText({ Ref: 'X' })).toBeUndefined();
    expect(scalarText(['a'])).toBeUndefined();
  });

  it('containsIntrinsic finds an intrinsic at any depth', () => {
    expect(containsIntrinsic({ a: [1, { b: { 'Fn::GetAtt': ['Q', 'Arn'] } }] })).toBe(true);
    expect(containsIntrinsic({ a: [1, { Ref: 'X', Other: 1 }] })).toBe(false);
  });
});
