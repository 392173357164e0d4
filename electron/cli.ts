/** The faaslab command: dispatches to one module per command (electron/cli/). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CliError, UsageError } from './cli/args.js';
import { eventsCommand } from './cli/events-command.js';
import { MAIN_HELP } from './cli/help.js';
import { invokeCommand } from './cli/invoke-command.js';
import { loadCommand } from './cli/load-command.js';
import { logsCommand } from './cli/logs-command.js';
import { historyCommand } from './cli/history-command.js';
import { scheduleCommand } from './cli/schedule-command.js';
import { queueCommand } from './cli/queue-command.js';
import { topicCommand } from './cli/topic-command.js';
import { tableCommand } from './cli/table-command.js';
import { testCommand } from './cli/test-command.js';
import { serveCommand } from './cli/serve-command.js';
import { sweepCommand } from './cli/sweep-command.js';
import { uiCommand } from './cli/ui-command.js';
import { listCommand, validateCommand } from './cli/validate-command.js';
import { packageRoot } from './engine/assets.js';

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  events: eventsCommand,
  invoke: invokeCommand,
  load: loadCommand,
  logs: logsCommand,
  history: historyCommand,
  schedule: scheduleCommand,
  queue: queueCommand,
  topic: topicCommand,
  table: tableCommand,
  test: testCommand,
  serve: serveCommand,
  sweep: sweepCommand,
  ui: uiCommand,
  validate: validateCommand,
  list: listCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${MAIN_HELP}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
    process.stdout.write(`faaslab ${pkg.version}\n`);
    return 0;
  }
  const run = COMMANDS[command];
  try {
    if (!run) throw new UsageError(`unknown command '${command}'`);
    return await run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`faaslab${run ? ` ${command}` : ''}: ${err.message}\nSee 'faaslab ${run ? `${command} ` : ''}--help'.\n`);
      return 2;
    }
    if (err instanceof CliError) {
      process.stderr.write(`faaslab ${command}: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`faaslab: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
