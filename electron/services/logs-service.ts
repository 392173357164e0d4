/**
 * logs.*: the recent log lines of every function, kept by the host as they stream, and past ones
 * searched in the invocation history (store/logs-query.ts).
 */
import { parseFilterPattern, type FilterPattern } from '../../shared/logs/filter-pattern.js';
import type { HistoryRecorder } from '../store/history-recorder.js';
import { queryLogs } from '../store/logs-query.js';
import type { HostContext } from './host-context.js';
import { HostError } from './host-types.js';
import type { Registry } from './registry.js';

export function setupLogs(registry: Registry, ctx: HostContext): void {
  registry.register('logs.recent', async ({ limit }) => ctx.logs.recent(limit));
}

export function setupLogsQuery(registry: Registry, history: HistoryRecorder): void {
  registry.register('logs.query', async (q) => queryLogs(history.store, q, filterPattern(q.filter)));
}

/** A filter that does not parse is a ValidationError saying where it stops making sense. */
function filterPattern(text: string | undefined): FilterPattern {
  const parsed = parseFilterPattern(text ?? '');
  if (parsed.ok) return parsed.pattern;
  const { message, position } = parsed.error;
  throw new HostError('ValidationError', `filter: ${message} (at ${position + 1})`, { filter: `${message} (at position ${position})` });
}
