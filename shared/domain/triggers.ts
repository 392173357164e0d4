/**
 * Triggers: what, in a SAM template, makes a function run besides a direct invoke. Pure types,
 * read from template.yaml by electron/workspace/read/trigger-loader.ts and served by
 * electron/triggers/. HTTP triggers are complete; schedules, S3, SQS, DynamoDB and SNS are
 * sketched with the fields every one of them needs, for their own issues to fill in.
 */
import type { InvocationStatus } from './invocation.js';

export type TriggerKind = 'http-api' | 'rest-api' | 'function-url' | 'schedule' | 's3' | 'sqs' | 'dynamodb' | 'sns' | 'eventbridge';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';
/** API Gateway's catch-all method. */
export type RouteMethod = HttpMethod | 'ANY';
export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];

/** Payload format: 2.0 for HTTP APIs by default and for Function URLs, 1.0 for REST APIs. */
export type PayloadFormat = '1.0' | '2.0';

/**
 * CORS as API Gateway (HTTP API CorsConfiguration, REST Api Cors) and Function URLs (Cors)
 * configure it, normalised: lists instead of comma-joined or quoted strings.
 */
export interface Cors {
  allowOrigins: string[];
  /** Undefined on a REST API means SAM's default: the methods the path has, plus OPTIONS. */
  allowMethods?: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAge?: number;
  allowCredentials: boolean;
}

interface TriggerBase {
  /** The function it invokes. */
  logicalId: string;
  /** Template line of the event (or FunctionUrlConfig), for the UI and messages. */
  line?: number;
}

/** One route of an HTTP API (AWS::Serverless::HttpApi) or a REST API (AWS::Serverless::Api). */
export interface HttpRouteTrigger extends TriggerBase {
  kind: 'http-api' | 'rest-api';
  /** The key under the function's Events. */
  eventName: string;
  /** Logical id of the API resource, or ServerlessHttpApi / ServerlessRestApi for SAM's implicit APIs. */
  apiId: string;
  method: RouteMethod;
  /** '/items/{id}', '/{proxy+}', or '$default' (HTTP APIs only: every request no other route takes). */
  path: string;
  payloadFormat: PayloadFormat;
  /** API Gateway's integration timeout: 30 s for HTTP APIs (TimeoutInMillis), 29 s for REST APIs. */
  timeoutMs: number;
}

export type FunctionUrlAuthType = 'NONE' | 'AWS_IAM';
export type FunctionUrlInvokeMode = 'BUFFERED' | 'RESPONSE_STREAM';

/** A Function URL (FunctionUrlConfig, or an AWS::Lambda::Url resource). */
export interface FunctionUrlTrigger extends TriggerBase {
  kind: 'function-url';
  authType: FunctionUrlAuthType;
  invokeMode: FunctionUrlInvokeMode;
  cors?: Cors;
}

/** An API resource, explicit or implicit, with what its routes share. */
export interface ApiDefinition {
  apiId: string;
  kind: 'http-api' | 'rest-api';
  /** '$default' for an HTTP API unless StageName says otherwise; 'Prod' for SAM's implicit REST API. */
  stageName: string;
  cors?: Cors;
  /** REST APIs only: request and response bodies of these types travel base64-encoded (SAM's ~1 is '/'). */
  binaryMediaTypes: string[];
  /** StageVariables (HTTP API) or Variables (REST API): the event's stageVariables. */
  stageVariables?: Record<string, string>;
  /** True for ServerlessHttpApi / ServerlessRestApi, which SAM creates from events alone. */
  implicit: boolean;
  line?: number;
}

/** An EventBridge schedule (Type Schedule / ScheduleV2). */
export interface ScheduleTrigger extends TriggerBase {
  kind: 'schedule';
  eventName: string;
  /** Schedule: an EventBridge rule (rate/cron, UTC). ScheduleV2: EventBridge Scheduler (at() and time zones too). */
  type: 'Schedule' | 'ScheduleV2';
  /** rate(...), cron(...) or (ScheduleV2) at(...), ARCHITECTURE.md, Lambda behaviour 10; '' when the template has none. */
  expression: string;
  /** ScheduleV2's ScheduleExpressionTimezone (IANA name); rules always run in UTC. */
  timezone?: string;
  /** As the template says (Enabled / State); faaslab may toggle it at run time without writing it. */
  enabled: boolean;
  /** Input: the JSON text sent instead of the scheduled event. */
  input?: string;
  /** Name: the rule's or schedule's name, when the template gives one (it is then in the ARN). */
  name?: string;
  /** Why the schedule cannot run (an invalid expression, Input that is not JSON): it never fires. */
  error?: string;
}

