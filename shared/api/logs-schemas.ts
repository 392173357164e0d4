/** zod shapes of logs.query: past log lines of one function, from the invocation history. Pure. */
import { z } from 'zod';

const Time = z.union([z.number(), z.string()]);

export const LogsQueryInput = z.object({
  logicalId: z.string().min(1),
  /** One execution environment's stream, `YYYY/MM/DD/[$LATEST]<id>`. */
  logStream: z.string().optional(),
  /** One invocation. */
  requestId: z.string().optional(),
  /** CloudWatch Logs filter-pattern syntax (shared/logs/filter-pattern.ts). */
  filter: z.string().optional(),
  /** Epoch ms or ISO, on the invocation's start. */
  from: Time.optional(),
  to: Time.optional(),
  limit: z.number().int().min(1).max(100_000).default(5000),
  /** The `next` of the previous page: continues with older lines. */
  before: z.string().optional(),
});

export const LogsQueryLineShape = z.object({
  /** Epoch ms: the line's own timestamp when it has one, else its invocation's start. */
  time: z.number(),
  logStream: z.string(),
  requestId: z.string().optional(),
  line: z.string(),
});

export const LogStreamInfoShape = z.object({
  logStream: z.string(),
  /** ISO times of the stream's first invocation start and last invocation end. */
  first: z.string(),
  last: z.string(),
  invocations: z.number(),
});

export const LogsQueryResultShape = z.object({
  /** Invocations newest first; each invocation's lines in the order they were written. */
  lines: z.array(LogsQueryLineShape),
  /** Every stream of the function (in from..to), the most recently used first. */
  streams: z.array(LogStreamInfoShape),
  /** Pass as `before` for the next (older) page; absent on the last page. */
  next: z.string().optional(),
});
