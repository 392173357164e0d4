/**
 * The templates' events held against the community's types for them (@types/aws-lambda): a
 * compile-time check, run by `tsc -p tsconfig.json`, that no field is missing or mistyped.
 */
import type {
  ALBEvent,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyWebsocketEventV2,
  APIGatewayRequestAuthorizerEvent,
  APIGatewayRequestAuthorizerEventV2,
  APIGatewayTokenAuthorizerEvent,
  CloudFormationCustomResourceEvent,
  CloudFrontRequestEvent,
  CloudWatchLogsEvent,
  DynamoDBStreamEvent,
  EventBridgeEvent,
  KinesisStreamEvent,
  LambdaFunctionURLEvent,
  MSKEvent,
  PostConfirmationTriggerEvent,
  PreSignUpTriggerEvent,
  S3BatchEvent,
  S3Event,
  SESEvent,
  SNSEventRecord,
  SNSMessage,
  SQSEvent,
  SelfManagedKafkaEvent,
  ScheduledEvent,
} from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { apigatewayAuthorizer, apigatewayHttpApiAuthorizer, apigatewayRequestAuthorizer, apigatewayWebsocket } from '../../../shared/events/apigateway-events.js';
import { cognitoPostConfirmation, cognitoPreSignup } from '../../../shared/events/cognito-events.js';
import { cloudwatchLogs, dynamodbUpdate, kinesisGetRecords, s3BatchInvocation, s3Delete, s3Put } from '../../../shared/events/data-events.js';
import { cloudfrontOriginRequest, cloudfrontViewerRequest, sesEmailReceiving } from '../../../shared/events/edge-mail-events.js';
import { albRequest, apigatewayAwsProxy, apigatewayHttpApiProxy, lambdaFunctionUrl } from '../../../shared/events/http-events.js';
import { eventsCustom, eventsSchedule, snsNotification, sqsReceiveMessage } from '../../../shared/events/messaging-events.js';
import { cloudformationCreate, cloudformationDelete, cloudformationUpdate, kafkaMsk, kafkaSelfManaged } from '../../../shared/events/more-events.js';

describe('events against @types/aws-lambda', () => {
  it('type-check (tsc) and build', () => {
    const events = {
      alb: albRequest.build() satisfies ALBEvent,
      awsProxy: apigatewayAwsProxy.build() satisfies Omit<APIGatewayProxyEvent, 'requestContext'>,
      awsProxyContext: apigatewayAwsProxy.build().requestContext satisfies Omit<APIGatewayProxyEvent['requestContext'], 'authorizer'>,
      httpApi: apigatewayHttpApiProxy.build() satisfies APIGatewayProxyEventV2,
      functionUrl: lambdaFunctionUrl.build() satisfies LambdaFunctionURLEvent,
      token: apigatewayAuthorizer.build() satisfies APIGatewayTokenAuthorizerEvent,
      request: apigatewayRequestAuthorizer.build() satisfies Omit<APIGatewayRequestAuthorizerEvent, 'requestContext'>,
      httpAuthorizer: apigatewayHttpApiAuthorizer.build() satisfies APIGatewayRequestAuthorizerEventV2,
      // Only MESSAGE events have a messageId; the types give every event one.
      websocket: apigatewayWebsocket.build() satisfies Omit<APIGatewayProxyWebsocketEventV2, 'requestContext'>,
      websocketContext: apigatewayWebsocket.build().requestContext satisfies Omit<APIGatewayProxyWebsocketEventV2['requestContext'], 'messageId'>,
      s3Put: s3Put.build() satisfies S3Event,
      // Deletions carry no size or eTag; the types have them for every record.
      s3Delete: s3Delete.build().Records[0]!.s3.object satisfies Pick<S3Event['Records'][number]['s3']['object'], 'key' | 'sequencer'>,
      s3Batch: s3BatchInvocation.build() satisfies S3BatchEvent,
      dynamodb: dynamodbUpdate.build() satisfies DynamoDBStreamEvent,
      kinesis: kinesisGetRecords.build() satisfies KinesisStreamEvent,
      logs: cloudwatchLogs.build() satisfies CloudWatchLogsEvent,
      sqs: sqsReceiveMessage.build() satisfies SQSEvent,
      // Subject is null when none was sent; the types say string | undefined.
      sns: snsNotification.build() satisfies { Records: Array<Omit<SNSEventRecord, 'Sns'> & { Sns: Omit<SNSMessage, 'Subject'> & { Subject: string | null } }> },
      schedule: eventsSchedule.build() satisfies ScheduledEvent,
      custom: eventsCustom.build() satisfies EventBridgeEvent<string, unknown>,
      preSignup: cognitoPreSignup.build() satisfies PreSignUpTriggerEvent,
      postConfirmation: cognitoPostConfirmation.build() satisfies PostConfirmationTriggerEvent,
      viewerRequest: cloudfrontViewerRequest.build() satisfies CloudFrontRequestEvent,
      originRequest: cloudfrontOriginRequest.build() satisfies CloudFrontRequestEvent,
      ses: sesEmailReceiving.build() satisfies SESEvent,
      msk: kafkaMsk.build() satisfies MSKEvent,
      selfManaged: kafkaSelfManaged.build() satisfies SelfManagedKafkaEvent,
      cfnCreate: cloudformationCreate.build() satisfies CloudFormationCustomResourceEvent,
      cfnUpdate: cloudformationUpdate.build() satisfies CloudFormationCustomResourceEvent,
      cfnDelete: cloudformationDelete.build() satisfies CloudFormationCustomResourceEvent,
    };
    for (const event of Object.values(events)) expect(typeof event).toBe('object');
  });
});
