import { Engine } from '../engine/engine.js';
import { startInvokeApiServer } from '../servers/invoke-api.js';
import { parseCommandArgs, portValue, UsageError } from './args.js';
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
  const host = values.host ?? '127.0.0.1';
  const err = (l: string) => process.stderr.write(`${l}\n`);

  const ws = await loadForCli(values.workspace, err);
  const engine = new Engine({ functions: ws.functions, problems: problemsByFunction(ws) });
  engine.on('log', (e) => process.stdout.write(`${e.logicalId} ${e.line}\n`));
  let server: Awaited<ReturnType<typeof startInvokeApiServer>>;
  try {
    server = await startInvokeApiServer(engine, { host, port });
  } catch (e) {
    await engine.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') err(`faaslab serve: port ${port} is in use; pick another with --lambda-port (0 picks a free one)`);
    else err(`faaslab serve: cannot listen on ${host}:${port}: ${(e as Error).message}`);
    return 1;
  }
  if (!isLoopback(host)) err(`warning: listening on ${host}: other machines can invoke your functions`);

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
  await engine.close();
  return 0;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
