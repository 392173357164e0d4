import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadTriggers, readTriggers, type TriggerLoad } from '../../../../electron/workspace/read/trigger-loader.js';
import { loadWorkspace } from '../../../../electron/workspace/read/template-loader.js';
import { makeTempDir, removeTempDir, writeFiles } from '../../../helpers/functions.js';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage:
    Type: String
    Default: dev
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: src
    Handler: app.handler
    FunctionUrlConfig:
      AuthType: NONE
  HttpApi:
    CorsConfiguration:
      AllowOrigins: ['https://app.example.com']
      AllowMethods: [GET, POST]
  Api:
    Cors: "'https://rest.example.com'"
    BinaryMediaTypes: ['image~1png']
Resources:
  OrdersApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: !Ref Stage
      StageVariables:
        table: orders
      CorsConfiguration:
        AllowOrigins: ['*']
        AllowHeaders: [content-type]
        MaxAge: 300
      Auth:
        DefaultAuthorizer: Jwt
        Authorizers:
          Jwt:
            IdentitySource: $request.header.Authorization
  AdminApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: admin
      Variables:
        mode: strict
      DefinitionBody:
        openapi: '3.0'
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        List:
          Type: HttpApi
          Properties:
            ApiId: !Ref OrdersApi
            Path: /orders
            Method: get
        Get:
          Type: HttpApi
          Properties:
            ApiId: !Ref OrdersApi
            Path: /orders/{id}
            Method: GET
            PayloadFormatVersion: '1.0'
            TimeoutInMillis: 5000
        Everything:
          Type: HttpApi
        Legacy:
          Type: Api
          Properties:
            Path: /legacy/{proxy+}
            Method: any
        Admin:
          Type: Api
          Properties:
            RestApiId: !Ref AdminApi
            Path: /admin
            Method: post
            Auth:
              ApiKeyRequired: true
        Queue:
          Type: SQS
          Properties:
            Queue: arn:aws:sqs:us-east-1:123456789012:q
  Broken:
    Type: AWS::Serverless::Function
    Properties:
      FunctionUrlConfig:
        AuthType: AWS_IAM
        InvokeMode: RESPONSE_STREAM
        Cors:
          AllowOrigins: ['*']
          AllowCredentials: true
      Events:
        NoPath:
          Type: Api
          Properties:
            Method: get
        Again:
          Type: HttpApi
          Properties:
            ApiId: !Ref OrdersApi
            Path: /orders
            Method: GET
        BadPath:
          Type: HttpApi
          Properties:
            Path: /files/{proxy+}/x
        WrongApi:
          Type: HttpApi
          Properties:
            ApiId: !Ref AdminApi
            Path: /x
        OnlyMethod:
          Type: HttpApi
          Properties:
            ApiId: !Ref OrdersApi
            Method: POST
        Format:
          Type: HttpApi
          Properties:
            Path: /format
            PayloadFormatVersion: '3.0'
  Plain:
    Type: AWS::Lambda::Function
    Properties:
      Code: src
      Handler: app.handler
      Runtime: nodejs20.x
      Role: arn:aws:iam::123456789012:role/x
  PlainUrl:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !GetAtt Plain.Arn
      AuthType: NONE
