/**
 * `faaslab validate [--workspace DIR] [--json]` (as `sam validate`) and `faaslab list`: loads the
 * template the way `serve` does (functions, HTTP routes, schedules, buckets, tables, queues,
 * topics) and prints each function with what it runs on and what triggers it, or every error with
 * file:line:col. Exit 1 when the template has an error, so it can guard a commit or a CI job.
 */
import path from 'node:path';
import type { FunctionConfig } from '../../shared/domain/function-config.js';
import type { Trigger } from '../../shared/domain/triggers.js';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from '../../shared/lambda/limits.js';
import { readEventBridge } from '../workspace/read/eventbridge-loader.js';
import { readMessaging } from '../workspace/read/messaging-loader.js';
import { readTemplateTriggers } from '../workspace/read/trigger-loader.js';
import { loadWorkspaceTemplate, TemplateError, type WorkspaceProblem } from '../workspace/read/template-loader.js';
import { parseCommandArgs, UsageError } from './args.js';
import { textTable } from './text-table.js';

export const VALIDATE_HELP = `Usage: faaslab validate [--workspace DIR] [--json]

Checks the workspace's template.yaml as faaslab loads it (like sam validate): the YAML, the
CloudFormation tags, every function and every event. Prints each function with its runtime,
handler, memory, timeout and triggers, then the warnings; or each error as file:line:col.

Options:
  -w, --workspace DIR   The folder with template.yaml (default: the current folder)
      --json            Print {"template", "valid", "functions", "problems"} as JSON
  -h, --help            Show this help

Exit status: 0 when the template has no error (warnings allowed); 1 when it has one;
2 for a usage mistake.`;

export const LIST_HELP = `Usage: faaslab list [--workspace DIR] [--json]

Lists the workspace's functions: logical id, runtime, handler, memory and timeout.
The same load as faaslab validate; exit 1 when the template cannot be loaded.

Options:
  -w, --workspace DIR   The folder with template.yaml (default: the current folder)
      --json            Print the functions as a JSON array
  -h, --help            Show this help`;

export interface FunctionSummary {
  logicalId: string;
  functionName: string;
  runtime: string;
  handler: string;
  memorySizeMb: number;
  timeoutSeconds: number;
  architecture: string;
  triggers: string[];
}

export interface Located {
  severity: 'error' | 'warning';
  /** file:line:col (or the file alone when the template says nothing more precise). */
  where: string;
  logicalId?: string;
  message: string;
}

export interface Validation {
  template: string;
  valid: boolean;
  functions: FunctionSummary[];
  problems: Located[];
}

/** Loads the template in dir with every loader the host uses; never throws for a bad template. */
export async function validateWorkspace(dir: string): Promise<Validation> {
  let loaded: Awaited<ReturnType<typeof loadWorkspaceTemplate>>;
  try {
    loaded = await loadWorkspaceTemplate(dir);
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    const where = err.line === undefined ? display(err.file) : `${display(err.file)}:${err.line}:${err.column ?? 1}`;
    // The message already starts with basename:line:col; keep only the reason.
    const message = err.line === undefined ? err.message : err.message.replace(/^[^:]+:\d+:\d+: /, '');
    return { template: err.file, valid: false, functions: [], problems: [{ severity: 'error', where, message }] };
  }
  const { ws, template } = loaded;
  const triggers = readTemplateTriggers(template);
  const messaging = readMessaging(template, { region: DEFAULT_REGION, accountId: DEFAULT_ACCOUNT_ID });
  const eventBridge = readEventBridge(template, { region: DEFAULT_REGION, accountId: DEFAULT_ACCOUNT_ID });
  const all: Trigger[] = [
    ...triggers.routes,
    ...triggers.functionUrls,
    ...triggers.schedules,
    ...(triggers.storage?.s3 ?? []),
    ...(triggers.storage?.streams ?? []),
    ...messaging.sqsTriggers,
    ...messaging.snsTriggers,
  ];
  const lines = template.text.split('\n');
  const problems = [...ws.problems, ...triggers.problems, ...messaging.problems, ...eventBridge.problems];
  const located = dedupe(problems).map((p) => locate(p, ws.templatePath, lines));
  located.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return {
    template: ws.templatePath,
    valid: !located.some((p) => p.severity === 'error'),
    functions: ws.functions.map((f) => summarize(f, all)),
    problems: located,
  };
}

