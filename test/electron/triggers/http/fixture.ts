/**
 * A workspace with HTTP triggers of every kind, a real Engine running it and the HTTP trigger
 * server in front, on a free port. Each test file starts its own.
 */
import { expect } from 'vitest';
import { Engine } from '../../../../electron/engine/engine.js';
import { startHttpTriggers, type HttpTriggerServer } from '../../../../electron/triggers/http/http-triggers.js';
import { loadTriggers, type TriggerLoad } from '../../../../electron/workspace/read/trigger-loader.js';
import { loadWorkspace, problemsByFunction } from '../../../../electron/workspace/read/template-loader.js';
import type { InvocationRecord } from '../../../../shared/domain/invocation.js';
import type { TriggerActivity } from '../../../../shared/domain/triggers.js';
import { makeTempDir, removeTempDir, writeFiles } from '../../../helpers/functions.js';

const APP = `
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// Answers with the whole event, and a CORS header of its own that HTTP APIs must replace.
exports.echo = async (event, context) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json', 'access-control-allow-origin': 'https://function.example' },
  body: JSON.stringify({ event, requestId: context.awsRequestId }),
});
// Returns what the request body asks for: {"result": ...}, {"throw": "message"}, {"sleepMs": n}.
exports.reply = async (event) => {
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString() : event.body;
  const spec = JSON.parse(text || '{}');
  if (spec.throw) throw new Error(spec.throw);
  if (spec.sleepMs) await sleep(spec.sleepMs);
  return spec.result;
};
`;

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: src
  HttpApi:
    CorsConfiguration:
      AllowOrigins: ['https://app.example.com']
      AllowMethods: [GET, POST]
      AllowHeaders: [content-type, x-custom]
      ExposeHeaders: [x-request-id]
      MaxAge: 600
      AllowCredentials: true
Resources:
  RestApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: dev
      BinaryMediaTypes: ['image~1png', 'application~1octet-stream']
      Cors:
        AllowOrigin: "'https://rest.example.com'"
        AllowHeaders: "'content-type'"
      Variables:
        color: blue
  Reply:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.reply
      FunctionUrlConfig:
        AuthType: NONE
      Events:
        V2: { Type: HttpApi, Properties: { Path: /reply, Method: POST } }
        V1: { Type: HttpApi, Properties: { Path: /v1/reply, Method: POST, PayloadFormatVersion: '1.0' } }
        Rest: { Type: Api, Properties: { RestApiId: !Ref RestApi, Path: /rest/reply, Method: POST } }
        Gate: { Type: HttpApi, Properties: { Path: /gate, Method: POST, TimeoutInMillis: 300 } }
  Echo:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.echo
      FunctionUrlConfig:
        AuthType: NONE
        Cors:
          AllowOrigins: ['*']
          AllowMethods: ['*']
      Events:
        Items: { Type: HttpApi, Properties: { Path: /items, Method: GET } }
        Item: { Type: HttpApi, Properties: { Path: '/items/{id}', Method: GET } }
        Special: { Type: HttpApi, Properties: { Path: /items/special, Method: GET } }
        Files: { Type: HttpApi, Properties: { Path: '/files/{proxy+}', Method: ANY } }
        Upload: { Type: HttpApi, Properties: { Path: '/files/{proxy+}', Method: POST } }
        Fallback: { Type: HttpApi }
        RestItem: { Type: Api, Properties: { RestApiId: !Ref RestApi, Path: '/rest/items/{id}', Method: GET } }
        RestAny: { Type: Api, Properties: { RestApiId: !Ref RestApi, Path: '/rest/{proxy+}', Method: ANY } }
  Slow:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.reply
      Timeout: 1
      Events:
        Slow: { Type: HttpApi, Properties: { Path: /slow, Method: POST } }
  Blocked:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.echo
      ReservedConcurrentExecutions: 0
      Events:
        Blocked: { Type: HttpApi, Properties: { Path: /blocked, Method: GET } }
`;

export interface Fixture {
  dir: string;
  engine: Engine;
  server: HttpTriggerServer;
  triggers: TriggerLoad;
  activity: TriggerActivity[];
  records: InvocationRecord[];
  logged: string[];
  close(): Promise<void>;
}

export async function startFixture(): Promise<Fixture> {
  const dir = writeFiles(makeTempDir(), { 'template.yaml': TEMPLATE, 'src/app.js': APP });
  const ws = await loadWorkspace(dir);
  const triggers = await loadTriggers(ws);
  if (triggers.problems.length) throw new Error(`fixture template has problems: ${JSON.stringify(triggers.problems)}`);
  const engine = new Engine({ functions: ws.functions, problems: problemsByFunction(ws) });
  const activity: TriggerActivity[] = [];
  const records: InvocationRecord[] = [];
  const logged: string[] = [];
  engine.on('invocation', (r) => records.push(r));
  const server = await startHttpTriggers(engine, triggers, { port: 0, onActivity: (a) => activity.push(a), log: (l) => logged.push(l) });
  return {
    dir,
    engine,
    server,
    triggers,
    activity,
    records,
    logged,
    async close() {
      await server.close();
      await engine.close();
      removeTempDir(dir);
    },
  };
}

/** The JSON an Echo route answered: the event it got and its Lambda request id. */
export async function echoed(res: Response): Promise<{ event: Record<string, any>; requestId: string }> {
  expect(res.status).toBe(200);
  return (await res.json()) as { event: Record<string, any>; requestId: string };
}
