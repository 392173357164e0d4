import { afterEach, describe, expect, it } from 'vitest';
import { lineDiff } from './line-diff.js';
import { BASIC_FILES, startHost, type HostFixture } from './host-fixture.js';

/** A template written the way people write them: comments, tags, Globals, odd spacing. */
const BLOCK_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31

Parameters:
  Stage: {Type: String, Default: dev}

Globals:
  Function:
    Runtime: nodejs20.x
    Timeout: 5   # every function
    MemorySize: 512
    LoggingConfig:
      LogFormat: JSON

Resources:
  # The API.
  ApiFunction:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: !Sub 'api-\${Stage}'
      CodeUri: functions/api/
      Handler: index.handler
      MemorySize: 128     # small on purpose
      Environment:
        Variables:
          QUEUE: !GetAtt Queue.Arn
      Events:
        Api:
          Type: Api
          Properties: {Path: /items, Method: get}

  Queue:
    Type: AWS::SQS::Queue

Outputs:
  ApiArn:
    Value: !GetAtt ApiFunction.Arn
`;

const FLOW_TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  ApiFunction:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: functions/api/, Handler: index.handler, Runtime: nodejs20.x, Architectures: [x86_64], Layers: [!Ref Layer]}
  Layer:
    Type: AWS::Serverless::LayerVersion
    Properties: {ContentUri: layer/}
`;

const API_CODE = { 'functions/api/index.mjs': 'export const handler = async () => "ok";\n' };

describe('config.*', () => {
  let h: HostFixture | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('get: the resource, else Globals, else Lambda defaults; unset levels and concurrency are null', async () => {
    h = await startHost({ 'template.yaml': BLOCK_TEMPLATE, ...API_CODE });
    expect(await h.call('config.get', { logicalId: 'ApiFunction' })).toEqual({
      handler: 'index.handler',
      runtime: 'nodejs20.x',
      memorySizeMb: 128,
      timeoutSeconds: 5,
      architecture: 'x86_64',
      ephemeralStorageMb: 512,
      reservedConcurrency: null,
      logFormat: 'JSON',
      applicationLogLevel: null,
      systemLogLevel: null,
    });
  });

  it('update: a round trip through the template changes only the changed lines', async () => {
    h = await startHost({ 'template.yaml': BLOCK_TEMPLATE, ...API_CODE });
    const settings = await h.call('config.update', {
      logicalId: 'ApiFunction',
      settings: { memorySizeMb: 1024, timeoutSeconds: 5, architecture: 'arm64', reservedConcurrency: 3, applicationLogLevel: 'WARN', ephemeralStorageMb: 1024 },
    });
    expect(settings).toMatchObject({ memorySizeMb: 1024, timeoutSeconds: 5, architecture: 'arm64', reservedConcurrency: 3, applicationLogLevel: 'WARN', ephemeralStorageMb: 1024 });
    const after = h.read('template.yaml');
    // Timeout equals what Globals gives: not written. The rest lands in the resource's Properties.
    expect(lineDiff(BLOCK_TEMPLATE, after)).toEqual({
      removed: ['      MemorySize: 128     # small on purpose'],
      added: [
        '      MemorySize: 1024     # small on purpose',
        '      Architectures: [arm64]',
        '      EphemeralStorage:',
        '        Size: 1024',
        '      ReservedConcurrentExecutions: 3',
        '      LoggingConfig:',
        '        ApplicationLogLevel: WARN',
      ],
    });

    // Back to unset: the properties go again, an emptied LoggingConfig with them.
    await h.call('config.update', { logicalId: 'ApiFunction', settings: { reservedConcurrency: null, applicationLogLevel: null } });
    expect(lineDiff(BLOCK_TEMPLATE, h.read('template.yaml'))).toEqual({
      removed: ['      MemorySize: 128     # small on purpose'],
      added: ['      MemorySize: 1024     # small on purpose', '      Architectures: [arm64]', '      EphemeralStorage:', '        Size: 1024'],
    });
    expect(await h.call('config.get', { logicalId: 'ApiFunction' })).toMatchObject({ reservedConcurrency: null, applicationLogLevel: null, logFormat: 'JSON' });
  });

  it('update: a template of flow collections keeps its one-line maps and lists', async () => {
    h = await startHost({ 'template.yaml': FLOW_TEMPLATE, ...API_CODE, 'layer/x.txt': '' });
    await h.call('config.update', { logicalId: 'ApiFunction', settings: { architecture: 'arm64', memorySizeMb: 256, handler: 'index.main', logFormat: 'JSON' } });
    expect(lineDiff(FLOW_TEMPLATE, h.read('template.yaml'))).toEqual({
      removed: ['    Properties: {CodeUri: functions/api/, Handler: index.handler, Runtime: nodejs20.x, Architectures: [x86_64], Layers: [!Ref Layer]}'],
      added: ['    Properties: {CodeUri: functions/api/, Handler: index.main, Runtime: nodejs20.x, Architectures: [arm64], Layers: [!Ref Layer], MemorySize: 256, LoggingConfig: {LogFormat: JSON}}'],
    });
    expect(await h.call('config.get', { logicalId: 'ApiFunction' })).toMatchObject({ architecture: 'arm64', memorySizeMb: 256, handler: 'index.main', logFormat: 'JSON' });
  });

  it('update: the engine runs the new settings, and a workspace push follows', async () => {
    h = await startHost();
    await h.call('config.update', { logicalId: 'EnvFunction', settings: { memorySizeMb: 512 } });
    const pushed = await h.waitForPush('workspace', (ws) => ws.functions.some((f) => f.logicalId === 'EnvFunction' && f.memorySizeMb === 512));
    expect(pushed.dir).toBe(h.dir);
    const run = await h.call('invoke.run', { logicalId: 'EnvFunction', payload: '{}' });
    expect(run.memorySizeMb).toBe(512);
  });

  it('update: Lambda limits are checked, with a message per field, and nothing is written', async () => {
    h = await startHost();
    const before = h.read('template.yaml');
    const err = await h.failure('config.update', { logicalId: 'EnvFunction', settings: { memorySizeMb: 99999, timeoutSeconds: 0, handler: 'nodots' } });
    expect(err.code).toBe('ValidationError');
    expect(err.fields).toEqual({
      memorySizeMb: expect.stringMatching(/Memory must be between 128 and 10,240 MB/),
      timeoutSeconds: expect.stringMatching(/Timeout must be between 1 and 900 seconds/),
      handler: expect.stringMatching(/file\.export/),
    });
    const schema = await h.failure('config.update', { logicalId: 'EnvFunction', settings: { architecture: 'sparc' } });
    expect(schema.code).toBe('ValidationError');
    expect(Object.keys(schema.fields ?? {})).toEqual(['architecture']);
    expect(h.read('template.yaml')).toBe(before);
  });

  it('update: a value the template takes from an intrinsic is replaced by the literal', async () => {
    h = await startHost({
      ...BASIC_FILES,
      'template.yaml': BASIC_FILES['template.yaml']!.replace('      MemorySize: 256\n', '      MemorySize: !Ref Memory\n').replace(
        'Parameters:\n',
        'Parameters:\n  Memory:\n    Type: Number\n    Default: 384\n',
      ),
    });
    expect((await h.call('config.get', { logicalId: 'EnvFunction' })).memorySizeMb).toBe(384);
    await h.call('config.update', { logicalId: 'EnvFunction', settings: { memorySizeMb: 640 } });
    expect(h.read('template.yaml')).toContain('      MemorySize: 640\n');
  });
});