export async function validateCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { workspace: { type: 'string', short: 'w' }, json: { type: 'boolean' } });
  if (values.help) {
    process.stdout.write(`${VALIDATE_HELP}\n`);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected arguments: ${positionals.join(' ')}`);
  const result = await validateWorkspace(path.resolve(values.workspace ?? process.cwd()));
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return result.valid ? 0 : 1;
  }
  const out: string[] = [];
  if (result.functions.length) out.push(functionTable(result.functions, true));
  for (const p of result.problems) out.push(`${p.where}: ${p.severity}: ${p.logicalId ? `${p.logicalId}: ` : ''}${p.message}`);
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const warnings = result.problems.length - errors;
  const counts = `${plural(result.functions.length, 'function')}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  out.push(result.valid ? `${display(result.template)} is valid: ${counts}` : `${display(result.template)} is not valid: ${counts}`);
  (result.valid ? process.stdout : process.stderr).write(`${out.join('\n')}\n`);
  return result.valid ? 0 : 1;
}

export async function listCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { workspace: { type: 'string', short: 'w' }, json: { type: 'boolean' } });
  if (values.help) {
    process.stdout.write(`${LIST_HELP}\n`);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected arguments: ${positionals.join(' ')}`);
  const result = await validateWorkspace(path.resolve(values.workspace ?? process.cwd()));
  const fatal = result.functions.length === 0 && !result.valid;
  if (fatal) {
    for (const p of result.problems) process.stderr.write(`${p.where}: ${p.severity}: ${p.message}\n`);
    return 1;
  }
  if (values.json) process.stdout.write(`${JSON.stringify(result.functions, null, 2)}\n`);
  else if (result.functions.length) process.stdout.write(`${functionTable(result.functions, false)}\n`);
  else process.stderr.write(`no functions in ${display(result.template)}\n`);
  return 0;
}

function summarize(f: FunctionConfig, triggers: Trigger[]): FunctionSummary {
  return {
    logicalId: f.logicalId,
    functionName: f.functionName,
    runtime: f.runtime,
    handler: f.handler,
    memorySizeMb: f.memorySizeMb,
    timeoutSeconds: f.timeoutSeconds,
    architecture: f.architecture,
    triggers: triggers.filter((t) => t.logicalId === f.logicalId).map(describeTrigger),
  };
}

/** One trigger as a person reads it in the template: its kind, then what it listens to. */
export function describeTrigger(t: Trigger): string {
  switch (t.kind) {
    case 'http-api':
      return `HttpApi ${t.method} ${t.path}`;
    case 'rest-api':
      return `Api ${t.method} ${t.path}`;
    case 'function-url':
      return `FunctionUrl (${t.authType}${t.invokeMode === 'RESPONSE_STREAM' ? ', streaming' : ''})`;
    case 'schedule':
      return `${t.type} ${t.expression}${t.enabled ? '' : ' (disabled)'}`;
    case 's3':
      return `S3 ${t.bucket} ${t.events.join(',')}`;
    case 'sqs':
      return `SQS ${t.queue} (batch ${t.batchSize})`;
    case 'dynamodb':
      return `DynamoDB ${t.table} stream (batch ${t.batchSize})`;
    case 'sns':
      return `SNS ${t.topic}`;
  }
}

function functionTable(fns: FunctionSummary[], withTriggers: boolean): string {
  const head = ['FUNCTION', 'RUNTIME', 'HANDLER', 'MEMORY', 'TIMEOUT', ...(withTriggers ? ['TRIGGERS'] : [])];
  const rows = fns.map((f) => [f.logicalId, f.runtime, f.handler, `${f.memorySizeMb} MB`, `${f.timeoutSeconds} s`, ...(withTriggers ? [f.triggers.join('; ') || '-'] : [])]);
  return textTable([head, ...rows]).join('\n');
}

/**
 * A problem knows its line; its column is where that line's key starts, which is what the
 * loader points at (a key path in the template).
 */
function locate(p: WorkspaceProblem, file: string, lines: string[]): Located {
  const base = { severity: p.severity, message: p.message, ...(p.logicalId ? { logicalId: p.logicalId } : {}) };
  if (p.line === undefined) return { ...base, where: display(file) };
  const text = lines[p.line - 1] ?? '';
  const column = text.length - text.trimStart().length + 1;
  return { ...base, where: `${display(file)}:${p.line}:${column}` };
}

/** The loaders each see the whole template, so one mistake can be reported by two of them. */
function dedupe(problems: WorkspaceProblem[]): WorkspaceProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.severity}\u0000${p.line}\u0000${p.logicalId}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function display(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
