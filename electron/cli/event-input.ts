/** The event a command sends (invoke, load, sweep): a JSON file, '-' for standard input, or {}. */
import { readFile } from 'node:fs/promises';
import { CliError, UsageError } from './args.js';

/** The event must be JSON, as the Invoke API requires; say which file is wrong and where. */
export async function readEvent(source: string | undefined): Promise<Buffer> {
  if (source === undefined) return Buffer.from('{}');
  let raw: Buffer;
  try {
    raw = source === '-' ? await readStdin() : await readFile(source);
  } catch (err) {
    throw new CliError(`cannot read the event file ${source}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  const text = raw.toString('utf8');
  if (text.trim() === '') return Buffer.from('{}');
  try {
    JSON.parse(text);
  } catch (err) {
    throw new CliError(`the event ${source === '-' ? 'on standard input' : source} is not valid JSON: ${(err as Error).message}`);
  }
  return raw;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A whole-number option from 1 to max, or its default when not given. */
export function countOption(raw: string | undefined, name: string, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${name} must be a whole number from 1 to ${max.toLocaleString('en-US')}, not '${raw}'`);
  return n;
}
