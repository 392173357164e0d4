/**
 * Reads the three ways a SAM template configures CORS into one Cors shape:
 * - AWS::Serverless::HttpApi CorsConfiguration (and Globals.HttpApi): true (any origin), or
 *   {AllowOrigins, AllowMethods, AllowHeaders, ExposeHeaders, MaxAge, AllowCredentials} lists;
 * - AWS::Serverless::Api Cors (and Globals.Api): "'origin'", or {AllowOrigin, AllowMethods,
 *   AllowHeaders, MaxAge, AllowCredentials} whose strings are API Gateway mapping values, so
 *   quoted ("'GET,POST'");
 * - FunctionUrlConfig.Cors: the HttpApi shape.
 * Values must be resolved already (no intrinsics); the messages name the offending key.
 */
import type { Cors } from '../domain/triggers.js';

export interface CorsReading {
  cors?: Cors;
  warnings: string[];
}

const LIST_KEYS = ['AllowOrigins', 'AllowMethods', 'AllowHeaders', 'ExposeHeaders', 'MaxAge', 'AllowCredentials'];
const REST_KEYS = ['AllowOrigin', 'AllowMethods', 'AllowHeaders', 'MaxAge', 'AllowCredentials'];

/** HttpApi CorsConfiguration and FunctionUrlConfig.Cors. */
export function corsFromLists(value: unknown, label: string): CorsReading {
  const warnings: string[] = [];
  if (value === undefined || value === null || value === false) return { warnings };
  if (value === true) return { cors: emptyCors(['*']), warnings };
  if (typeof value === 'string') return { cors: emptyCors([value]), warnings };
  if (!isObject(value)) return { warnings: [`${label} must be true or a map of CORS settings; ignored`] };
  for (const key of Object.keys(value)) if (!LIST_KEYS.includes(key)) warnings.push(`${label}.${key} is not a CORS setting; ignored`);
  const list = (key: string): string[] => {
    const v = value[key];
    if (v === undefined || v === null) return [];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    warnings.push(`${label}.${key} must be a list of strings; ignored`);
    return [];
  };
  const cors: Cors = {
    allowOrigins: list('AllowOrigins'),
    allowMethods: list('AllowMethods').map((m) => m.toUpperCase()),
    allowHeaders: list('AllowHeaders'),
    exposeHeaders: list('ExposeHeaders'),
    allowCredentials: flag(value.AllowCredentials, `${label}.AllowCredentials`, warnings),
  };
  const maxAge = number(value.MaxAge, `${label}.MaxAge`, warnings);
  if (maxAge !== undefined) cors.maxAge = maxAge;
  if (cors.allowCredentials && cors.allowOrigins.includes('*')) {
    warnings.push(`${label}: AllowCredentials cannot be combined with AllowOrigins "*" (AWS rejects it); browsers will refuse credentialed requests`);
  }
  return { cors, warnings };
}

/** AWS::Serverless::Api Cors. */
export function corsFromRest(value: unknown, label: string): CorsReading {
  const warnings: string[] = [];
  if (value === undefined || value === null) return { warnings };
  if (typeof value === 'string') return { cors: emptyCors([unquote(value, label, warnings)]), warnings };
  if (!isObject(value)) return { warnings: [`${label} must be a quoted origin or a map of CORS settings; ignored`] };
  for (const key of Object.keys(value)) if (!REST_KEYS.includes(key)) warnings.push(`${label}.${key} is not a CORS setting; ignored`);
  if (typeof value.AllowOrigin !== 'string') return { warnings: [...warnings, `${label}.AllowOrigin is required (a quoted origin such as "'*'"); CORS ignored`] };
  const csv = (key: string): string[] | undefined => {
    const v = value[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') {
      warnings.push(`${label}.${key} must be a quoted string such as "'GET,POST'"; ignored`);
      return undefined;
    }
    return unquote(v, `${label}.${key}`, warnings)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  };
  const cors: Cors = {
    allowOrigins: [unquote(value.AllowOrigin, `${label}.AllowOrigin`, warnings)],
    allowHeaders: csv('AllowHeaders') ?? [],
    exposeHeaders: [],
    allowCredentials: flag(value.AllowCredentials, `${label}.AllowCredentials`, warnings),
  };
  const methods = csv('AllowMethods');
  if (methods) cors.allowMethods = methods.map((m) => m.toUpperCase());
  const maxAge = csv('MaxAge');
  if (maxAge?.[0] !== undefined) {
    const n = Number(maxAge[0]);
    if (Number.isInteger(n)) cors.maxAge = n;
    else warnings.push(`${label}.MaxAge must be a number of seconds; ignored`);
  }
  return { cors, warnings };
}

function emptyCors(allowOrigins: string[]): Cors {
  return { allowOrigins, allowHeaders: [], exposeHeaders: [], allowCredentials: false };
}

/** API Gateway reads these as mapping values: a literal must be in single quotes. */
function unquote(text: string, label: string, warnings: string[]): string {
  const m = /^'(.*)'$/s.exec(text.trim());
  if (m) return m[1]!;
  warnings.push(`${label} "${text}" must be in single quotes, like "'${text}'": API Gateway reads it as a mapping expression`);
  return text.trim();
}

function flag(value: unknown, label: string, warnings: string[]): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  warnings.push(`${label} must be true or false; ignored`);
  return false;
}

function number(value: unknown, label: string, warnings: string[]): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n === 'number' && Number.isInteger(n) && n >= 0) return n;
  warnings.push(`${label} must be a whole number of seconds; ignored`);
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
