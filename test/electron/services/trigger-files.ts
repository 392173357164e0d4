/** A workspace with HTTP events and schedules, for the host's triggers.* and schedules.* tests. */
export const TRIGGER_FILES: Record<string, string> = {
  'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31

Globals:
  Function:
    Runtime: nodejs20.x
    Timeout: 3

Resources:
  # Answers with the event it got.
  EchoFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/echo/
      Handler: index.handler
      Events:
        Tick:
          Type: Schedule
          Properties:
            Schedule: rate(5 minutes)
        Report:
          Type: Schedule
          Properties:
            Schedule: cron(0 2 * * ? *)
            Enabled: false
            Input: '{"report": "daily"}'
        Later:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: cron(0 9 ? * MON-FRI *)
            ScheduleExpressionTimezone: Europe/Berlin
        Broken:
          Type: Schedule
          Properties:
            Schedule: rate(0 minutes)

  # Answers HTTP requests with what the route saw.
  ItemsFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/items/
      Handler: index.handler
      Events:
        ListItems:
          Type: HttpApi
          Properties:
            Path: /items
            Method: GET

  PlainFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/items/
      Handler: index.handler
`,
  'functions/echo/index.mjs': 'export const handler = async (event) => ({ event });\n',
  'functions/items/index.mjs': `export const handler = async (event, context) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ fn: context.functionName, routeKey: event.routeKey, resource: event.resource, method: event.requestContext.http?.method ?? event.httpMethod, id: event.pathParameters?.id ?? null }),
});
`,
};
