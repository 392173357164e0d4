/**
 * `faaslab logs <Function> [--limit N] [--follow] [--filter PATTERN] [--json]`: the newest stored
 * log lines of one function, read from the workspace's history files (so it works whether or not
 * a host runs, and after a restart), kept when they match a CloudWatch filter pattern
 * (shared/logs/filter-pattern.ts); with --follow, then every new line the running host pushes,
 * until Ctrl+C or SIGTERM.
 */
import path from 'node:path';
import type { LogEntryShape } from '../../shared/api/schemas.js';
import { matchesFilter, parseFilterPattern, type FilterPattern } from '../../shared/logs/filter-pattern.js';
import { InvocationStore } from '../store/invocation-store.js';
import { tailStoredLogs } from '../store/log-tail.js';
import { loadWorkspace, TemplateError } from '../workspace/read/template-loader.js';
import { CliError, limitValue, parseCommandArgs, UsageError } from './args.js';
import { LOGS_HELP } from './help.js';
import { connectHost, type HostClient } from './host-client.js';

/** How often --follow checks that the host still answers. */
const HEARTBEAT_MS = 2_000;

interface Printed {
  logStream: string;
  requestId?: string;
  time: number;
  line: string;
}

export async function logsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    workspace: { type: 'string', short: 'w' },
    follow: { type: 'boolean', short: 'f' },
    filter: { type: 'string' },
    limit: { type: 'string', short: 'n' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(`${LOGS_HELP}\n`);
    return 0;
  }
  const [wanted, ...extra] = positionals;
  if (wanted === undefined) throw new UsageError('missing the function: faaslab logs <Function> [--follow] [--filter PATTERN]');
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  const limit = limitValue(values.limit, 100);

  const text = values.filter ?? '';
  const parsed = parseFilterPattern(text);
  if (!parsed.ok) {
    process.stderr.write(`faaslab logs: bad --filter pattern: ${parsed.error.message}\n${caret(text, parsed.error.position)}\n`);
    return 2;
  }
  const pattern: FilterPattern = parsed.pattern;
  const dir = path.resolve(values.workspace ?? process.cwd());
  const print = (e: Printed) => {
    if (values.json) process.stdout.write(`${JSON.stringify({ logStream: e.logStream, requestId: e.requestId ?? null, time: e.time, line: e.line })}\n`);
    else process.stdout.write(`${e.line}\n`);
  };

  // Connect before reading the stored lines, so that none written in between is missed.
  const client = values.follow ? await connectHost(dir) : undefined;
  try {
    const store = InvocationStore.openWorkspace(dir, { readOnly: true });
    const logicalId = await resolveFunction(dir, wanted, store);
    let held: LogEntryShape[] | undefined = [];
    const unsubscribe = client
      ? client.onPush((push) => {
          if (push.event !== 'log') return;
          const entry = push.data as LogEntryShape;
          if (entry.logicalId !== logicalId || !matchesFilter(pattern, entry.line)) return;
          if (held) held.push(entry);
          else print(entry);
        })
      : () => {};

    const stored = tailStoredLogs(store, { logicalId, pattern, limit });
    for (const e of stored) print(e);
    if (!client) {
      if (!stored.length) process.stderr.write(`no stored log lines of ${logicalId}${text ? ' match the filter' : ''} in ${dir}\n`);
      return 0;
    }
    // Lines pushed while the files were read are printed unless they were among the stored ones.
    const seen = new Map<string, number>();
    for (const e of stored) seen.set(key(e), (seen.get(key(e)) ?? 0) + 1);
    const pending = held;
    held = undefined;
    for (const e of pending) {
      const n = seen.get(key(e)) ?? 0;
      if (n > 0) seen.set(key(e), n - 1);
      else print(e);
    }
    return await follow(client, unsubscribe);
  } finally {
    await client?.close();
  }
}

/** Until Ctrl+C or SIGTERM (exit 0), or the host stops answering (exit 1). */
function follow(client: HostClient, unsubscribe: () => void): Promise<number> {
  return new Promise<number>((resolve) => {
    const stop = (code: number) => {
      clearInterval(heartbeat);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      unsubscribe();
      resolve(code);
    };
    const onSignal = () => stop(0);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const heartbeat = setInterval(() => {
      client.call('workspace.current').catch((err: Error) => {
        process.stderr.write(`faaslab logs: ${err.message}\n`);
        stop(1);
      });
    }, HEARTBEAT_MS);
  });
}

/**
 * The logical id of <Function> (a logical id or FunctionName) in the template; when the template
 * cannot be loaded, the names the history knows, so a broken template does not hide past logs.
 */
async function resolveFunction(dir: string, wanted: string, store: InvocationStore): Promise<string> {
  let known: Array<{ logicalId: string; functionName: string }>;
  let where: string;
  try {
    const ws = await loadWorkspace(dir);
    known = ws.functions;
    where = ws.templatePath;
  } catch (err) {
    if (!(err instanceof TemplateError) && (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    known = store.functions();
    where = `the history of ${dir} (the template cannot be loaded: ${(err as Error).message})`;
  }
  const fn = known.find((f) => f.logicalId === wanted) ?? known.find((f) => f.functionName === wanted);
  if (fn) return fn.logicalId;
  const names = known.map((f) => f.logicalId).join(', ') || '(none)';
  throw new CliError(`no function ${wanted} in ${where}; its functions: ${names}`);
}

/** Stored lines and pushed ones carry different times; the invocation and the text identify them. */
function key(e: Printed): string {
  return `${e.requestId ?? ''}\u0000${e.line}`;
}

/** The pattern, and a caret under the position of the mistake. */
export function caret(text: string, position: number): string {
  return `  ${text}\n  ${' '.repeat(Math.max(0, Math.min(position, text.length)))}^`;
}
