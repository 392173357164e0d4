/**
 * The host API: every method the renderer may call and every event stream it may receive.
 * Both transports (Electron IPC through preload.ts, and the WebSocket of browser mode) carry
 * exactly this, and the host validates every input against these schemas at the boundary.
 */
import { z } from 'zod';
import {
  EnvScope,
  EnvironmentsState,
  EventName,
  EventTemplateInfo,
  FileEntry,
  FunctionSettings,
  FunctionSummary,
  InvocationRecordShape,
  LogEntryShape,
  LogicalId,
  RelativePath,
  SavedEvent,
  ScheduleInfoShape,
  TriggerActivityShape,
  TriggersInfoShape,
  Variables,
  WorkspaceInfo,
} from './schemas.js';
import { QueueInfoShape, QueueMessageShape, TopicInfoShape } from './schemas.js';
import { TriggerEventShape } from './trigger-event-schemas.js';
import { Expectation } from '../testing/expectation.js';
import { WorkspaceSettingsShape, WorkspaceSettingsUpdate } from './settings-schemas.js';
import { HistoryListInput, HistoryStatsShape, InvocationSummaryShape, MetricsQueryInput, MetricsResultShape, RetentionShape, StoredInvocationShape } from './history-schemas.js';
import { BucketInfoShape, BucketObjectShape, BucketRef, DynamoItemShape, ObjectKey, TableInfoShape, TableRef } from './storage-schemas.js';
import { LogsQueryInput, LogsQueryResultShape } from './logs-schemas.js';

const none = z.object({});
const ok = z.object({ ok: z.literal(true) });

export const FUNCTION_TEMPLATES = ['nodejs', 'python', 'provided-shell'] as const;
export const WORKSPACE_TEMPLATES = ['hello-nodejs', 'empty'] as const;