`;

let dir: string;
let load: TriggerLoad;
const lineOf = (text: string) => TEMPLATE.split('\n').findIndex((l) => l.includes(text)) + 1;

beforeAll(async () => {
  dir = writeFiles(makeTempDir(), { 'template.yaml': TEMPLATE, 'src/app.js': 'exports.handler = async () => 1;' });
  load = await loadTriggers(dir);
});

afterAll(() => removeTempDir(dir));

describe('loadTriggers', () => {
  it('reads HttpApi and Api events into routes, with their API, method, path and payload format', () => {
    const summary = load.routes.map((r) => `${r.kind} ${r.apiId} ${r.method} ${r.path} ${r.payloadFormat} ${r.timeoutMs} ${r.logicalId}.${r.eventName}`);
    expect(summary).toEqual([
      'http-api OrdersApi GET /orders 2.0 30000 Orders.List',
      'http-api OrdersApi GET /orders/{id} 1.0 5000 Orders.Get',
      'http-api ServerlessHttpApi ANY $default 2.0 30000 Orders.Everything',
      'rest-api ServerlessRestApi ANY /legacy/{proxy+} 1.0 29000 Orders.Legacy',
      'rest-api AdminApi POST /admin 1.0 29000 Orders.Admin',
    ]);
    expect(load.routes[0]!.line).toBe(lineOf('        List:'));
  });

  it('describes explicit and implicit APIs with stage, CORS, binary types and stage variables (Globals merged)', () => {
    const apis = Object.fromEntries(load.apis.map((a) => [a.apiId, a]));
    expect(Object.keys(apis).sort()).toEqual(['AdminApi', 'OrdersApi', 'ServerlessHttpApi', 'ServerlessRestApi']);
    expect(apis.OrdersApi).toMatchObject({
      kind: 'http-api',
      stageName: 'dev',
      implicit: false,
      stageVariables: { table: 'orders' },
      // SAM merges Globals.HttpApi into the resource: maps key by key, lists concatenated.
      cors: { allowOrigins: ['https://app.example.com', '*'], allowMethods: ['GET', 'POST'], allowHeaders: ['content-type'], maxAge: 300, allowCredentials: false },
    });
    expect(apis.ServerlessHttpApi).toMatchObject({ kind: 'http-api', stageName: '$default', implicit: true, cors: { allowOrigins: ['https://app.example.com'] } });
    expect(apis.ServerlessRestApi).toMatchObject({ kind: 'rest-api', stageName: 'Prod', implicit: true, binaryMediaTypes: ['image/png'], cors: { allowOrigins: ['https://rest.example.com'] } });
    expect(apis.AdminApi).toMatchObject({ kind: 'rest-api', stageName: 'admin', stageVariables: { mode: 'strict' }, binaryMediaTypes: ['image/png'] });
  });

  it('reads FunctionUrlConfig (from Globals too) and AWS::Lambda::Url resources', () => {
    expect(load.functionUrls.map((u) => `${u.logicalId} ${u.authType} ${u.invokeMode}`)).toEqual(['Orders NONE BUFFERED', 'Broken AWS_IAM RESPONSE_STREAM', 'Plain NONE BUFFERED']);
    expect(load.functionUrls[1]!.cors).toMatchObject({ allowOrigins: ['*'], allowCredentials: true });
  });

  it('reports what it cannot serve as errors with the template line, and what it does not enforce as warnings', () => {
    const problems = load.problems.map((p) => `${p.severity} ${p.line} ${p.logicalId ?? '-'}: ${p.message}`);
    const expected: Array<[string, string, string]> = [
      ['error', '        NoPath:', 'an Api event needs both Path and Method'],
      ['error', '        Again:', 'GET /orders is already served by Orders (event List)'],
      ['error', '            Path: /files/{proxy+}/x', 'must be the last segment'],
      ['error', '            ApiId: !Ref AdminApi', 'ApiId must be a !Ref to an AWS::Serverless::HttpApi'],
      ['error', "            PayloadFormatVersion: '3.0'", 'PayloadFormatVersion must be "1.0" or "2.0"'],
      ['warning', '            Method: POST', 'Method is ignored without a Path'],
      ['warning', '            Auth:', 'ApiKeyRequired is not checked either; faaslab does not enforce authorizers'],
      ['warning', '      Auth:', 'DefaultAuthorizer Jwt'],
      ['warning', '      DefinitionBody:', 'routes defined only in its OpenAPI definition are not served'],
      ['warning', '      FunctionUrlConfig:', 'AWS_IAM is not enforced'],
      ['warning', '      FunctionUrlConfig:', 'RESPONSE_STREAM'],
      ['warning', '      FunctionUrlConfig:', 'AllowCredentials cannot be combined'],
    ];
    for (const [severity, line, message] of expected) {
      expect(
        problems.find((p) => p.startsWith(`${severity} ${lineOf(line)} `) && p.includes(message)),
        `${severity} at "${line.trim()}": ${message}`,
      ).toBeDefined();
    }
    expect(load.problems).toHaveLength(expected.length + 1); // + OnlyMethod's $default clashing with Everything's
    expect(problems.find((p) => p.includes('OnlyMethod') && p.includes('$default is already served by Orders'))).toBeDefined();
  });

  it('takes a loaded Workspace or a template file, and parameter overrides', async () => {
    const ws = await loadWorkspace(dir);
    expect((await loadTriggers(ws)).routes).toEqual(load.routes);
    const file = await loadTriggers(path.join(dir, 'template.yaml'), { parameterOverrides: { Stage: 'prod' } });
    expect(file.apis.find((a) => a.apiId === 'OrdersApi')?.stageName).toBe('prod');
  });

  it('reads a template without triggers as empty', () => {
    const empty = readTriggers('Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.b\n', '/x/template.yaml');
    expect(empty).toEqual({ routes: [], functionUrls: [], apis: [], schedules: [], problems: [], eventRules: [] });
  });
});

const SCHEDULES = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Every:
    Type: String
    Default: rate(10 minutes)
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: src
    Handler: app.handler
Resources:
  Jobs:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Tick:
          Type: Schedule
          Properties:
            Schedule: rate(5 minutes)
        Nightly:
          Type: Schedule
          Properties:
            Schedule: cron(0 2 * * ? *)
            Name: nightly-report
            Enabled: false
            Input: '{"report": "daily"}'
        FromParameter:
          Type: Schedule
          Properties:
            Schedule: !Ref Every
            State: DISABLED
        Berlin:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: cron(0 9 ? * MON-FRI *)
            ScheduleExpressionTimezone: Europe/Berlin
            FlexibleTimeWindow:
              Mode: 'OFF'
        Once:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: at(2030-01-01T00:00:00)
            State: ENABLED
  Broken:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Plural:
          Type: Schedule
          Properties:
            Schedule: rate(1 minutes)
        NoAt:
          Type: Schedule
          Properties:
            Schedule: at(2030-01-01T00:00:00)
        BadZone:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: cron(0 9 * * ? *)
            ScheduleExpressionTimezone: Mars/Olympus
        BadInput:
          Type: Schedule
          Properties:
            Schedule: rate(1 hour)
            Input: '{not json'
        Missing:
          Type: Schedule
`;

