/**
 * `faaslab logs <Function> [--follow] [--filter PATTERN] [--json]`: the recent log lines of one
 * function of the workspace a running host serves (faaslab serve, faaslab ui), read through the
 * host API (logs.recent), kept when they match a CloudWatch filter pattern
 * (shared/logs/filter-pattern.ts); with --follow, then every new line the host pushes, until
 * Ctrl+C or SIGTERM.
 */
import path from 'node:path';
import type { LogEntryShape } from '../../shared/api/schemas.js';
import { matchesFilter, parseFilterPattern, type FilterPattern } from '../../shared/logs/filter-pattern.js';
import { CliError, parseCommandArgs, UsageError } from './args.js';
import { LOGS_HELP } from './help.js';
import { connectHost } from './host-client.js';

/** The most lines logs.recent hands out. */
const RECENT_LIMIT = 10_000;
/** How often --follow checks that the host still answers. */
const HEARTBEAT_MS = 2_000;

export async function logsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    workspace: { type: 'string', short: 'w' },
    follow: { type: 'boolean', short: 'f' },
    filter: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(`${LOGS_HELP}\n`);
    return 0;
  }
  const [wanted, ...extra] = positionals;
  if (wanted === undefined) throw new UsageError('missing the function: faaslab logs <Function> [--follow] [--filter PATTERN]');
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);

  const text = values.filter ?? '';
  const parsed = parseFilterPattern(text);
  if (!parsed.ok) {
    process.stderr.write(`faaslab logs: bad --filter pattern: ${parsed.error.message}\n${caret(text, parsed.error.position)}\n`);
    return 2;
  }
  const pattern: FilterPattern = parsed.pattern;

  const dir = path.resolve(values.workspace ?? process.cwd());
  const client = await connectHost(dir);
  try {
    const ws = await client.call('workspace.current');
    const fn = ws.functions.find((f) => f.logicalId === wanted) ?? ws.functions.find((f) => f.functionName === wanted);
    if (!fn) {
      const names = ws.functions.map((f) => f.logicalId).join(', ') || '(none)';
      throw new CliError(`no function ${wanted} in ${ws.templatePath}; its functions: ${names}`);
    }
    const print = (e: LogEntryShape) => {
      if (e.logicalId !== fn.logicalId || !matchesFilter(pattern, e.line)) return;
      if (values.json) process.stdout.write(`${JSON.stringify({ logStream: e.logStream, requestId: e.requestId ?? null, time: e.time, line: e.line })}\n`);
      else process.stdout.write(`${e.line}\n`);
    };

    // Listen before reading the recent lines, so none falls between; hold pushes until then.
    let held: LogEntryShape[] | undefined = [];
    const unsubscribe = values.follow
      ? client.onPush((push) => {
          if (push.event !== 'log') return;
          const entry = push.data as LogEntryShape;
          if (held) held.push(entry);
          else print(entry);
        })
      : () => {};
    const recent = await client.call('logs.recent', { limit: RECENT_LIMIT });
    for (const e of recent) print(e);
    if (!values.follow) return 0;

    const seen = new Set(recent.map(key));
    const pending = held;
    held = undefined;
    for (const e of pending) if (!seen.has(key(e))) print(e);

    return await new Promise<number>((resolve) => {
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
  } finally {
    await client.close();
  }
}

function key(e: LogEntryShape): string {
  return `${e.time}\u0000${e.logStream}\u0000${e.line}`;
}

/** The pattern, and a caret under the position of the mistake. */
export function caret(text: string, position: number): string {
  return `  ${text}\n  ${' '.repeat(Math.max(0, Math.min(position, text.length)))}^`;
}
