/**
 * Local environment overrides in SAM's `--env-vars` format, `<workspace>/env.json`:
 * `{"Parameters": {...}, "<LogicalId>": {...}}`, so `sam local invoke --env-vars env.json` reads
 * the same file. They never go into template.yaml: they are this machine's values.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FunctionConfig } from '../../shared/domain/function-config.js';

export type EnvVarsFile = Record<string, Record<string, string>>;

export const ENV_FILE = 'env.json';
/** SAM's key for variables that apply to every function; faaslab calls that scope 'Globals'. */
const ALL_FUNCTIONS = 'Parameters';

export function envFilePath(dir: string): string {
  return path.join(dir, ENV_FILE);
}

/** The file's contents; a missing file is empty, a broken one is reported and read as empty. */
export async function readEnvFile(dir: string): Promise<{ file: EnvVarsFile; problem?: string }> {
  let text: string;
  try {
    text = await readFile(envFilePath(dir), 'utf8');
  } catch {
    return { file: {} };
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (!isRecord(parsed)) throw new Error('it must be an object of scopes');
    const file: EnvVarsFile = {};
    for (const [scope, vars] of Object.entries(parsed)) {
      if (!isRecord(vars)) continue;
      // sam accepts numbers and booleans too; a process only ever sees text.
      file[scope] = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    }
    return { file };
  } catch (err) {
    return { file: {}, problem: `${ENV_FILE} is not valid: ${(err as Error).message}; its overrides are ignored` };
  }
}

export function scopeKey(scope: string): string {
  return scope === 'Globals' ? ALL_FUNCTIONS : scope;
}

/** Writes one scope's overrides, keeping the others (and dropping scopes left empty). */
export async function writeEnvScope(dir: string, current: EnvVarsFile, scope: string, vars: Record<string, string>): Promise<EnvVarsFile> {
  const next: EnvVarsFile = { ...current, [scopeKey(scope)]: { ...vars } };
  for (const key of Object.keys(next)) if (Object.keys(next[key]!).length === 0) delete next[key];
  await writeFile(envFilePath(dir), `${JSON.stringify(next, null, 2)}\n`);
  return next;
}

/** The functions as the engine runs them: template values, then Parameters, then the function's own. */
export function withOverrides(functions: FunctionConfig[], file: EnvVarsFile): FunctionConfig[] {
  return functions.map((fn) => {
    const extra = { ...file[ALL_FUNCTIONS], ...file[fn.logicalId] };
    return Object.keys(extra).length ? { ...fn, environment: { ...fn.environment, ...extra } } : fn;
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
