/** zod shapes of what crosses the renderer/host boundary. Pure: no Node, no DOM. */
import { z } from 'zod';
import { EventSourceShape } from './trigger-event-schemas.js';
import { LOG_LEVELS } from '../domain/function-config.js';

export const LogicalId = z.string().regex(/^[A-Za-z0-9]{1,255}$/, 'a logical id has letters and digits only');
/** A path inside a function's code folder, with forward slashes, never escaping it. */
export const RelativePath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..') && !/^[A-Za-z]:/.test(p), 'the path must stay inside the code folder');
export const EventName = z.string().regex(/^[\w .-]{1,100}$/, 'an event name has letters, digits, spaces, dots, dashes and underscores');

export const FunctionSummary = z.object({
  logicalId: z.string(),
  functionName: z.string(),
  runtime: z.string(),
  handler: z.string(),
  memorySizeMb: z.number(),
  timeoutSeconds: z.number(),
  codeDir: z.string(),
  /** What really runs it here, e.g. python:3.12.local-python-3.11.2 (INIT_START's Runtime Version). */
  runtimeUsed: z.string().optional(),
  /** Why it differs from Lambda's runtime, or why it cannot run here. */
  runtimeNote: z.string().optional(),
  /** Set when its AWS calls go to a real account (the workspace's AWS target setting), not to the local services. */
  awsTarget: z.object({ mode: z.literal('aws'), profile: z.string(), region: z.string() }).optional(),
  /** Configuration errors: the function cannot run until they are fixed. */
  problems: z.array(z.string()),
});
export type FunctionSummary = z.infer<typeof FunctionSummary>;

