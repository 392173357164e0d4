import { startHostServer, isLoopback, type HostServer } from '../servers/host-server.js';
import { createHost } from '../services/create-host.js';
import type { Host } from '../services/host-types.js';
import { CliError, parseCommandArgs, portValue, UsageError } from './args.js';
import { SERVE_HELP } from './help.js';
import { loadForCli, problemsByFunction } from './workspace-loading.js';

export const DEFAULT_LAMBDA_PORT = 3001;

export async function serveCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    workspace: { type: 'string', short: 'w' },
    'lambda-port': { type: 'string', short: 'l' },
    host: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(`${SERVE_HELP}\n`);
    return 0;
  }
  if (positionals.length) throw new UsageError(`serve takes no arguments, got: ${positionals.join(' ')}`);
  const port = portValue('lambda-port', values['lambda-port'], DEFAULT_LAMBDA_PORT);
  const address = values.host ?? '127.0.0.1';
  const err = (l: string) => process.stderr.write(`${l}\n`);

  // Loaded here first for the CLI's own messages: warnings with file:line, a bad template as a CliError.
  const ws = await loadForCli(values.workspace, err);
  let host: Host;
  try {
    host = await createHost({ workspaceDir: ws.dir, stateDir: process.env.FAASLAB_STATE_DIR });
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  host.subscribe((push) => {
    if (push.event === 'log') process.stdout.write(`${push.data.logicalId} ${push.data.line}\n`);
  });
  // One server, as in the app: the Invoke API, and the host API for local clients (host.json).
  let server: HostServer;
  try {
    server = await startHostServer(host, { host: address, port, log: err });
  } catch (e) {
    await host.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') err(`faaslab serve: port ${port} is in use; pick another with --lambda-port (0 picks a free one)`);
    else err(`faaslab serve: cannot listen on ${address}:${port}: ${(e as Error).message}`);
    return 1;
  }
  if (!isLoopback(address)) err(`warning: listening on ${address}: other machines can invoke your functions`);

  const problems = problemsByFunction(ws);
  process.stdout.write(`faaslab: ${ws.functions.length} function${ws.functions.length === 1 ? '' : 's'} from ${ws.templatePath}\n`);
  for (const fn of ws.functions) {
    const note = problems[fn.logicalId] ? `  (cannot run: ${problems[fn.logicalId]!.join('; ')})` : '';
    process.stdout.write(`  ${fn.logicalId}  ${fn.runtime}  ${fn.memorySizeMb} MB  ${fn.timeoutSeconds} s${note}\n`);
  }
  process.stdout.write(`faaslab: Lambda Invoke API ready at ${server.url}\n`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stdout.write('faaslab: stopping\n');
  await server.close();
  await host.close();
  return 0;
}
