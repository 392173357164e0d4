import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}

/** A failure the user can act on (missing file, bad template): printed plainly, exit code 1. */
export class CliError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    // Node's messages are good but long; keep their first sentence.
    throw new UsageError((err as Error).message.split('. ')[0]!.replace(/^Unknown option/, 'unknown option'));
  }
}

export function portValue(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new UsageError(`--${name} must be a port number from 0 to 65535, not '${value}'`);
  return n;
}

/** --limit N: a whole number, 0 meaning no limit. */
export function limitValue(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new UsageError(`--limit must be a whole number (0 for all), not '${value}'`);
  return n;
}
