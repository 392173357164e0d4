/**
 * logs.query's search: the past log lines of one function, read from the invocation history (each
 * stored record keeps its lines and its environment's log stream), filtered with the CloudWatch
 * Logs filter-pattern syntax (shared/logs/filter-pattern.ts), paged newest invocation first. The
 * handler that parses the filter and answers the host method is services/logs-service.ts.
 */
import type { z } from 'zod';
import type { LogsQueryInput, LogsQueryResultShape } from '../../shared/api/logs-schemas.js';
import { matchesFilter, type FilterPattern } from '../../shared/logs/filter-pattern.js';
import type { InvocationStore } from './invocation-store.js';

type Query = z.output<typeof LogsQueryInput>;
type Result = z.output<typeof LogsQueryResultShape>;
type Line = Result['lines'][number];

const ISO_PREFIX = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)\t/;

/** A line's own timestamp (text format's first field, JSON's timestamp/time), else undefined. */
export function lineTime(line: string): number | undefined {
  const m = ISO_PREFIX.exec(line);
  if (m) return Date.parse(m[1]!);
  if (line.startsWith('{')) {
    const t = /"(?:timestamp|time)"\s*:\s*"([^"]+)"/.exec(line);
    if (t) {
      const ms = Date.parse(t[1]!);
      if (!Number.isNaN(ms)) return ms;
    }
  }
  return undefined;
}

/** `before` cursors are `<requestId>#<line index>`: continue at that line of that invocation. */
function parseCursor(before: string | undefined): { requestId: string; line: number } | undefined {
  if (!before) return undefined;
  const i = before.lastIndexOf('#');
  if (i < 0) return { requestId: before, line: 0 };
  const n = Number(before.slice(i + 1));
  return { requestId: before.slice(0, i), line: Number.isInteger(n) && n >= 0 ? n : 0 };
}

/** `pattern` is `q.filter` parsed: a filter that does not parse is the caller's validation error. */
export function queryLogs(store: InvocationStore, q: Query, pattern: FilterPattern): Result {
  const limit = q.limit;
  const summaries = store.list({ logicalId: q.logicalId, from: q.from, to: q.to, limit: Number.MAX_SAFE_INTEGER });
  const streams = new Map<string, { first: number; last: number; invocations: number }>();
  const lines: Line[] = [];
  let next: string | undefined;
  const cursor = parseCursor(q.before);
  let started = cursor === undefined;
  for (const s of summaries) {
    const rec = store.get(s.requestId);
    if (!rec) continue;
    const stream = rec.logStream ?? '';
    const start = Date.parse(s.startedAt);
    const end = start + (s.initDurationMs ?? 0) + s.durationMs;
    const info = streams.get(stream);
    if (info) {
      info.first = Math.min(info.first, start);
      info.last = Math.max(info.last, end);
      info.invocations++;
    } else streams.set(stream, { first: start, last: end, invocations: 1 });

    if (next !== undefined) continue;
    let from = 0;
    if (!started) {
      if (s.requestId !== cursor!.requestId) continue;
      started = true;
      from = cursor!.line;
    }
    if (q.logStream !== undefined && stream !== q.logStream) continue;
    if (q.requestId !== undefined && s.requestId !== q.requestId) continue;
    let time = start;
    for (let i = from; i < rec.logs.length; i++) {
      const line = rec.logs[i]!;
      time = Math.max(time, lineTime(line) ?? time);
      if (!matchesFilter(pattern, line)) continue;
      if (lines.length >= limit) {
        next = `${s.requestId}#${i}`;
        break;
      }
      lines.push({ time, logStream: stream, requestId: s.requestId, line });
    }
  }
  const streamList = [...streams]
    .filter(([name]) => name !== '')
    .sort((a, b) => b[1].last - a[1].last)
    .map(([logStream, v]) => ({ logStream, first: new Date(v.first).toISOString(), last: new Date(v.last).toISOString(), invocations: v.invocations }));
  return next === undefined ? { lines, streams: streamList } : { lines, streams: streamList, next };
}
