import { describe, it, expect, afterAll } from 'vitest';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findFunction, loadWorkspace, TemplateError, type Workspace, type WorkspaceProblem } from '../../../../electron/workspace/read/template-loader.js';
import { SUPPORTED_RUNTIMES } from '../../../../shared/lambda/runtimes.js';

const created: string[] = [];
afterAll(() => Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A fresh folder holding `files` (path -> content) and the empty folders in `dirs`. */
async function makeWorkspace(files: Record<string, string>, dirs: string[] = ['src']): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'faaslab-ws-'));
  created.push(dir);
  for (const d of dirs) await mkdir(path.join(dir, d), { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

async function load(template: string, opts?: Parameters<typeof loadWorkspace>[1]): Promise<Workspace> {
  return loadWorkspace(await makeWorkspace({ 'template.yaml': template }), opts);
}

async function loadError(template: string, name = 'template.yaml'): Promise<TemplateError> {
  const dir = await makeWorkspace({ [name]: template });
  const err = await loadWorkspace(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TemplateError);
  return err as TemplateError;
}

/** A SAM template with one function whose Properties are the given YAML lines. */
function oneFunction(...props: string[]): string {
  return [
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    '  Fn:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      CodeUri: src',
    '      Handler: app.handler',
    '      Runtime: nodejs20.x',
    ...props.map((p) => `      ${p}`),
    '',
  ].join('\n');
}

function messages(ws: Workspace, severity?: WorkspaceProblem['severity']): string[] {
  return ws.problems.filter((p) => !severity || p.severity === severity).map((p) => p.message);
}

const SAM_APP = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: >
  sam-app  # made by sam init

# Values a deploy asks for
Parameters:
  Stage:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
  MemorySize:
    Type: Number
    Default: 256

Conditions:
  IsProd: !Equals [!Ref Stage, prod]

Globals:
  Function:
    Runtime: nodejs22.x
    Timeout: 10 # seconds
    Architectures: [arm64]
    Environment:
      Variables:
        STAGE: !Ref Stage
        SHARED: from-globals
        OVERRIDDEN: from-globals

Resources:
  HelloWorldFunction:
    Type: AWS::Serverless::Function # the main function
    Properties:
      FunctionName: !Sub "\${AWS::StackName}-hello"
      CodeUri: hello-world/
      Handler: app.lambdaHandler
      MemorySize: !If [IsProd, 1024, !Ref MemorySize]
      Timeout: 20
      EphemeralStorage:
        Size: 1024
      ReservedConcurrentExecutions: 5
      LoggingConfig:
        LogFormat: JSON
        ApplicationLogLevel: DEBUG
        SystemLogLevel: WARN
        LogGroup: /custom/hello
      Environment:
        Variables:
          OVERRIDDEN: from-resource
          TABLE: !Ref Table
          REGION_URL: !Sub "https://dynamodb.\${AWS::Region}.\${AWS::URLSuffix}"
          PORT: 8080
          DEBUG: false
          OPTIONAL: !If [IsProd, yes, !Ref AWS::NoValue]
          QUEUE_ARN: !GetAtt Queue.Arn
      Events:
        Api:
          Type: Api
          Properties: { Path: /hello, Method: get }
  WorkerFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: worker
      Handler: worker.handler
      Runtime: nodejs20.x
      Architectures: !If [IsProd, [x86_64], !Ref AWS::NoValue]
      Environment:
        Variables:
          EMPTY_IN_PROD: !If [IsProd, !Ref AWS::NoValue, set]
  Table:
    Type: AWS::DynamoDB::Table
  Queue:
    Type: AWS::SQS::Queue
Outputs:
  Arn:
    Value: !GetAtt HelloWorldFunction.Arn
`;

describe('loadWorkspace: a SAM app', () => {
  it('loads a template with comments, tags and Globals into FunctionConfigs', async () => {
    const dir = await makeWorkspace({ 'template.yaml': SAM_APP }, ['hello-world', 'worker']);
    const ws = await loadWorkspace(dir);
    expect(ws.dir).toBe(path.resolve(dir));
    expect(ws.templatePath).toBe(path.join(dir, 'template.yaml'));
    expect(ws.functions).toEqual([
      {
        logicalId: 'HelloWorldFunction',
        functionName: 'local-hello',
        codeDir: path.join(dir, 'hello-world'),
        handler: 'app.lambdaHandler',
        runtime: 'nodejs22.x',
        memorySizeMb: 256,
        timeoutSeconds: 20,
        architecture: 'arm64',
        ephemeralStorageMb: 1024,
        environment: {
          STAGE: 'dev',
          SHARED: 'from-globals',
          OVERRIDDEN: 'from-resource',
          TABLE: 'Table',
          REGION_URL: 'https://dynamodb.us-east-1.amazonaws.com',
          PORT: '8080',
          DEBUG: 'false',
          QUEUE_ARN: 'arn:aws:sqs:us-east-1:123456789012:local-Queue',
        },
        logFormat: 'JSON',
        applicationLogLevel: 'DEBUG',
        systemLogLevel: 'WARN',
        logGroup: '/custom/hello',
        reservedConcurrency: 5,
      },
      {
        logicalId: 'WorkerFunction',
        functionName: 'WorkerFunction',
        codeDir: path.join(dir, 'worker'),
        handler: 'worker.handler',
        runtime: 'nodejs20.x',
        memorySizeMb: 128,
        timeoutSeconds: 10,
        // An intrinsic replaces the Globals list (SAM merges it as a scalar); AWS::NoValue leaves the default.
        architecture: 'x86_64',
        ephemeralStorageMb: 512,
        environment: { STAGE: 'dev', SHARED: 'from-globals', OVERRIDDEN: 'from-globals', EMPTY_IN_PROD: 'set' },
        logFormat: 'Text',
      },
    ]);
    // GetAtt of a resource of the template gives what a deployed stack gives.
    expect(ws.problems).toEqual([]);
  });

  it('applies parameter overrides, conditions included', async () => {
    const dir = await makeWorkspace({ 'template.yaml': SAM_APP }, ['hello-world', 'worker']);
    const ws = await loadWorkspace(dir, {
      parameterOverrides: { Stage: 'prod', 'AWS::Region': 'eu-west-1', 'AWS::StackName': 'shop' },
    });
    const hello = findFunction(ws, 'HelloWorldFunction')!;
    expect(hello.functionName).toBe('shop-hello');
    expect(hello.memorySizeMb).toBe(1024);
    expect(hello.environment).toMatchObject({ STAGE: 'prod', OPTIONAL: 'yes', REGION_URL: 'https://dynamodb.eu-west-1.amazonaws.com' });
    expect(findFunction(ws, 'WorkerFunction')!.architecture).toBe('x86_64');
    expect(findFunction(ws, 'WorkerFunction')!.environment).toEqual({ STAGE: 'prod', SHARED: 'from-globals', OVERRIDDEN: 'from-globals' });
    expect(hello.environment.QUEUE_ARN).toBe('arn:aws:sqs:eu-west-1:123456789012:shop-Queue');
    expect(messages(ws)).toEqual([]);
  });

  it('finds a function by logical id or FunctionName', async () => {
    const dir = await makeWorkspace({ 'template.yaml': SAM_APP }, ['hello-world', 'worker']);
    const ws = await loadWorkspace(dir);
    expect(findFunction(ws, 'HelloWorldFunction')?.logicalId).toBe('HelloWorldFunction');
    expect(findFunction(ws, 'local-hello')?.logicalId).toBe('HelloWorldFunction');
    expect(findFunction(ws, 'WorkerFunction')?.functionName).toBe('WorkerFunction');
    expect(findFunction(ws, 'nope')).toBeUndefined();
  });
});

describe('loadWorkspace: finding and parsing the template', () => {
  it('falls back to template.yml, then template.json', async () => {
    const yml = await loadWorkspace(await makeWorkspace({ 'template.yml': oneFunction() }));
    expect(path.basename(yml.templatePath)).toBe('template.yml');
    const json = JSON.stringify({ Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: 'src', Handler: 'a.b', Runtime: 'nodejs20.x' } } } }, null, '\t');
    const ws = await loadWorkspace(await makeWorkspace({ 'template.json': json }));
    expect(path.basename(ws.templatePath)).toBe('template.json');
    expect(ws.functions[0]).toMatchObject({ logicalId: 'Fn', handler: 'a.b', codeDir: path.join(ws.dir, 'src') });
    const both = await loadWorkspace(await makeWorkspace({ 'template.json': json, 'template.yaml': oneFunction() }));
    expect(path.basename(both.templatePath)).toBe('template.yaml');
  });

  it('throws when there is no template, naming the folder and the names tried', async () => {
    const dir = await makeWorkspace({});
    const err = await loadWorkspace(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TemplateError);
    expect((err as TemplateError).file).toBe(path.resolve(dir));
    expect((err as TemplateError).message).toBe(`no template found in ${path.resolve(dir)} (looked for template.yaml, template.yml, template.json)`);
  });

  it('throws a YAML syntax error at its line', async () => {
    const err = await loadError('Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: [app.handler\n      Runtime: nodejs20.x\n');
    expect(err.line).toBe(6);
    expect(err.column).toBeGreaterThan(0);
    expect(err.message).toMatch(/^template\.yaml:6:\d+: /);
    expect(err.file.endsWith('template.yaml')).toBe(true);
  });

  it('throws a JSON syntax error at its line', async () => {
    const err = await loadError('{\n  "Resources": {\n    "Fn": {\n      "Type": "x",,\n    }\n  }\n}\n', 'template.json');
    expect(err.message).toMatch(/^template\.json:4:\d+: /);
  });

  it.each([
    ['an empty file', '', 'template.yaml:1:1: the template is empty'],
    ['a top level that is a list', '- a\n- b\n', 'template.yaml:1:1: the template must be a map of sections (Resources, Parameters, ...)'],
    ['no Resources', 'Description: x\n', 'template.yaml:1:1: Resources is missing: a template needs at least one resource'],
    ['Resources that is a list', 'Description: x\nResources:\n  - a\n', 'template.yaml:2:1: Resources must be a map of logical ids to resources'],
    ['a resource without Type', 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n  Hello:\n    Properties: {}\n', 'template.yaml:4:3: Resources.Hello has no Type'],
    ['a resource that is a string', 'Resources:\n  Hello: x\n', 'template.yaml:2:3: Resources.Hello must be a map with a Type'],
    ['Properties that are a list', 'Resources:\n  Hello:\n    Type: AWS::Serverless::Function\n    Properties: [a]\n', 'template.yaml:4:5: Resources.Hello.Properties must be a map'],
    ['Parameters that are a list', 'Parameters: [a]\nResources: {}\n', 'template.yaml:1:1: Parameters must be a map'],
    ['Globals.Function that is a string', 'Globals:\n  Function: x\nResources: {}\n', 'template.yaml:2:3: Globals.Function must be a map'],
  ])('throws for %s', async (_name, template, message) => {
    const err = await loadError(template);
    expect(err.message).toBe(message);
    expect(`template.yaml:${err.line}:${err.column}: `).toBe(message.slice(0, message.indexOf(': ') + 2));
  });

  it('loads a repeated key with its last value, as sam deploy does, and warns at it', async () => {
    const ws = await load(
      [
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        '  Fn:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      CodeUri: src/',
        '      Handler: a.handler',
        '      Runtime: nodejs20.x',
        '      MemorySize: 256',
        '      MemorySize: 512',
        '',
      ].join('\n'),
    );
    expect(ws.functions[0]?.memorySizeMb).toBe(512);
    expect(ws.problems).toEqual([{ severity: 'warning', message: 'Map keys must be unique: "MemorySize" appears again here, and this later value is the one sam deploy uses', line: 10 }]);
  });

  it('reports an unknown tag as a warning and loads the rest', async () => {
    const ws = await load(oneFunction('Description: !Bogus x'));
    expect(ws.functions).toHaveLength(1);
    expect(ws.problems).toEqual([{ severity: 'warning', message: 'Unresolved tag: !Bogus', line: 9 }]);
  });
});

describe('loadWorkspace: defaults and properties', () => {
  it('applies Lambda defaults, CodeUri "." and the logical id as name', async () => {
    const dir = await makeWorkspace({
      'template.yaml': 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.h\n      Runtime: nodejs20.x\n',
    });
    const ws = await loadWorkspace(dir);
    expect(ws.problems).toEqual([]);
    expect(ws.functions).toEqual([
      {
        logicalId: 'Fn',
        functionName: 'Fn',
        codeDir: path.resolve(dir),
        handler: 'a.h',
        runtime: 'nodejs20.x',
        memorySizeMb: 128,
        timeoutSeconds: 3,
        architecture: 'x86_64',
        ephemeralStorageMb: 512,
        environment: {},
        logFormat: 'Text',
      },
    ]);
  });

  it('loads an AWS::Lambda::Function whose Code is a local folder, without Globals', async () => {
    const ws = await load(`Globals:
  Function:
    Timeout: 30
Resources:
  Plain:
    Type: AWS::Lambda::Function
    Properties:
      Code: ./src
      Handler: index.handler
      Runtime: nodejs20.x
      MemorySize: 512
      Environment:
        Variables: { ONE: 1 }
`);
    expect(ws.functions).toEqual([expect.objectContaining({ logicalId: 'Plain', codeDir: path.join(ws.dir, 'src'), memorySizeMb: 512, timeoutSeconds: 3, environment: { ONE: '1' } })]);
    expect(ws.problems).toEqual([]);
  });

  it('refuses AWS::Lambda::Function code it cannot run from a folder (Code.ZipFile runs: layers-inline.test.ts)', async () => {
    const ws = await load(`Resources:
  Inline:
    Type: AWS::Lambda::Function
    Properties:
      Code: { S3Bucket: my-bucket, S3Key: code.zip }
      Handler: index.handler
      Runtime: nodejs20.x
  NoCode:
    Type: AWS::Lambda::Function
    Properties: { Handler: index.handler, Runtime: nodejs20.x }
`);
    expect(ws.functions.map((f) => f.logicalId)).toEqual(['Inline', 'NoCode']);
    expect(ws.problems.map((p) => [p.logicalId, p.severity, p.message])).toEqual([
      ['Inline', 'error', 'Code must be a local folder (faaslab cannot run code from S3), got {"S3Bucket":"my-bucket","S3Key":"code.zip"}'],
      ['NoCode', 'error', 'Code is missing: set it to the folder that holds the code'],
    ]);
  });

  it('merges Globals as SAM does, honours IgnoreGlobals and ignores properties SAM refuses there', async () => {
    const ws = await load(`Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    Handler: global.handler
    CodeUri: src
    MemorySize: 512
    FunctionName: not-allowed-here
    Architectures: [arm64]
    Environment:
      Variables: { AA: global, BB: global }
Resources:
  Merged:
    Type: AWS::Serverless::Function
    Properties:
      MemorySize: 1024
      Architectures: [x86_64]
      Environment:
        Variables: { BB: resource, CC: resource }
  Ignoring:
    Type: AWS::Serverless::Function
    IgnoreGlobals: [Environment, MemorySize]
    Properties: {}
`);
    const [merged, ignoring] = ws.functions;
    expect(merged).toMatchObject({
      functionName: 'Merged',
      handler: 'global.handler',
      memorySizeMb: 1024,
      environment: { AA: 'global', BB: 'resource', CC: 'resource' },
      architecture: 'arm64',
    });
    expect(ignoring).toMatchObject({ handler: 'global.handler', memorySizeMb: 128, environment: {}, architecture: 'arm64' });
    // SAM concatenates the lists: [arm64, x86_64], which Lambda would refuse; the first one is used.
    expect(ws.problems).toEqual([
      { severity: 'warning', message: 'Globals.Function.FunctionName is not a property SAM accepts in Globals; ignored', line: 8 },
      { logicalId: 'Merged', severity: 'warning', message: 'Architectures has 2 entries but Lambda takes one; faaslab uses the first, arm64', line: 17 },
    ]);
  });

  it('points a problem found in Globals at the Globals line', async () => {
    const ws = await load(`Globals:
  Function:
    Timeout: 0
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: src, Handler: a.b, Runtime: nodejs20.x }
`);
    expect(ws.problems).toEqual([
      { severity: 'warning', message: 'Transform: AWS::Serverless-2016-10-31 is missing: sam deploy needs it for AWS::Serverless resources', line: 1 },
      { logicalId: 'Fn', severity: 'error', message: "Timeout 0 is outside Lambda's range: a whole number from 1 to 900 seconds", line: 3 },
    ]);
  });

  it('stringifies environment values as CloudFormation does and removes AWS::NoValue', async () => {
    const ws = await load(
      oneFunction(
        'Environment:',
        '  Variables:',
        '    NUM: 42',
        '    FLOAT: 1.5',
        '    BOOL: true',
        '    QUOTED: ""',
        '    EMPTY:',
        '    SUB: !Sub "x-${AWS::AccountId}"',
        '    GONE: !Ref AWS::NoValue',
      ),
    );
    expect(ws.functions[0]!.environment).toEqual({ NUM: '42', FLOAT: '1.5', BOOL: 'true', QUOTED: '', EMPTY: '', SUB: 'x-123456789012' });
    expect(ws.problems).toEqual([]);
  });

  it('resolves CodeUri and Handler through parameters', async () => {
    const template = oneFunction()
      .replace('CodeUri: src', 'CodeUri: !Sub "${Stage}-code/"')
      .replace('Handler: app.handler', 'Handler: !Join [".", [!Ref Entry, handler]]')
      .replace('Resources:', 'Parameters:\n  Stage: { Type: String, Default: dev }\n  Entry: { Type: String, Default: index }\nResources:');
    const dir = await makeWorkspace({ 'template.yaml': template }, ['dev-code', 'prod-code']);
    const dev = await loadWorkspace(dir);
    expect(dev.functions[0]).toMatchObject({ codeDir: path.join(dir, 'dev-code'), handler: 'index.handler' });
    expect(dev.problems).toEqual([]);
    const prod = await loadWorkspace(dir, { parameterOverrides: { Stage: 'prod' } });
    expect(prod.functions[0]!.codeDir).toBe(path.join(dir, 'prod-code'));
  });

  it('warns about a parameter without Default and leaves its Ref unresolved', async () => {
    const template = `Transform: AWS::Serverless-2016-10-31
Parameters:
  ApiKey:
    Type: String
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src
      Handler: a.b
      Runtime: nodejs20.x
      Environment:
        Variables:
          KEY: !Ref ApiKey
`;
    const ws = await load(template);
    expect(ws.functions[0]!.environment.KEY).toBe('{"Ref":"ApiKey"}');
    expect(ws.problems.map((p) => [p.severity, p.message, p.line])).toEqual([
      ['warning', 'Parameter ApiKey has no Default: give it a value in the parameter overrides', 3],
      ['warning', 'Environment.Variables.KEY {"Ref":"ApiKey"} cannot be resolved locally; the variable holds that JSON text', 14],
    ]);
    const overridden = await load(template, { parameterOverrides: { ApiKey: 'k-123' } });
    expect(overridden.functions[0]!.environment.KEY).toBe('k-123');
    expect(overridden.problems).toEqual([]);
  });

  it('warns when a resource Condition is false', async () => {
    const ws = await load(`Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: { Type: String, Default: dev }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  ProdOnly:
    Type: AWS::Serverless::Function
    Condition: IsProd
    Properties: { CodeUri: src, Handler: a.b, Runtime: nodejs20.x }
`);
    expect(ws.functions).toHaveLength(1);
    expect(ws.problems).toEqual([
      { logicalId: 'ProdOnly', severity: 'warning', message: 'Condition IsProd is false with these parameter values: a deployed stack would not create this function', line: 9 },
    ]);
  });
});

describe('loadWorkspace: validation problems', () => {
  async function problemsOf(...props: string[]): Promise<Array<[string, string]>> {
    const ws = await load(oneFunction(...props));
    expect(ws.functions).toHaveLength(1);
    return ws.problems.map((p) => [p.severity, p.message]);
  }

  it.each([
    ['MemorySize: 64', "MemorySize 64 is outside Lambda's range: a whole number from 128 to 10240 MB"],
    ['MemorySize: 10241', "MemorySize 10241 is outside Lambda's range: a whole number from 128 to 10240 MB"],
    ['MemorySize: 128.5', "MemorySize 128.5 is outside Lambda's range: a whole number from 128 to 10240 MB"],
    ['MemorySize: lots', 'MemorySize must be a number, got "lots"'],
    ['Timeout: 0', "Timeout 0 is outside Lambda's range: a whole number from 1 to 900 seconds"],
    ['Timeout: 901', "Timeout 901 is outside Lambda's range: a whole number from 1 to 900 seconds"],
    ['EphemeralStorage: { Size: 256 }', "EphemeralStorage.Size 256 is outside Lambda's range: a whole number from 512 to 10240 MB"],
    ['EphemeralStorage: { Size: 10241 }', "EphemeralStorage.Size 10241 is outside Lambda's range: a whole number from 512 to 10240 MB"],
    ['ReservedConcurrentExecutions: -1', "ReservedConcurrentExecutions -1 is outside Lambda's range: a whole number from 0 to 1000 environments"],
    ['Architectures: [ppc64]', 'Architectures must hold x86_64 or arm64, got ["ppc64"]'],
    ['FunctionName: "has spaces"', 'FunctionName "has spaces" is not valid: 1 to 64 letters, digits, hyphens or underscores'],
    ['LoggingConfig: { LogFormat: XML }', 'LoggingConfig.LogFormat "XML" is not one of Text, JSON'],
    ['LoggingConfig: { LogFormat: JSON, ApplicationLogLevel: LOUD }', 'LoggingConfig.ApplicationLogLevel "LOUD" is not one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL'],
    ['LoggingConfig: { LogFormat: JSON, SystemLogLevel: TRACE }', 'LoggingConfig.SystemLogLevel "TRACE" is not one of DEBUG, INFO, WARN'],
    ['InlineCode: [not, text]', 'InlineCode must be the code as text, got ["not","text"]'],
    ['PackageType: Image', 'PackageType Image (a container image function) is not supported: faaslab runs Zip functions from a folder'],
    ['Environment: { Variables: { LIST_VALUE: [a, b] } }', 'Environment.Variables.LIST_VALUE must be a string, got ["a","b"]'],
    ['Environment: [a]', 'Environment must be a map, got ["a"]'],
  ])('refuses %s', async (prop, message) => {
    expect(await problemsOf(prop)).toEqual([['error', message]]);
  });

  it('accepts the limits themselves', async () => {
    expect(await problemsOf('MemorySize: 10240', 'Timeout: 900', 'EphemeralStorage: { Size: 10240 }', 'ReservedConcurrentExecutions: 0')).toEqual([]);
    expect(await problemsOf('MemorySize: "128"', 'Timeout: 1', 'EphemeralStorage: { Size: 512 }')).toEqual([]);
  });

  it('names the supported runtimes for an unknown or missing one', async () => {
    const list = SUPPORTED_RUNTIMES.join(', ');
    const ws = await load(oneFunction().replace('Runtime: nodejs20.x', 'Runtime: nodejs8.10'));
    expect(messages(ws)).toEqual([`Runtime "nodejs8.10" is not supported; supported runtimes: ${list}`]);
    expect(ws.problems[0]!.line).toBe(8);
    const missing = await load(oneFunction().replace('      Runtime: nodejs20.x\n', ''));
    expect(messages(missing)).toEqual([`Runtime is missing; supported runtimes: ${list}`]);
  });

  it('requires a Handler except for provided runtimes', async () => {
    const noHandler = oneFunction().replace('      Handler: app.handler\n', '');
    const ws = await load(noHandler);
    expect(messages(ws)).toEqual(['Handler is missing: runtime nodejs20.x needs one, e.g. app.handler']);
    // Nothing to point at but the resource itself.
    expect(ws.problems[0]!.line).toBe(3);
    const custom = await load(noHandler.replace('nodejs20.x', 'provided.al2023'));
    expect(custom.problems).toEqual([]);
    expect(custom.functions[0]!.handler).toBe('');
  });

  it('requires the CodeUri folder to exist, and a folder rather than S3 or an archive', async () => {
    const dir = await makeWorkspace({ 'template.yaml': oneFunction().replace('CodeUri: src', 'CodeUri: missing/'), 'app.zip': 'x' });
    const ws = await loadWorkspace(dir);
    expect(messages(ws)).toEqual([`CodeUri folder "missing/" does not exist (${path.join(dir, 'missing')})`]);
    expect(ws.functions[0]!.codeDir).toBe(path.join(dir, 'missing'));
    expect(ws.problems[0]!.line).toBe(6);

    const s3 = await load(oneFunction().replace('CodeUri: src', 'CodeUri: s3://bucket/key.zip'));
    expect(messages(s3)).toEqual(['CodeUri must be a local folder (faaslab cannot run code from S3), got "s3://bucket/key.zip"']);
    const zip = await loadWorkspace(await makeWorkspace({ 'template.yaml': oneFunction().replace('CodeUri: src', 'CodeUri: app.zip'), 'app.zip': 'x' }));
    expect(messages(zip)).toEqual(['CodeUri "app.zip" is not a folder: faaslab runs code from a folder, not an archive']);
  });

  it('runs a CodeUri that names one source file from a folder holding only that file, as sam package zips it', async () => {
    const dir = await makeWorkspace({ 'template.yaml': oneFunction().replace('CodeUri: src', 'CodeUri: src/function.js'), 'src/function.js': 'exports.a = 1;\n', 'src/other.js': '' });
    const ws = await loadWorkspace(dir);
    expect(ws.problems).toEqual([]);
    const codeDir = ws.functions[0]!.codeDir;
    expect(codeDir).toBe(path.join(dir, '.faaslab', 'file-code', 'Fn'));
    expect(await readdir(codeDir)).toEqual(['function.js']);
    expect(await readFile(path.join(codeDir, 'function.js'), 'utf8')).toBe('exports.a = 1;\n');
    // An edit to the file reaches the copy on the next load.
    await writeFile(path.join(dir, 'src/function.js'), 'exports.a = 2;\n');
    await loadWorkspace(dir);
    expect(await readFile(path.join(codeDir, 'function.js'), 'utf8')).toBe('exports.a = 2;\n');
  });

  it('writes inline or single-file code only under an alphanumeric logical id (found by fuzzing: "../../../x" wrote outside the workspace, a NUL threw)', async () => {
    const dir = await makeWorkspace({ 'src/function.js': 'exports.h = 1;\n' });
    const fn = (id: string, code: string) => `  ${JSON.stringify(id)}:\n    Type: AWS::Serverless::Function\n    Properties: { Runtime: nodejs20.x, Handler: index.h, ${code} }\n`;
    const template = `Resources:\n${fn('../../escaped', 'InlineCode: "exports.h = 1"')}${fn('A\u0000B', 'InlineCode: "exports.h = 1"')}${fn('../file', 'CodeUri: src/function.js')}`;
    await writeFile(path.join(dir, 'template.yaml'), template);
    const ws = await loadWorkspace(dir);
    const idProblems = ws.problems.filter((p) => p.message.startsWith('Logical id'));
    expect(idProblems.map((p) => [p.severity, p.logicalId, p.message.split(':')[0]])).toEqual([
      ['error', '../../escaped', 'Logical id "../../escaped" is not alphanumeric (A-Za-z0-9), which CloudFormation requires'],
      ['error', 'A\u0000B', 'Logical id "A\u0000B" is not alphanumeric (A-Za-z0-9), which CloudFormation requires'],
      ['error', '../file', 'Logical id "../file" is not alphanumeric (A-Za-z0-9), which CloudFormation requires'],
    ]);
    // Climbing out of .faaslab/inline/ lands in the workspace itself (a deeper id anywhere the user can write).
    expect(await readdir(dir)).not.toContain('escaped');
    expect(await readdir(path.join(dir, '.faaslab')).catch(() => [])).toEqual([]);
  });

  it('checks environment variables with Lambda rules', async () => {
    const big = 'x'.repeat(4100);
    expect(await problemsOf('Environment:', '  Variables:', '    AWS_REGION: eu-west-1', '    1BAD: x', `    BIG: ${big}`)).toEqual([
      ['error', 'Environment.Variables: "AWS_REGION" is reserved by Lambda and cannot be set'],
      ['error', 'Environment.Variables: "1BAD" is not a valid variable name: it must start with a letter and have at least two characters, letters, digits and underscores only'],
      ['error', `Environment.Variables: variables take ${'AWS_REGION'.length + 'eu-west-1'.length + 4 + 1 + 3 + big.length} bytes, over Lambda's 4096-byte limit`],
    ]);
  });

  it('warns that ApplicationLogLevel and SystemLogLevel are ignored with the Text format', async () => {
    const ws = await load(oneFunction('LoggingConfig:', '  ApplicationLogLevel: DEBUG', '  SystemLogLevel: INFO'));
    expect(ws.problems.map((p) => [p.severity, p.message, p.line])).toEqual([
      ['warning', 'LoggingConfig.ApplicationLogLevel is ignored with LogFormat Text: Lambda filters log levels only in the JSON format', 10],
      ['warning', 'LoggingConfig.SystemLogLevel is ignored with LogFormat Text: Lambda filters log levels only in the JSON format', 11],
    ]);
    expect(ws.functions[0]).toMatchObject({ logFormat: 'Text', applicationLogLevel: 'DEBUG', systemLogLevel: 'INFO' });
  });

  it('warns about an unresolvable scalar property and uses the default', async () => {
    const ws = await load(oneFunction('Timeout: !GetAtt Config.Timeout'));
    expect(ws.functions[0]!.timeoutSeconds).toBe(3);
    expect(ws.problems).toEqual([{ logicalId: 'Fn', severity: 'warning', message: 'Timeout {"Fn::GetAtt":["Config","Timeout"]} cannot be resolved locally; ignored', line: 9 }]);
  });

  it('attaches problems to their function and still loads the others', async () => {
    const ws = await load(`Transform: AWS::Serverless-2016-10-31
Resources:
  Good:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: src, Handler: a.b, Runtime: nodejs20.x, FunctionName: shared-name }
  Bad:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src
      Handler: a.b
      Runtime: nodejs20.x
      MemorySize: 64
`);
    expect(ws.functions.map((f) => f.logicalId)).toEqual(['Good', 'Bad']);
    expect(ws.problems).toEqual([{ logicalId: 'Bad', severity: 'error', message: "MemorySize 64 is outside Lambda's range: a whole number from 128 to 10240 MB", line: 12 }]);
  });

  it('refuses two functions with the same FunctionName', async () => {
    const ws = await load(`Transform: AWS::Serverless-2016-10-31
Resources:
  A:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: src, Handler: a.b, Runtime: nodejs20.x, FunctionName: same }
  B:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: src, Handler: a.b, Runtime: nodejs20.x, FunctionName: same }
`);
    expect(ws.problems.map((p) => [p.logicalId, p.message, p.line])).toEqual([
      ['A', 'FunctionName "same" is also the name of B: Lambda function names are unique', 5],
      ['B', 'FunctionName "same" is also the name of A: Lambda function names are unique', 8],
    ]);
  });
});