export const WorkspaceInfo = z.object({
  dir: z.string(),
  templatePath: z.string(),
  functions: z.array(FunctionSummary),
  /** Template-level warnings and errors, with the template line where known. */
  problems: z.array(z.object({ logicalId: z.string().optional(), severity: z.enum(['error', 'warning']), message: z.string(), line: z.number().optional() })),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfo>;

export const FileEntry = z.object({ path: z.string(), kind: z.enum(['file', 'dir']), size: z.number() });
export type FileEntry = z.infer<typeof FileEntry>;

/** The settings of the Configuration tab, as the template says them (undefined: not set). */
export const FunctionSettings = z.object({
  handler: z.string(),
  runtime: z.string(),
  memorySizeMb: z.number().int(),
  timeoutSeconds: z.number().int(),
  architecture: z.enum(['x86_64', 'arm64']),
  ephemeralStorageMb: z.number().int(),
  reservedConcurrency: z.number().int().nullable(),
  logFormat: z.enum(['Text', 'JSON']),
  applicationLogLevel: z.enum(LOG_LEVELS).nullable(),
  systemLogLevel: z.enum(['DEBUG', 'INFO', 'WARN']).nullable(),
});
export type FunctionSettings = z.infer<typeof FunctionSettings>;

export const Variables = z.record(z.string(), z.string());
export type Variables = z.infer<typeof Variables>;

/** 'Globals' is Globals.Function.Environment.Variables; otherwise a function's logical id. */
export const EnvScope = z.union([z.literal('Globals'), LogicalId]);

export const SavedEvent = z.object({ name: EventName, body: z.string() });
export type SavedEvent = z.infer<typeof SavedEvent>;

export const EventTemplateInfo = z.object({ id: z.string(), service: z.string(), title: z.string() });
export type EventTemplateInfo = z.infer<typeof EventTemplateInfo>;

export const FunctionErrorShape = z.object({ errorType: z.string(), errorMessage: z.string(), trace: z.array(z.string()) });

export const AwsCallShape = z.object({
  service: z.string(),
  operation: z.string(),
  resource: z.string().optional(),
  status: z.number(),
  errorCode: z.string().optional(),
  startedAt: z.number(),
  durationMs: z.number(),
});

export const InvocationRecordShape = z.object({
  requestId: z.string(),
  functionName: z.string(),
  logicalId: z.string(),
  status: z.enum(['success', 'error', 'timeout', 'throttled', 'crashed', 'oom']),
  response: z.unknown().optional(),
  error: FunctionErrorShape.optional(),
  coldStart: z.boolean(),
  durationMs: z.number(),
  billedDurationMs: z.number(),
  initDurationMs: z.number().optional(),
  memorySizeMb: z.number(),
  maxMemoryUsedMb: z.number(),
  logStream: z.string().optional(),
  startedAt: z.string(),
  logs: z.array(z.string()),
  sandbox: z.enum(['bubblewrap', 'none']).optional(),
  /** Estimated cost in USD of this invocation at us-east-1 x86_64/arm64 prices, before free tier. */
  costUsd: z.number().optional(),
  /** Set when the user cancelled the invocation from the UI. */
  cancelled: z.boolean().optional(),
  /** The AWS calls it made through faaslab's local endpoint. */
  awsCalls: z.array(AwsCallShape).optional(),
  /** Set when its AWS calls went to a real account instead of the local services. */
  awsTarget: z.object({ mode: z.literal('aws'), profile: z.string(), region: z.string() }).optional(),
});

export const LogEntryShape = z.object({
  logicalId: z.string(),
  logStream: z.string(),
  requestId: z.string().optional(),
  line: z.string(),
  time: z.number(),
});
export type LogEntryShape = z.infer<typeof LogEntryShape>;

export const EnvironmentsState = z.array(z.object({ logicalId: z.string(), warm: z.number(), busy: z.number() }));

/** One address the HTTP trigger server answers (shared/domain/triggers.ts HttpEndpoint). */
export const HttpEndpointShape = z.object({
  kind: z.enum(['http-api', 'rest-api', 'function-url']),
  logicalId: z.string(),
  apiId: z.string().optional(),
  method: z.string(),
  path: z.string(),
  url: z.string(),
  /** The function's Events key that declares the route; triggers.remove takes it. */
  eventName: z.string().optional(),
  line: z.number().optional(),
});

/** A Schedule/ScheduleV2 event of a function, with what the UI shows about it. */
export const ScheduleInfoShape = z.object({
  /** "<LogicalId>:<EventName>", the id schedules.* methods take. */
  id: z.string(),
  logicalId: z.string(),
  eventName: z.string(),
  expression: z.string(),
  timezone: z.string().optional(),
  /** "every 5 minutes", "at 10:15 UTC on the last Friday of every month". */
  description: z.string(),
  enabled: z.boolean(),
  /** The next five fire times, ISO; empty when disabled or invalid. */
  nextFireTimes: z.array(z.string()),
  /** The parser's message when the expression is invalid (it then never fires). */
  error: z.string().optional(),
});
export type ScheduleInfo = z.infer<typeof ScheduleInfoShape>;

/** Every trigger of the workspace, as the Triggers tab and the sidebar show them. */
export const TriggersInfoShape = z.object({
  /** Base URL of the HTTP trigger server (HttpApi, Api, Function URLs), when it runs. */
  apiUrl: z.string().nullable(),
  /** faaslab's local AWS endpoint (S3, DynamoDB, SQS, SNS, EventBridge): every function's AWS_ENDPOINT_URL. */
  awsEndpoint: z.string().optional(),
  /** How functions are isolated on this host: 'none' shows the "not sandboxed" badge, with why. */
  sandbox: z.object({ kind: z.enum(['bubblewrap', 'none']), summary: z.string() }).optional(),
  endpoints: z.array(HttpEndpointShape),
  schedules: z.array(ScheduleInfoShape),
  problems: z.array(z.object({ logicalId: z.string().optional(), severity: z.enum(['error', 'warning']), message: z.string(), line: z.number().optional() })),
  /** SQS, SNS, S3 and DynamoDB events of the functions; given by triggers.* answers, not by the 'triggers' push. */
  eventSources: z.array(EventSourceShape).optional(),
  /** EventBridge rules (EventBridgeRule / CloudWatchEvent events, AWS::Events::Rule) with their targets; absent when the template has none. */
  eventRules: z
    .array(
      z.object({
        name: z.string(),
        bus: z.string(),
        logicalId: z.string(),
        eventName: z.string().optional(),
        pattern: z.string(),
        enabled: z.boolean(),
        /** "function Orders", "queue Audit", "topic Alerts". */
        targets: z.array(z.string()),
        line: z.number().optional(),
      }),
    )
    .optional(),
});
export type TriggersInfo = z.infer<typeof TriggersInfoShape>;

/** Which trigger started which invocation (shared/domain/triggers.ts TriggerActivity). */
export const TriggerActivityShape = z.object({
  trigger: z.enum(['http', 'schedule', 's3', 'sqs', 'dynamodb', 'sns', 'eventbridge']),
  kind: z.string(),
  logicalId: z.string(),
  route: z.string(),
  requestId: z.string().optional(),
  status: z.string().optional(),
  statusCode: z.number().optional(),
  durationMs: z.number(),
  at: z.string(),
});

/** A local SQS queue (AWS::SQS::Queue) with its message counts (queues.list, the 'queues' push). */
export const QueueInfoShape = z.object({
  logicalId: z.string(),
  queueName: z.string(),
  arn: z.string(),
  url: z.string(),
  fifo: z.boolean(),
  visibilityTimeoutSeconds: z.number(),
  visible: z.number(),
  inFlight: z.number(),
  delayed: z.number(),
  /** RedrivePolicy: the dead-letter queue's logical id and maxReceiveCount. */
  deadLetterTarget: z.string().optional(),
  maxReceiveCount: z.number().optional(),
  /** Another queue's RedrivePolicy names it. */
  isDeadLetterQueue: z.boolean(),
  /** Functions with an SQS event on it. */
  consumers: z.array(z.string()),
});
export type QueueInfo = z.infer<typeof QueueInfoShape>;

/** A message of a queue, peeked without receiving it (queues.messages). Times are epoch ms. */
export const QueueMessageShape = z.object({
  messageId: z.string(),
  body: z.string(),
  md5OfBody: z.string(),
  state: z.enum(['visible', 'inFlight', 'delayed']),
  receiveCount: z.number(),
  sentTimestamp: z.number(),
  firstReceiveTimestamp: z.number().optional(),
  visibleAt: z.number(),
  messageAttributes: z.record(z.string(), z.string()),
  /** Set on a message a redrive moved to this dead-letter queue. */
  deadLetterSourceArn: z.string().optional(),
});
export type QueueMessageInfo = z.infer<typeof QueueMessageShape>;

/** A local SNS topic (AWS::SNS::Topic) and who receives what it publishes (topics.list). */
export const TopicInfoShape = z.object({
  logicalId: z.string(),
  topicName: z.string(),
  arn: z.string(),
  subscriptions: z.array(
    z.object({
      protocol: z.enum(['lambda', 'sqs']),
      /** Logical id of the function or queue. */
      target: z.string(),
      rawMessageDelivery: z.boolean(),
      /** Where the template declares it. */
      source: z.string(),
      /** The FilterPolicy as JSON text. */
      filterPolicy: z.string().optional(),
    }),
  ),
});
export type TopicInfo = z.infer<typeof TopicInfoShape>;