export const methods = {
  // The workspace the host has open, and opening another.
  'workspace.current': { input: none, output: WorkspaceInfo },
  'workspace.open': { input: z.object({ dir: z.string().min(1) }), output: WorkspaceInfo },
  'workspace.recent': { input: none, output: z.array(z.string()) },
  'workspace.create': { input: z.object({ dir: z.string().min(1), template: z.enum(WORKSPACE_TEMPLATES) }), output: WorkspaceInfo },

  // Functions of the template.
  'functions.create': { input: z.object({ logicalId: LogicalId, template: z.enum(FUNCTION_TEMPLATES) }), output: FunctionSummary },
  'functions.rename': { input: z.object({ logicalId: LogicalId, newLogicalId: LogicalId }), output: FunctionSummary },
  'functions.delete': { input: z.object({ logicalId: LogicalId, deleteCode: z.boolean() }), output: ok },

  // Files in a function's code folder.
  'files.list': { input: z.object({ logicalId: LogicalId }), output: z.array(FileEntry) },
  'files.read': { input: z.object({ logicalId: LogicalId, path: RelativePath }), output: z.object({ content: z.string(), mtimeMs: z.number() }) },
  'files.write': { input: z.object({ logicalId: LogicalId, path: RelativePath, content: z.string() }), output: z.object({ mtimeMs: z.number() }) },
  'files.create': { input: z.object({ logicalId: LogicalId, path: RelativePath, kind: z.enum(['file', 'dir']) }), output: ok },
  'files.rename': { input: z.object({ logicalId: LogicalId, path: RelativePath, newPath: RelativePath }), output: ok },
  'files.delete': { input: z.object({ logicalId: LogicalId, path: RelativePath }), output: ok },

  // The Configuration tab: read from and written into template.yaml in place.
  'config.get': { input: z.object({ logicalId: LogicalId }), output: FunctionSettings },
  'config.update': { input: z.object({ logicalId: LogicalId, settings: FunctionSettings.partial() }), output: FunctionSettings },

  // Environment variables: template values per function or Globals, and local overrides
  // kept in SAM's --env-vars file (env.json), never in template.yaml.
  'env.get': { input: z.object({ scope: EnvScope }), output: z.object({ variables: Variables, overrides: Variables }) },
  'env.set': { input: z.object({ scope: EnvScope, variables: Variables }), output: z.object({ variables: Variables }) },
  'env.setOverrides': { input: z.object({ scope: EnvScope, overrides: Variables }), output: z.object({ overrides: Variables }) },

  // Saved test events, files under events/.
  /** With each event's expectation (events/<name>.expect.json), if it has one; a sidecar that is not valid gives expectationError. */
  'events.list': { input: none, output: z.array(SavedEvent.extend({ expectation: Expectation.optional(), expectationError: z.string().optional() })) },
  'events.save': { input: SavedEvent, output: ok },
  'events.rename': { input: z.object({ name: EventName, newName: EventName }), output: ok },
  'events.delete': { input: z.object({ name: EventName }), output: ok },
  'events.templates': { input: none, output: z.array(EventTemplateInfo) },
  'events.generate': { input: z.object({ templateId: z.string() }), output: z.object({ body: z.string() }) },
  /** Writes (null: removes) events/<name>.expect.json, the expected result of a saved event. */
  'events.setExpectation': { input: z.object({ name: EventName, expectation: Expectation.nullable() }), output: ok },

  // Regression runs (issue 5): every saved event with an expectation (of one function, or all), run one after the other.
  'tests.run': {
    input: z.object({ logicalId: LogicalId.optional() }),
    output: z.object({
      results: z.array(
        z.object({ event: z.string(), function: z.string(), pass: z.boolean(), failures: z.array(z.string()), status: z.string(), durationMs: z.number(), requestId: z.string().optional() }),
      ),
      passed: z.number(),
      failed: z.number(),
    }),
  },

  // Invoking, with the whole record back; a running invocation can be cancelled.
  'invoke.run': {
    /** trigger: who asked, as the history records it (default 'ui'; `faaslab load` says 'load'). */
    input: z.object({ logicalId: LogicalId, payload: z.string(), requestId: z.string().uuid().optional(), trigger: z.enum(['ui', 'load']).optional() }),
    output: InvocationRecordShape,
  },
  /** An Event invocation: queued (retries, destinations) and answered at once; each attempt arrives as an 'invocation' push. */
  'invoke.async': { input: z.object({ logicalId: LogicalId, payload: z.string(), requestId: z.string().uuid().optional() }), output: z.object({ requestId: z.string() }) },
  'invoke.cancel': { input: z.object({ requestId: z.string() }), output: z.object({ cancelled: z.boolean() }) },
  /** The execution environments alive now (of one function, or all), with their ids and states. */
  'environments.list': {
    input: z.object({ logicalId: LogicalId.optional() }),
    output: z.array(z.object({ id: z.string(), logicalId: z.string(), state: z.enum(['initializing', 'idle', 'busy', 'dead']), logStream: z.string(), lastUsed: z.number() })),
  },
  /** "Force cold start": the function's environments end (busy ones when their invocation is over). */
  'environments.forceCold': { input: z.object({ logicalId: LogicalId }), output: z.object({ ended: z.number().int() }) },
  /** Kills one environment now (its running invocation ends with Runtime.ExitError), by its id. */
  'environments.kill': { input: z.object({ id: z.string() }), output: z.object({ killed: z.boolean() }) },
  /** The workbench shows a function: its sandboxed runtime process starts now, not at its first invocation. */
  'invoke.prewarm': { input: z.object({ logicalId: LogicalId }), output: z.object({ started: z.boolean() }) },

  // Triggers (issue 4): what the workspace declares and where it is served. Adding or removing
  // a trigger writes the function's Events in template.yaml in place.
  'triggers.list': { input: none, output: TriggersInfoShape },
  'triggers.addHttp': {
    input: z.object({
      logicalId: LogicalId,
      /** The Events key; default: a name made from the method and path. */
      eventName: z
        .string()
        .regex(/^[A-Za-z0-9]+$/)
        .optional(),
      api: z.enum(['http', 'rest']),
      method: z.enum(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'ANY']),
      /** '/items/{id}', '/{proxy+}', or '$default' (HTTP API only). */
      path: z.string().min(1),
    }),
    output: TriggersInfoShape,
  },
  /** An SQS, SNS, S3, DynamoDB or Schedule event, validated against the template and written into Events. */
  'triggers.addEvent': {
    input: z.object({
      logicalId: LogicalId,
      eventName: z
        .string()
        .regex(/^[A-Za-z0-9]+$/)
        .optional(),
      event: TriggerEventShape,
    }),
    output: TriggersInfoShape,
  },
  'triggers.remove': { input: z.object({ logicalId: LogicalId, eventName: z.string().min(1) }), output: TriggersInfoShape },
  'schedules.setEnabled': { input: z.object({ id: z.string(), enabled: z.boolean() }), output: ScheduleInfoShape },
  'schedules.fire': { input: z.object({ id: z.string() }), output: InvocationRecordShape },

  // Local SQS queues and SNS topics (issue 4): `queue` / `topic` is a logical id, name, ARN or URL.
  'queues.list': { input: none, output: z.array(QueueInfoShape) },
  'queues.send': {
    input: z.object({
      queue: z.string().min(1),
      body: z.string(),
      delaySeconds: z.number().int().min(0).max(900).optional(),
      messageGroupId: z.string().optional(),
      messageAttributes: z.record(z.string(), z.string()).optional(),
    }),
    output: z.object({ messageId: z.string(), md5OfBody: z.string() }),
  },
  'queues.messages': { input: z.object({ queue: z.string().min(1) }), output: z.array(QueueMessageShape) },
  'queues.purge': { input: z.object({ queue: z.string().min(1) }), output: z.object({ purged: z.number() }) },
  'topics.list': { input: none, output: z.array(TopicInfoShape) },
  'topics.publish': {
    input: z.object({ topic: z.string().min(1), message: z.string(), subject: z.string().max(100).optional(), messageAttributes: z.record(z.string(), z.string()).optional() }),
    output: z.object({ messageId: z.string(), delivered: z.number() }),
  },

  // Local S3 buckets (folders under .faaslab/buckets/) and DynamoDB tables (issue 4). `bucket` /
  // `table` is a logical id or name. put/delete write the folder: the watcher sends the events.
  'buckets.list': { input: none, output: z.array(BucketInfoShape) },
  'buckets.objects': { input: z.object({ bucket: BucketRef }), output: z.array(BucketObjectShape) },
  'buckets.put': { input: z.object({ bucket: BucketRef, key: ObjectKey, contentBase64: z.string() }), output: z.object({ key: z.string(), size: z.number() }) },
  'buckets.delete': { input: z.object({ bucket: BucketRef, key: ObjectKey }), output: z.object({ deleted: z.boolean() }) },
  'tables.list': { input: none, output: z.array(TableInfoShape) },
  /** Items in DynamoDB JSON, as Scan returns them. */
  'tables.scan': { input: z.object({ table: TableRef }), output: z.object({ tableName: z.string(), items: z.array(DynamoItemShape), count: z.number() }) },
  /** `item`: JSON text, plain ({"id": "1"}) or DynamoDB JSON ({"id": {"S": "1"}}); replaces the item with its key. */
  'tables.put': { input: z.object({ table: TableRef, item: z.string() }), output: z.object({ eventName: z.enum(['INSERT', 'MODIFY']), item: DynamoItemShape, oldItem: DynamoItemShape.optional() }) },
  /** `key`: JSON text of the key attributes, plain or DynamoDB JSON. */
  'tables.delete': { input: z.object({ table: TableRef, key: z.string() }), output: z.object({ deleted: z.boolean(), oldItem: DynamoItemShape.optional() }) },

  // Machine-local workspace settings (.faaslab/settings.json): async retry delay scale, bucket folders.
  'settings.get': { input: none, output: WorkspaceSettingsShape },
  'settings.update': { input: z.object({ settings: WorkspaceSettingsUpdate }), output: WorkspaceSettingsShape },

  // The invocation history (<workspace>/.faaslab/history/, electron/store/) and metrics over it.
  'history.list': { input: HistoryListInput, output: z.array(InvocationSummaryShape) },
  'history.get': { input: z.object({ requestId: z.string() }), output: StoredInvocationShape },
  'history.stats': { input: none, output: HistoryStatsShape },
  'history.setRetention': { input: z.object({ maxCount: z.number().int().min(1).optional(), maxAgeDays: z.number().positive().optional() }), output: RetentionShape },
  'metrics.query': { input: MetricsQueryInput, output: MetricsResultShape },

  // The last log lines of all functions, for a panel opened after they were written.
  'logs.recent': { input: z.object({ limit: z.number().int().min(1).max(10_000).default(1000) }), output: z.array(LogEntryShape) },
  /** Past lines of one function from the history, by stream / invocation / CloudWatch filter pattern (a bad pattern: ValidationError, fields.filter). */
  'logs.query': { input: LogsQueryInput, output: LogsQueryResultShape },
} as const;

