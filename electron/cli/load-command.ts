/**
 * `faaslab load <Function> -n N -c C`: the load lab without the UI. Through the host serving the
 * workspace when one runs (the workbench then shows the load live), otherwise in a host of its
 * own; either way every invocation is in the history.
 */
import type { InvocationRecord } from '../../shared/domain/invocation.js';
import { createHost } from '../services/create-host.js';
import { findFunction } from '../workspace/read/template-loader.js';
import { CliError, parseCommandArgs, UsageError } from './args.js';
import { connectHost, runningHost } from './host-client.js';
import { progressLine, runLoad, type LoadSummary } from './load-runner.js';
import { loadForCli } from './workspace-loading.js';
import { countOption, readEvent } from './event-input.js';

export const LOAD_HELP = `Usage: faaslab load <Function> [-n N] [-c C] [--event FILE] [--json] [--workspace DIR]

Fires N invocations of the function, C at a time, and reports what Lambda would: how many ran,
how many were throttled (429: over its ReservedConcurrentExecutions or the account's limit) or
failed, how many were cold starts, and Duration p50/p99. A progress bar goes to stderr. Runs
through the faaslab that serves the workspace when one runs (the workbench shows the load live),
otherwise in one of its own. Every invocation is kept in the history.

Options:
  -n, --invocations N   How many invocations (default: 100)
  -c, --concurrency C   How many at a time (default: 10)
  -e, --event FILE      The event, a JSON file; '-' reads standard input (default: {})
      --json            Print the summary as JSON
  -w, --workspace DIR   The folder with template.yaml (default: the current folder)
  -h, --help            Show this help

Exit status: 0 when every invocation ran or was throttled; 1 when some failed; 2 for a usage mistake.`;

export async function loadCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    workspace: { type: 'string', short: 'w' },
    event: { type: 'string', short: 'e' },
    invocations: { type: 'string', short: 'n' },
    concurrency: { type: 'string', short: 'c' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(`${LOAD_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `expected one function, got ${positionals.length}` : 'name the function to load');
  const n = countOption(values.invocations, 'invocations', 100, 100_000);
  const concurrency = countOption(values.concurrency, 'concurrency', 10, 1_000);
  const payload = (await readEvent(values.event)).toString('utf8');

  const ws = await loadForCli(values.workspace, (l) => process.stderr.write(`${l}\n`));
  const fn = findFunction(ws, positionals[0]!);
  if (!fn) throw new CliError(`no function '${positionals[0]}' in ${ws.templatePath}; the functions are: ${ws.functions.map((f) => f.logicalId).join(', ') || '(none)'}`);

  const runner = await startRunner(ws.dir);
  process.stderr.write(`faaslab: ${n} invocations of ${fn.logicalId}, ${concurrency} at a time, ${runner.where}\n`);
  const tty = process.stderr.isTTY === true;
  let lastTenth = 0;
  let summary: LoadSummary;
  try {
    summary = await runLoad({
      n,
      concurrency,
      invoke: (): Promise<InvocationRecord> => runner.invoke(fn.logicalId, payload),
      onProgress: (p) => {
        if (tty) process.stderr.write(`\r${progressLine(p)}`);
        else if (Math.floor((p.done * 10) / p.total) > lastTenth || p.done === p.total) {
          lastTenth = Math.floor((p.done * 10) / p.total);
          process.stderr.write(`${progressLine(p)}\n`);
        }
      },
    });
  } finally {
    if (tty) process.stderr.write('\n');
    await runner.close();
  }
  if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else process.stdout.write(`${summaryText(fn.logicalId, summary)}\n`);
  return summary.errors > 0 ? 1 : 0;
}

function summaryText(name: string, s: LoadSummary): string {
  const statuses = Object.entries(s.byStatus)
    .map(([status, k]) => `${k} ${status}`)
    .join(', ');
  return [
    `${name}: ${s.invocations} invocations, ${s.concurrency} at a time, in ${(s.wallMs / 1000).toFixed(2)} s (${s.perSecond}/s)`,
    `  ${statuses}`,
    `  ${s.coldStarts} cold starts · at most ${s.maxInFlight} in flight`,
    `  Duration p50 ${s.durationMs.p50} ms, p99 ${s.durationMs.p99} ms · round trip p50 ${s.latencyMs.p50} ms, p99 ${s.latencyMs.p99} ms`,
  ].join('\n');
}

interface Runner {
  where: string;
  invoke(logicalId: string, payload: string): Promise<InvocationRecord>;
  close(): Promise<void>;
}

async function startRunner(dir: string): Promise<Runner> {
  if (runningHost(dir)) {
    const client = await connectHost(dir);
    return { where: `through the faaslab serving ${dir}`, invoke: (logicalId, payload) => client.call('invoke.run', { logicalId, payload, trigger: 'load' }), close: () => client.close() };
  }
  const host = await createHost({ workspaceDir: dir, stateDir: process.env.FAASLAB_STATE_DIR, apiPort: 0, awsPort: 0, schedules: false });
  return {
    where: 'in a faaslab of its own',
    invoke: (logicalId, payload) => host.call('invoke.run', { logicalId, payload, trigger: 'load' }) as Promise<InvocationRecord>,
    close: () => host.close(),
  };
}
