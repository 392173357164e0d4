import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { readMessaging } from '../../../../electron/workspace/read/messaging-loader.js';
import { ParsedTemplate } from '../../../../electron/workspace/template/parsed-template.js';
import { loadWorkspaceTemplate } from '../../../../electron/workspace/read/template-loader.js';
import { readTemplateTriggers, readTriggers } from '../../../../electron/workspace/read/trigger-loader.js';
import { makeTempDir, removeTempDir, writeFiles } from '../../../helpers/functions.js';

// Something for every reader: Globals, intrinsics, conditions, an alias, routes, a schedule, a
// Function URL, a bucket and a table with their events, queues, a topic, async settings.
const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Mappings:
  Sizes:
    dev: { mb: 256 }
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: src
    Handler: app.handler
    Environment:
      Variables:
        STAGE: !Ref Stage
    FunctionUrlConfig:
      AuthType: NONE
  HttpApi:
    CorsConfiguration:
      AllowOrigins: &origins ['https://app.example.com']
Resources:
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: !If [IsProd, prod, !Ref Stage]
      CorsConfiguration:
        AllowOrigins: *origins
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      MemorySize: !FindInMap [Sizes, !Ref Stage, mb]
      Environment:
        Variables:
          QUEUE: !Ref Jobs
          BUCKET: !Sub '\${Stage}-uploads'
      EventInvokeConfig:
        MaximumRetryAttempts: 1
        DestinationConfig:
          OnFailure:
            Type: SQS
            Destination: !GetAtt Dead.Arn
      Events:
        Get:
          Type: HttpApi
          Properties:
            ApiId: !Ref Api
            Path: /items
            Method: GET
        Post:
          Type: HttpApi
          Properties:
            ApiId: !Ref Api
            Path: /items
            Method: POST
        Tick:
          Type: Schedule
          Properties:
            Schedule: rate(5 minutes)
            Input: '{"a":1}'
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
            BatchSize: 5
        News:
          Type: SNS
          Properties:
            Topic: !Ref News
            FilterPolicy: { kind: [a] }
        Upload:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events: s3:ObjectCreated:*
            Filter: { S3Key: { Rules: [{ Name: prefix, Value: in/ }] } }
        Stream:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt Items.StreamArn
            StartingPosition: LATEST
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60
      RedrivePolicy: { deadLetterTargetArn: !GetAtt Dead.Arn, maxReceiveCount: 3 }
  Dead:
    Type: AWS::SQS::Queue
  News:
    Type: AWS::SNS::Topic
    Properties:
      Subscription:
        - { Protocol: sqs, Endpoint: !GetAtt Jobs.Arn }
  Uploads:
    Type: AWS::S3::Bucket
  Items:
    Type: AWS::DynamoDB::Table
    Properties:
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      StreamSpecification: { StreamViewType: NEW_IMAGE }
`;

const MESSAGING = { region: 'eu-west-1', accountId: '111122223333' };

describe('ParsedTemplate: one parse for functions, triggers and messaging', () => {
  let dir: string;
  beforeAll(() => {
    dir = writeFiles(makeTempDir(), { 'template.yaml': TEMPLATE, 'src/app.mjs': 'export const handler = async () => 1;\n' });
  });
  afterAll(() => removeTempDir(dir));

  it('each reader gives from the shared parse what it gives from a parse of its own, and none changes what the others read', async () => {
    const { ws, template } = await loadWorkspaceTemplate(dir);
    const file = path.join(dir, 'template.yaml');
    expect(template.text).toBe(TEMPLATE);
    expect(template.path).toBe(file);
    expect(ws.problems).toEqual([]);
    expect(ws.functions[0]).toMatchObject({ memorySizeMb: 256, environment: { STAGE: 'dev', QUEUE: 'https://sqs.us-east-1.amazonaws.com/123456789012/local-Jobs', BUCKET: 'dev-uploads' } });

    const triggers = readTemplateTriggers(template);
    const messaging = readMessaging(template, MESSAGING);
    expect(triggers).toEqual(readTriggers(TEMPLATE, file));
    expect(messaging).toEqual(readMessaging(new ParsedTemplate(TEMPLATE, file), MESSAGING));
    // Every kind of trigger was read, so each reader walked the shared object.
    expect(triggers.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(triggers.routes.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /items', 'POST /items']);
    expect([triggers.schedules.length, triggers.functionUrls.length, triggers.storage?.s3.length, triggers.storage?.streams.length]).toEqual([1, 1, 1, 1]);
    expect([messaging.queues.length, messaging.topics[0]?.subscriptions.length, messaging.sqsTriggers.length, messaging.asyncConfigs.get('Fn')?.onFailure?.target]).toEqual([2, 2, 1, 'Dead']);

    // The plain-object form is converted once and shared, and is still what the text says.
    expect(template.toJS()).toBe(template.sections());
    expect(template.toJS()).toEqual(new ParsedTemplate(TEMPLATE, file).toJS());
  });

  it('a template that is not a map has no sections', () => {
    expect(new ParsedTemplate('- a\n- b\n', '/x/template.yaml').sections()).toEqual({});
  });
});