describe('loadTriggers: schedules', () => {
  const sched = readTriggers(SCHEDULES, '/ws/template.yaml');
  const line = (text: string) => SCHEDULES.split('\n').findIndex((l) => l.includes(text)) + 1;
  const byName = (name: string) => sched.schedules.find((s) => s.eventName === name)!;

  it('reads Schedule and ScheduleV2 events: expression, time zone, enabled, Input, Name, template line', () => {
    expect(sched.schedules.map((s) => `${s.logicalId}.${s.eventName} ${s.type} ${s.expression} ${s.enabled}`)).toEqual([
      'Jobs.Tick Schedule rate(5 minutes) true',
      'Jobs.Nightly Schedule cron(0 2 * * ? *) false',
      'Jobs.FromParameter Schedule rate(10 minutes) false',
      'Jobs.Berlin ScheduleV2 cron(0 9 ? * MON-FRI *) true',
      'Jobs.Once ScheduleV2 at(2030-01-01T00:00:00) true',
      'Broken.Plural Schedule rate(1 minutes) true',
      'Broken.NoAt Schedule at(2030-01-01T00:00:00) true',
      'Broken.BadZone ScheduleV2 cron(0 9 * * ? *) true',
      'Broken.BadInput Schedule rate(1 hour) true',
      'Broken.Missing Schedule  true',
    ]);
    expect(byName('Tick')).toEqual({ kind: 'schedule', logicalId: 'Jobs', eventName: 'Tick', type: 'Schedule', expression: 'rate(5 minutes)', enabled: true, line: line('        Tick:') });
    expect(byName('Nightly')).toMatchObject({ name: 'nightly-report', input: '{"report": "daily"}' });
    expect(byName('Berlin')).toMatchObject({ timezone: 'Europe/Berlin' });
    expect(sched.schedules.filter((s) => s.logicalId === 'Jobs').every((s) => s.error === undefined)).toBe(true);
  });

  it('keeps an invalid schedule, with the parser message as its error and as a problem at its line', () => {
    const problems = sched.problems.map((p) => `${p.severity} ${p.line} ${p.logicalId}: ${p.message}`);
    const expected: Array<[string, string]> = [
      ['            Schedule: rate(1 minutes)', "use the singular unit 'minute'"],
      ['            Schedule: at(2030-01-01T00:00:00)', 'at() one-time schedules need EventBridge Scheduler'],
      ['            ScheduleExpressionTimezone: Mars/Olympus', "time zone 'Mars/Olympus' is not an IANA time zone name"],
      ["            Input: '{not json'", 'Input is not valid JSON'],
      ['        Missing:', 'Schedule must be a schedule expression'],
    ];
    for (const [at, message] of expected) {
      expect(
        problems.find((p) => p.startsWith(`error ${line(at)} Broken: `) && p.includes(message) && p.includes('this schedule never fires')),
        `${at.trim()}: ${message}`,
      ).toBeDefined();
    }
    expect(sched.problems).toHaveLength(expected.length);
    expect(byName('Plural').error).toContain("use the singular unit 'minute'");
    expect(byName('BadInput').input).toBeUndefined();
  });

  it('warns about Enabled together with State, and an unknown State', () => {
    const both = readTriggers(
      'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        T:\n          Type: Schedule\n          Properties:\n            Schedule: rate(1 day)\n            Enabled: true\n            State: DISABLED\n',
      '/x/template.yaml',
    );
    expect(both.schedules[0]!.enabled).toBe(false);
    expect(both.problems).toEqual([expect.objectContaining({ severity: 'warning', line: 10, message: expect.stringContaining('give Enabled or State, not both') })]);
  });
});
