/**
 * `faaslab sweep <Function>`: what AWS Lambda Power Tuning does in the cloud, here. The same event
 * at several memory sizes; for each, Duration and the cost of one invocation; the cheapest and the
 * fastest. Lambda gives CPU in proportion to memory (one vCPU at 1,769 MB): faaslab does the same
 * with a cpu cgroup per sandbox where it can, and says so where it cannot.
 */
import type { FunctionConfig } from '../../shared/domain/function-config.js';
import { invocationCost } from '../../shared/lambda/billing.js';
import { LIMITS } from '../../shared/lambda/limits.js';
import { Engine } from '../engine/engine.js';
import { findFunction, problemsByFunction } from '../workspace/read/template-loader.js';
import { CliError, parseCommandArgs, UsageError } from './args.js';
import { runningHost } from './host-client.js';
import { loadForCli } from './workspace-loading.js';
import { countOption, readEvent } from './event-input.js';

export const SWEEP_HELP = `Usage: faaslab sweep <Function> [--memory 128,512,1024,1769] [-n N] [--event FILE] [--json] [--workspace DIR]

Runs the event at each memory size (after one untimed cold start per size) and prints, per size,
Duration p50 and the cost of one invocation, then the cheapest and the fastest size: what AWS
Lambda Power Tuning does in the cloud. On Lambda, CPU grows with memory (one vCPU at 1,769 MB);
faaslab gives each sandbox that share of CPU where the machine lets it make a cpu cgroup, and
says when it cannot (durations are then this machine's, the same at every size).

Options:
  -m, --memory LIST     Memory sizes in MB, comma-separated (default: 128,256,512,1024,1769,3008)
  -n, --invocations N   Timed invocations per size (default: 5)
  -e, --event FILE      The event, a JSON file; '-' reads standard input (default: {})
      --json            Print the sweep as JSON
  -w, --workspace DIR   The folder with template.yaml (default: the current folder)
  -h, --help            Show this help

Exit status: 0 when every invocation succeeded; 1 otherwise; 2 for a usage mistake.`;

export interface SweepRow {
  memoryMb: number;
  durationP50Ms: number;
  billedP50Ms: number;
  /** One invocation: the request price and the GB-seconds of its billed duration. */
  costUsd: number;
  errors: number;
}

export interface SweepResult {
  function: string;
  cpuScaled: boolean;
  rows: SweepRow[];
  cheapest: number;
  fastest: number;
}

export async function sweepCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    workspace: { type: 'string', short: 'w' },
    event: { type: 'string', short: 'e' },
    memory: { type: 'string', short: 'm' },
    invocations: { type: 'string', short: 'n' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(`${SWEEP_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('name the function to sweep');
  const sizes = memorySizes(values.memory ?? '128,256,512,1024,1769,3008');
  const n = countOption(values.invocations, 'invocations', 5, 1_000);
  const payload = (await readEvent(values.event)).toString('utf8');
  const ws = await loadForCli(values.workspace, (l) => process.stderr.write(`${l}\n`));
  const fn = findFunction(ws, positionals[0]!);
  if (!fn) throw new CliError(`no function '${positionals[0]}' in ${ws.templatePath}`);
  const awsEndpoint = runningHost(ws.dir)?.awsEndpoint;

  const rows: SweepRow[] = [];
  let cpuScaled = false;
  for (const memoryMb of sizes) {
    const sized: FunctionConfig = { ...fn, memorySizeMb: memoryMb };
    const engine = new Engine({ functions: [sized], problems: problemsByFunction(ws), cpuScaling: true, ...(awsEndpoint ? { awsEndpoint } : {}) });
    cpuScaled = engine.cpuScaled;
    try {
      process.stderr.write(`faaslab: ${fn.logicalId} at ${memoryMb} MB: a cold start, then ${n} invocations\n`);
      await engine.invoke(fn.logicalId, { payload, source: 'sweep' });
      const runs = [];
      for (let i = 0; i < n; i++) runs.push((await engine.invoke(fn.logicalId, { payload, source: 'sweep' })).record);
      const durations = runs.map((r) => r.durationMs).sort((a, b) => a - b);
      const billed = runs.map((r) => r.billedDurationMs).sort((a, b) => a - b);
      const billedP50 = billed[Math.floor(billed.length / 2)]!;
      rows.push({
        memoryMb,
        durationP50Ms: durations[Math.floor(durations.length / 2)]!,
        billedP50Ms: billedP50,
        costUsd: invocationCost(memoryMb, billedP50, fn.architecture),
        errors: runs.filter((r) => r.status !== 'success').length,
      });
    } finally {
      await engine.close();
    }
  }
  const ok = rows.filter((r) => r.errors === 0);
  const pick = (better: (a: SweepRow, b: SweepRow) => boolean) => (ok.length ? ok.reduce((best, r) => (better(r, best) ? r : best)).memoryMb : 0);
  const result: SweepResult = {
    function: fn.logicalId,
    cpuScaled,
    rows,
    cheapest: pick((a, b) => a.costUsd < b.costUsd || (a.costUsd === b.costUsd && a.durationP50Ms < b.durationP50Ms)),
    fastest: pick((a, b) => a.durationP50Ms < b.durationP50Ms),
  };
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(`${sweepText(result)}\n`);
  return rows.every((r) => r.errors === 0) ? 0 : 1;
}

function sweepText(r: SweepResult): string {
  const lines = [`${r.function}: Duration and cost per invocation by memory size`, '  MEMORY     DURATION p50   BILLED   COST / INVOCATION   ERRORS'];
  for (const row of r.rows) {
    lines.push(
      `  ${`${row.memoryMb} MB`.padEnd(9)}  ${`${row.durationP50Ms.toFixed(2)} ms`.padStart(12)}  ${`${row.billedP50Ms} ms`.padStart(7)}  ${`$${row.costUsd.toFixed(10)}`.padStart(18)}  ${String(row.errors).padStart(6)}`,
    );
  }
  lines.push(`  cheapest: ${r.cheapest} MB · fastest: ${r.fastest} MB`);
  lines.push(
    r.cpuScaled
      ? '  CPU followed memory as on Lambda (one vCPU at 1,769 MB), through a cpu cgroup per sandbox.'
      : "  Durations are NOT scaled: faaslab could not make a cpu cgroup here, so every size ran on this machine's full CPU; on Lambda a smaller size also gets less CPU.",
  );
  return lines.join('\n');
}

function memorySizes(raw: string): number[] {
  const sizes = raw.split(',').map((s) => Number(s.trim()));
  for (const [i, m] of sizes.entries()) {
    if (!Number.isInteger(m) || m < LIMITS.memoryMb.min || m > LIMITS.memoryMb.max)
      throw new UsageError(`--memory: '${raw.split(',')[i]}' is not a memory size from ${LIMITS.memoryMb.min} to ${LIMITS.memoryMb.max} MB`);
  }
  return [...new Set(sizes)].sort((a, b) => a - b);
}