/** Object notifications of a bucket (Type S3). */
export interface S3Trigger extends TriggerBase {
  kind: 's3';
  eventName: string;
  /** Logical id of the bucket. */
  bucket: string;
  /** s3:ObjectCreated:*, s3:ObjectRemoved:Delete, ... */
  events: string[];
  prefix?: string;
  suffix?: string;
}

/** A queue polled in batches (Type SQS). */
export interface SqsTrigger extends TriggerBase {
  kind: 'sqs';
  eventName: string;
  /** Logical id of the queue. */
  queue: string;
  batchSize: number;
  /** MaximumBatchingWindowInSeconds: how long the poller waits to fill a batch (default 0). */
  maximumBatchingWindowSeconds: number;
  /** FunctionResponseTypes includes ReportBatchItemFailures. */
  reportBatchItemFailures: boolean;
  /** Enabled: false stops polling (messages stay in the queue). */
  enabled: boolean;
}

/** A DynamoDB stream (Type DynamoDB). */
export interface DynamoDbTrigger extends TriggerBase {
  kind: 'dynamodb';
  eventName: string;
  /** Logical id of the table. */
  table: string;
  batchSize: number;
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  /** FunctionResponseTypes: [ReportBatchItemFailures]. */
  reportBatchItemFailures?: boolean;
  /** MaximumRetryAttempts; undefined: retry until it succeeds (as Lambda's -1, records never expire locally). */
  maximumRetryAttempts?: number;
  /** MaximumBatchingWindowInSeconds: wait up to this long to fill a batch (0: deliver at once). */
  batchingWindowSeconds?: number;
  /** Enabled: false stops the poller. */
  enabled?: boolean;
}

/** A topic subscription (Type SNS). */
export interface SnsTrigger extends TriggerBase {
  kind: 'sns';
  eventName: string;
  /** Logical id of the topic. */
  topic: string;
  /** FilterPolicy on message attributes (exact strings/numbers, prefix, anything-but, exists). */
  filterPolicy?: Record<string, unknown>;
}

export type Trigger = HttpRouteTrigger | FunctionUrlTrigger | ScheduleTrigger | S3Trigger | SqsTrigger | DynamoDbTrigger | SnsTrigger;

/** What the HTTP trigger server serves. */
export interface HttpTriggerModel {
  routes: HttpRouteTrigger[];
  functionUrls: FunctionUrlTrigger[];
  apis: ApiDefinition[];
}

/** One address the HTTP trigger server answers, as `faaslab serve` prints it and the UI lists it. */
export interface HttpEndpoint {
  kind: 'http-api' | 'rest-api' | 'function-url';
  logicalId: string;
  apiId?: string;
  /** 'ANY' for Function URLs and ANY routes. */
  method: RouteMethod;
  /** The route's path ('$default' included), or the Function URL's base path ('/_url/<LogicalId>/'). */
  path: string;
  /** A URL to call it with: the path with its {params} left in. */
  url: string;
  /** The function's Events key that declares the route (none for a Function URL). */
  eventName?: string;
  /** Template line of that event. */
  line?: number;
}

/** Which trigger started which invocation, for the UI's activity list. */
export interface TriggerActivity {
  trigger: 'http' | 'schedule' | 's3' | 'sqs' | 'dynamodb' | 'sns' | 'eventbridge';
  kind: TriggerKind;
  logicalId: string;
  /** 'GET /items/{id}', '$default', or 'function-url' for a Function URL. */
  route: string;
  /** The Lambda request id; absent when the request never reached the function (413). */
  requestId?: string;
  /** The invocation's outcome; absent when it was not invoked or is still running (integration timeout). */
  status?: InvocationStatus;
  /** The HTTP status the caller got. */
  statusCode?: number;
  durationMs: number;
  /** ISO time the request arrived. */
  at: string;
}
