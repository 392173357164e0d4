/** zod shapes of the invocation history and metrics (history.*, metrics.query). Pure. */
import { z } from 'zod';
import { AwsCallShape, FunctionErrorShape } from './schemas.js';

const Status = z.enum(['success', 'error', 'timeout', 'throttled', 'crashed', 'oom']);
const Time = z.union([z.number(), z.string()]);
export const TriggerRefShape = z.object({ kind: z.string(), route: z.string().optional() });

export const HistoryListInput = z.object({
  logicalId: z.string().optional(),
  status: Status.optional(),
  trigger: z.string().optional(),
  cold: z.boolean().optional(),
  from: Time.optional(),
  to: Time.optional(),
  text: z.string().optional(),
  limit: z.number().int().min(1).max(10_000).default(200),
  /** A requestId from the previous page: continues with older records. */
  before: z.string().optional(),
});

export const InvocationSummaryShape = z.object({
  requestId: z.string(),
  functionName: z.string(),
  logicalId: z.string(),
  status: Status,
  coldStart: z.boolean(),
  durationMs: z.number(),
  billedDurationMs: z.number(),
  initDurationMs: z.number().optional(),
  memorySizeMb: z.number(),
  maxMemoryUsedMb: z.number(),
  startedAt: z.string(),
  architecture: z.enum(['x86_64', 'arm64']).optional(),
  costUsd: z.number().optional(),
  trigger: TriggerRefShape.optional(),
});

export const StoredInvocationShape = InvocationSummaryShape.extend({
  response: z.unknown().optional(),
  error: FunctionErrorShape.optional(),
  logStream: z.string().optional(),
  logs: z.array(z.string()),
  sandbox: z.enum(['bubblewrap', 'none']).optional(),
  cancelled: z.boolean().optional(),
  event: z.string().optional(),
  eventTruncated: z.boolean().optional(),
  codeVersion: z.string().optional(),
  awsCalls: z.array(AwsCallShape).optional(),
  awsTarget: z.object({ mode: z.literal('aws'), profile: z.string(), region: z.string() }).optional(),
});

export const RetentionShape = z.object({ maxCount: z.number(), maxAgeDays: z.number() });

export const HistoryStatsShape = z.object({
  count: z.number(),
  sizeBytes: z.number(),
  segments: z.number(),
  oldest: z.string().nullable(),
  newest: z.string().nullable(),
  retention: RetentionShape,
});

export const MetricsQueryInput = z.object({
  logicalId: z.string().optional(),
  from: Time,
  to: Time,
  bucketSeconds: z
    .number()
    .positive()
    .max(31 * 86_400),
});

const Bucket = z.object({
  start: z.string(),
  invocations: z.number(),
  errors: z.number(),
  throttles: z.number(),
  coldStarts: z.number(),
  duration: z.object({ avg: z.number(), p50: z.number(), p90: z.number(), p99: z.number(), max: z.number() }),
  avgInitMs: z.number().nullable(),
  maxMemoryMb: z.number(),
  gbSeconds: z.number(),
  costUsd: z.number(),
});

export const MetricsResultShape = z.object({
  from: z.string(),
  to: z.string(),
  bucketSeconds: z.number(),
  buckets: z.array(Bucket),
  totals: z.object({
    invocations: z.number(),
    errors: z.number(),
    throttles: z.number(),
    coldStarts: z.number(),
    requests: z.number(),
    gbSeconds: z.number(),
    costUsd: z.number(),
    freeTier: z.object({ requests: z.number(), gbSeconds: z.number(), coveredUsd: z.number() }),
    costAfterFreeTierUsd: z.number(),
  }),
});
