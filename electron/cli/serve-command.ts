import { describeSandbox } from '../engine/sandbox/sandbox-support.js';
import path from 'node:path';
import { lineWriter } from './line-output.js';
import type { TriggersInfo } from '../../shared/api/schemas.js';
import type { EventData } from '../../shared/api/contract.js';
import { startHostServer, isLoopback, type HostServer } from '../servers/host-server.js';
import { createHost } from '../services/create-host.js';
import type { Host } from '../services/host-types.js';
import { problemsByFunction } from '../workspace/read/template-loader.js';
import { CliError, parseCommandArgs, portValue, UsageError } from './args.js';
import { SERVE_HELP } from './help.js';
import { messagingLines } from './queue-lines.js';
import { storageLines } from './storage-lines.js';
import { loadForCli } from './workspace-loading.js';

export const DEFAULT_LAMBDA_PORT = 3001;

export async function serveCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    workspace: { type: 'string', short: 'w' },
    'lambda-port': { type: 'string', short: 'l' },
    'api-port': { type: 'string', short: 'a' },
    host: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(`${SERVE_HELP}\n`);
    return 0;
  }
  if (positionals.length) throw new UsageError(`serve takes no arguments, got: ${positionals.join(' ')}`);
  const port = portValue('lambda-port', values['lambda-port'], DEFAULT_LAMBDA_PORT);
  // Undefined: 3000, or a free port when 3000 is taken (createHost decides); given, it must be free.
  const apiPort = values['api-port'] === undefined ? undefined : portValue('api-port', values['api-port'], 0);
  const address = values.host ?? '127.0.0.1';
  const err = (l: string) => process.stderr.write(`${l}\n`);
  const out = lineWriter(process.stdout);

  // Loaded here first for the CLI's own messages: warnings with file:line, a bad template as a CliError.
  const ws = await loadForCli(values.workspace, err);
  let host: Host;
  try {
    host = await createHost({ workspaceDir: ws.dir, stateDir: process.env.FAASLAB_STATE_DIR, apiPort, apiHost: address, log: err });
  } catch (e) {
    const inUse = (e as { code?: string }).code === 'Conflict' && apiPort !== undefined;
    throw new CliError(`${(e as Error).message}${inUse ? '; pick another with --api-port (0 picks a free one)' : ''}`);
  }
  host.subscribe((push) => {
    if (push.event === 'log') out(`${push.data.logicalId} ${push.data.line}`);
    if (push.event === 'activity') out(`faaslab: ${activityLine(push.data)}`);
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
  out(`faaslab: ${ws.functions.length} function${ws.functions.length === 1 ? '' : 's'} from ${ws.templatePath}`);
  for (const fn of ws.functions) {
    const note = problems[fn.logicalId] ? `  (cannot run: ${problems[fn.logicalId]!.join('; ')})` : '';
    out(`  ${fn.logicalId}  ${fn.runtime}  ${fn.memorySizeMb} MB  ${fn.timeoutSeconds} s${note}`);
  }
  out(`faaslab: Lambda Invoke API ready at ${server.url}`);
  const sandbox = host.engine.sandbox;
  out(sandbox.kind === 'none' ? `faaslab: WARNING: functions run ${describeSandbox(sandbox)}` : `faaslab: functions run sandboxed: ${describeSandbox(sandbox)}`);
  out(`faaslab: local AWS services (S3, DynamoDB, SQS, SNS, EventBridge) at ${host.awsEndpoint}; functions get it as AWS_ENDPOINT_URL, the AWS CLI takes --endpoint-url ${host.awsEndpoint}`);
  const triggers = await host.call('triggers.list', {});
  const file = path.relative(process.cwd(), ws.templatePath) || ws.templatePath;
  for (const p of triggers.problems) err(`${p.severity}: ${file}${p.line ? `:${p.line}` : ''}: ${p.logicalId ? `${p.logicalId}: ` : ''}${p.message}`);
  for (const line of triggerLines(triggers)) out(line);
  for (const line of messagingLines(await host.call('queues.list', {}), await host.call('topics.list', {}))) out(line);
  for (const line of storageLines(await host.call('buckets.list', {}), await host.call('tables.list', {}))) out(line);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  out('faaslab: stopping');
  await server.close();
  await host.close();
  return 0;
}

/** The HTTP endpoints (routes, then Function URLs), schedules and EventBridge rules, one line each. */
export function triggerLines(info: TriggersInfo, now = new Date()): string[] {
  const lines: string[] = [];
  if (info.apiUrl) lines.push(`faaslab: HTTP triggers ready at ${info.apiUrl}${info.endpoints.length ? '' : ' (the template has no HttpApi or Api events, nor Function URLs)'}`);
  for (const e of info.endpoints) {
    const what = e.kind === 'function-url' ? 'Function URL' : e.path === '$default' ? '$default' : `${e.method} ${e.path}`;
    lines.push(`  ${what}  -> ${e.logicalId}  ${e.url}`);
  }
  if (info.schedules.length) lines.push(`faaslab: ${info.schedules.length} schedule${info.schedules.length === 1 ? '' : 's'} (faaslab schedule fire <Function> [<EventName>] runs one now)`);
  for (const s of info.schedules) {
    const when = s.error ? `never: ${s.error}` : !s.enabled ? 'disabled' : s.nextFireTimes[0] ? `next ${s.nextFireTimes[0]} (${relative(new Date(s.nextFireTimes[0]), now)})` : 'no more fire times';
    lines.push(`  ${s.expression || '(no expression)'}  -> ${s.logicalId} ${s.eventName}  ${s.description}, ${when}`);
  }
  const rules = info.eventRules ?? [];
  if (rules.length) lines.push(`faaslab: ${rules.length} EventBridge rule${rules.length === 1 ? '' : 's'} (events put with PutEvents reach them)`);
  for (const r of rules) {
    const targets = r.targets.length ? r.targets.join(', ') : '(no target of this template)';
    lines.push(`  ${r.bus}/${r.name}  ${r.pattern}  -> ${targets}${r.enabled ? '' : '  (disabled)'}`);
  }
  return lines;
}

function activityLine(a: EventData<'activity'>): string {
  const what = a.trigger === 'schedule' ? `schedule ${a.route}` : a.route === 'function-url' ? 'Function URL' : a.route;
  const outcome = a.statusCode !== undefined ? `${a.statusCode}${a.status && a.status !== 'success' ? ` (${a.status})` : ''}` : (a.status ?? 'not invoked');
  return `${what} -> ${a.logicalId} ${outcome} in ${Math.round(a.durationMs)} ms`;
}

function relative(at: Date, now: Date): string {
  const s = Math.max(0, Math.round((at.getTime() - now.getTime()) / 1000));
  if (s < 60) return `in ${s} s`;
  if (s < 3600) return `in ${Math.round(s / 60)} min`;
  if (s < 86_400 * 2) return `in ${Math.round(s / 360) / 10} h`;
  return `in ${Math.round(s / 8640) / 10} days`;
}
