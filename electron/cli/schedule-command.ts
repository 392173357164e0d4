/**
 * `faaslab schedule fire <Function> [<EventName>]`: fires a schedule of the workspace a running
 * host serves (faaslab serve, faaslab ui), now, enabled or not, through the host API. The run
 * is one like any other there: logged, counted, shown in the UI.
 */
import path from 'node:path';
import type { ScheduleInfo } from '../../shared/api/schemas.js';
import { CliError, parseCommandArgs, UsageError } from './args.js';
import { SCHEDULE_HELP } from './help.js';
import { connectHost } from './host-client.js';

export async function scheduleCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    workspace: { type: 'string', short: 'w' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(`${SCHEDULE_HELP}\n`);
    return 0;
  }
  const [action, logicalId, eventName, ...extra] = positionals;
  if (action === undefined) throw new UsageError('missing the action: faaslab schedule fire <Function> [<EventName>]');
  if (action !== 'fire') throw new UsageError(`unknown action '${action}'; the action is fire`);
  if (logicalId === undefined) throw new UsageError('missing the function: faaslab schedule fire <Function> [<EventName>]');
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);

  const dir = path.resolve(values.workspace ?? process.cwd());
  const client = await connectHost(dir);
  try {
    const { schedules } = await client.call('triggers.list');
    const schedule = pick(schedules, logicalId, eventName);
    const record = await client.call('schedules.fire', { id: schedule.id });
    for (const line of record.logs) process.stderr.write(`${line}\n`);
    if (values.json) process.stdout.write(`${JSON.stringify(record)}\n`);
    else process.stdout.write(`${JSON.stringify(record.status === 'success' ? (record.response ?? null) : (record.error ?? { status: record.status }))}\n`);
    if (record.status !== 'success' && !values.json) process.stderr.write(`faaslab schedule: ${schedule.id} ran ${record.logicalId}, which ended with status ${record.status}\n`);
    return record.status === 'success' ? 0 : 1;
  } finally {
    await client.close();
  }
}

/** The schedule named, or the function's only one; otherwise an error that lists the choices. */
function pick(schedules: ScheduleInfo[], logicalId: string, eventName: string | undefined): ScheduleInfo {
  const mine = schedules.filter((s) => s.logicalId === logicalId);
  const all = schedules.length ? `the workspace's schedules: ${schedules.map((s) => `${s.logicalId} ${s.eventName}`).join(', ')}` : 'the workspace has no schedules';
  if (eventName !== undefined) {
    const found = mine.find((s) => s.eventName === eventName);
    if (found) return found;
    throw new CliError(`${logicalId} has no schedule named ${eventName}; ${all}`);
  }
  if (mine.length === 1) return mine[0]!;
  if (mine.length === 0) throw new CliError(`${logicalId} has no schedule; ${all}`);
  throw new CliError(`${logicalId} has ${mine.length} schedules: name one of ${mine.map((s) => s.eventName).join(', ')} (faaslab schedule fire ${logicalId} <EventName>)`);
}
