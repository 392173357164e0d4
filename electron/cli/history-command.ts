/**
 * `faaslab history [--workspace DIR] [--function F] [--limit N] [--json]`: the stored invocations
 * of a workspace, read from its history files (<workspace>/.faaslab/history/) directly, so it
 * works with or without a running host. The newest N, printed oldest first.
 */
import path from 'node:path';
import { InvocationStore, type InvocationSummary } from '../store/invocation-store.js';
import { limitValue, parseCommandArgs, UsageError } from './args.js';
import { textTable } from './text-table.js';

export const HISTORY_HELP = `Usage: faaslab history [--workspace DIR] [--function F] [--limit N] [--json]

Prints the invocations faaslab stored for the workspace (every run: the workbench, the CLI
through a running faaslab, the Invoke API, triggers), from <workspace>/.faaslab/history/.
Works whether or not faaslab is running. The newest N (default 50), oldest first.

Options:
  -w, --workspace DIR   The folder with template.yaml (default: the current folder)
  -f, --function F      Only this function (logical id or FunctionName)
  -n, --limit N         How many, the newest (default 50; 0 for all). When more are stored,
                        stderr says how many were left out
      --json            A JSON array of records, as 'faaslab invoke --json' prints them, with
                        event, trigger, codeVersion and costUsd
  -h, --help            Show this help`;

export async function historyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    workspace: { type: 'string', short: 'w' },
    function: { type: 'string', short: 'f' },
    limit: { type: 'string', short: 'n' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(`${HISTORY_HELP}\n`);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected arguments: ${positionals.join(' ')}`);
  const limit = limitValue(values.limit, 50);
  const dir = path.resolve(values.workspace ?? process.cwd());
  const store = InvocationStore.openWorkspace(dir, { readOnly: true });
  // One more than asked tells whether any were left out; counting them all only then.
  const found = store.list({ logicalId: values.function, limit: limit === 0 ? Number.MAX_SAFE_INTEGER : limit + 1 });
  if (limit !== 0 && found.length > limit) {
    const total = store.list({ logicalId: values.function, limit: Number.MAX_SAFE_INTEGER }).length;
    process.stderr.write(`showing the newest ${limit} of ${total} invocations (${total - limit} more; --limit 0 shows all)\n`);
    found.length = limit;
  }
  const rows = found.reverse();
  if (values.json) {
    const full = rows.map((r) => store.get(r.requestId) ?? r);
    process.stdout.write(`${JSON.stringify(full, null, 2)}\n`);
    return 0;
  }
  if (!rows.length) {
    process.stderr.write(`no invocations stored for ${dir}${values.function ? ` and ${values.function}` : ''}\n`);
    return 0;
  }
  process.stdout.write(table(rows));
  return 0;
}

function table(rows: InvocationSummary[]): string {
  const head = ['TIME', 'FUNCTION', 'STATUS', 'COLD', 'DURATION', 'BILLED', 'MEMORY', 'TRIGGER', 'REQUEST ID'];
  const body = rows.map((r) => [
    r.startedAt.replace('T', ' ').replace('Z', ''),
    r.logicalId,
    r.status,
    r.coldStart ? 'cold' : 'warm',
    `${r.durationMs.toFixed(2)} ms`,
    `${r.billedDurationMs} ms`,
    `${Math.round(r.maxMemoryUsedMb)}/${r.memorySizeMb} MB`,
    r.trigger ? r.trigger.kind : '-',
    r.requestId,
  ]);
  return textTable([head, ...body])
    .map((line) => `${line}\n`)
    .join('');
}