export const events = {
  log: LogEntryShape,
  invocation: InvocationRecordShape,
  environments: EnvironmentsState,
  /** The template changed (saved here or edited on disk): the new workspace picture. */
  workspace: WorkspaceInfo,
  /** A file in a function's code folder changed on disk. */
  file: z.object({ logicalId: z.string(), path: z.string() }),
  /** The workspace's triggers changed (template edit, server started, schedule toggled). */
  triggers: TriggersInfoShape,
  /** A trigger started an invocation (or answered without one: 404, 413, preflight). */
  activity: TriggerActivityShape,
  /** The workspace's queues or their message counts changed (debounced). */
  queues: z.array(QueueInfoShape),
  /** The workspace's local DynamoDB tables or their item counts changed (debounced). */
  tables: z.array(TableInfoShape),
  /** Objects of the workspace's buckets changed, by a function's S3 call, the UI or a file dropped in the folder (debounced): the buckets and which changed. */
  buckets: z.object({ buckets: z.array(BucketInfoShape), changed: z.array(z.string()) }),
  /** The workspace settings changed (.faaslab/settings.json). */
  settings: WorkspaceSettingsShape,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Input<M extends MethodName> = z.input<Methods[M]['input']>;
export type Output<M extends MethodName> = z.output<Methods[M]['output']>;
export type EventName = keyof typeof events;
export type EventData<E extends EventName> = z.output<(typeof events)[E]>;

/** An error as it crosses the boundary; `fields` maps a setting or variable to its message. */
export const HostErrorShape = z.object({
  code: z.enum(['ValidationError', 'NotFound', 'Conflict', 'ServiceError']),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
});
export type HostErrorShape = z.infer<typeof HostErrorShape>;

/** The wire protocol of both transports. */
export type Request = { id: number; method: MethodName; params: unknown };
export type Response = { id: number; result: unknown } | { id: number; error: HostErrorShape };
export type Push = { event: EventName; data: unknown };
