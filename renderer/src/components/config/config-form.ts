import type { FunctionSettings } from '../../../../shared/api/schemas.js';
import { checkSettings } from '../../../../shared/lambda/settings-validation.js';

/** The form's values as typed: numbers stay text until they parse, so a half-typed field is not lost. */
export interface ConfigForm {
  handler: string;
  runtime: string;
  memorySizeMb: string;
  timeoutSeconds: string;
  architecture: FunctionSettings['architecture'];
  ephemeralStorageMb: string;
  reservedConcurrency: string;
  logFormat: FunctionSettings['logFormat'];
  applicationLogLevel: string;
  systemLogLevel: string;
}

export function toForm(s: FunctionSettings): ConfigForm {
  return {
    handler: s.handler,
    runtime: s.runtime,
    memorySizeMb: String(s.memorySizeMb),
    timeoutSeconds: String(s.timeoutSeconds),
    architecture: s.architecture,
    ephemeralStorageMb: String(s.ephemeralStorageMb),
    reservedConcurrency: s.reservedConcurrency === null ? '' : String(s.reservedConcurrency),
    logFormat: s.logFormat,
    applicationLogLevel: s.applicationLogLevel ?? '',
    systemLogLevel: s.systemLogLevel ?? '',
  };
}

const NUMBER_FIELDS = {
  memorySizeMb: 'Memory',
  timeoutSeconds: 'Timeout',
  ephemeralStorageMb: 'Ephemeral storage',
} as const;

function parseWhole(text: string): number | undefined {
  const t = text.trim();
  return /^-?\d+$/.test(t) ? Number(t) : undefined;
}

/** Parses the form; errors per field combine "not a number" with Lambda's bounds (checkSettings). */
export function parseForm(form: ConfigForm): { settings: FunctionSettings | undefined; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const numbers: Record<string, number> = {};
  for (const [field, label] of Object.entries(NUMBER_FIELDS)) {
    const text = form[field as keyof typeof NUMBER_FIELDS];
    const value = parseWhole(text);
    if (!text.trim()) errors[field] = `${label} is required`;
    else if (value === undefined) errors[field] = `${label} must be a whole number`;
    else numbers[field] = value;
  }
  let reservedConcurrency: number | null = null;
  if (form.reservedConcurrency.trim()) {
    const value = parseWhole(form.reservedConcurrency);
    if (value === undefined) errors.reservedConcurrency = 'Reserved concurrency must be a whole number, or empty for unreserved';
    else reservedConcurrency = value;
  }
  if (!form.handler.trim()) errors.handler = 'The handler is required, e.g. index.handler';
  const bounds = checkSettings({
    handler: form.handler.trim() || undefined,
    runtime: form.runtime,
    memorySizeMb: numbers.memorySizeMb,
    timeoutSeconds: numbers.timeoutSeconds,
    ephemeralStorageMb: numbers.ephemeralStorageMb,
    reservedConcurrency,
  });
  for (const [field, message] of Object.entries(bounds)) errors[field] ??= message;
  if (Object.keys(errors).length) return { settings: undefined, errors };
  return {
    errors,
    settings: {
      handler: form.handler.trim(),
      runtime: form.runtime,
      memorySizeMb: numbers.memorySizeMb!,
      timeoutSeconds: numbers.timeoutSeconds!,
      architecture: form.architecture,
      ephemeralStorageMb: numbers.ephemeralStorageMb!,
      reservedConcurrency,
      logFormat: form.logFormat,
      applicationLogLevel: (form.applicationLogLevel || null) as FunctionSettings['applicationLogLevel'],
      systemLogLevel: (form.systemLogLevel || null) as FunctionSettings['systemLogLevel'],
    },
  };
}

/** Only what changed, for config.update: untouched settings stay as the template writes them. */
export function changedSettings(before: FunctionSettings, after: FunctionSettings): Partial<FunctionSettings> {
  const out: Partial<FunctionSettings> = {};
  for (const key of Object.keys(after) as Array<keyof FunctionSettings>) {
    if (before[key] !== after[key]) (out as Record<string, unknown>)[key] = after[key];
  }
  return out;
}
