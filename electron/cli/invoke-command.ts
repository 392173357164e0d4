import { describeSandbox } from '../engine/sandbox/sandbox-support.js';
import { randomUUID } from 'node:crypto';
import { createHost } from '../services/create-host.js';
import { runningHost } from './host-client.js';
import { Engine } from '../engine/engine.js';
import { FunctionConfigError } from '../engine/engine-errors.js';
import { findFunction, problemsByFunction, type Workspace } from '../workspace/read/template-loader.js';
import { CliError, parseCommandArgs, UsageError } from './args.js';
import { INVOKE_HELP } from './help.js';
import { loadForCli } from './workspace-loading.js';
import { readEvent } from './event-input.js';

export async function invokeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    workspace: { type: 'string', short: 'w' },
    event: { type: 'string', short: 'e' },
    json: { type: 'boolean' },
  });
  if (values.help) return print(INVOKE_HELP);
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `expected one function, got ${positionals.length}: ${positionals.join(' ')}` : 'name the function to invoke');
  const ref = positionals[0]!;

  const ws = await loadForCli(values.workspace, (l) => process.stderr.write(`${l}\n`));
  const fn = findFunction(ws, ref);
  if (!fn) {
    const names = ws.functions.map((f) => f.logicalId).join(', ') || '(none)';
    throw new CliError(`no function '${ref}' in ${ws.templatePath}; the functions are: ${names}`);
  }
  const payload = await readEvent(values.event);

  const requestId = randomUUID();
  const runner = await startRunner(ws, fn.logicalId);
  const { engine } = runner;
  // Only this invocation's lines (and its environment's init): a trigger its writes raise runs here too, quietly.
  if (!values.json) engine.on('log', (e) => (e.requestId === requestId || (!e.requestId && e.logicalId === fn.logicalId)) && process.stderr.write(`${e.line}\n`));
  // An install or build before the first run can take a while: say what it does, as it does it.
  engine.on('build', (b) => b.logicalId === fn.logicalId && process.stderr.write(`faaslab: ${b.line}\n`));
  if (runner.note) process.stderr.write(`faaslab: ${runner.note}\n`);
  // Said even with --json: running unsandboxed is never silent.
  if (engine.sandbox.kind === 'none') process.stderr.write(`faaslab: WARNING: ${fn.logicalId} runs ${describeSandbox(engine.sandbox)}\n`);
  try {
    const result = await engine.invoke(fn.logicalId, { payload, requestId, source: 'cli' });
    if (values.json) process.stdout.write(`${JSON.stringify(result.record)}\n`);
    else process.stdout.write(`${result.payload.toString('utf8')}\n`);
    return result.record.status === 'success' ? 0 : 1;
  } catch (err) {
    if (err instanceof FunctionConfigError) throw new CliError(err.message);
    throw err;
  } finally {
    await runner.close();
  }
}

/**
 * Where the function runs. With a host serving the workspace, in an engine of its own whose AWS
 * calls go to that host's local services (opening the workspace's tables a second time would
 * have two processes writing them). Otherwise in a host of its own, with the workspace's local
 * services and triggers but no schedules and free ports; the run is kept in the history.
 */
async function startRunner(ws: Workspace, logicalId: string): Promise<{ engine: Engine; note?: string; close(): Promise<void> }> {
  const running = runningHost(ws.dir);
  if (running?.awsEndpoint) {
    const engine = new Engine({ functions: ws.functions.filter((f) => f.logicalId === logicalId), problems: problemsByFunction(ws), spareProcesses: 0, awsEndpoint: running.awsEndpoint });
    return { engine, note: `AWS calls go to the local services of the faaslab host serving this workspace (${running.awsEndpoint})`, close: () => engine.close() };
  }
  const host = await createHost({ workspaceDir: ws.dir, stateDir: process.env.FAASLAB_STATE_DIR, apiPort: 0, awsPort: 0, schedules: false, engineOptions: { spareProcesses: 0 } });
  return { engine: host.engine, close: () => host.close() };
}

function print(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}
