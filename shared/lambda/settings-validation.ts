import { LIMITS } from './limits.js';
import { runtimeInfo, SUPPORTED_RUNTIMES } from './runtimes.js';

/** The Configuration tab's fields, as far as Lambda bounds them. */
export interface SettingsToCheck {
  handler?: string;
  runtime?: string;
  memorySizeMb?: number;
  timeoutSeconds?: number;
  ephemeralStorageMb?: number;
  reservedConcurrency?: number | null;
}

const n = (x: number) => x.toLocaleString('en-US');

function inRange(value: number | undefined, min: number, max: number, what: string, unit: string): string | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value)) return `${what} must be a whole number of ${unit}`;
  if (value < min || value > max) return `${what} must be between ${n(min)} and ${n(max)} ${unit} (Lambda's limits)`;
  return undefined;
}

/**
 * Lambda's bounds, with messages a user can act on. One function for the renderer (instant
 * feedback) and the host (the check that counts).
 */
export function checkSettings(s: SettingsToCheck): Record<string, string> {
  const errors: Record<string, string> = {};
  const add = (field: string, message: string | undefined) => {
    if (message) errors[field] = message;
  };
  add('memorySizeMb', inRange(s.memorySizeMb, LIMITS.memoryMb.min, LIMITS.memoryMb.max, 'Memory', 'MB'));
  add('timeoutSeconds', inRange(s.timeoutSeconds, LIMITS.timeoutSeconds.min, LIMITS.timeoutSeconds.max, 'Timeout', 'seconds'));
  add('ephemeralStorageMb', inRange(s.ephemeralStorageMb, LIMITS.ephemeralStorageMb.min, LIMITS.ephemeralStorageMb.max, 'Ephemeral storage', 'MB'));
  if (s.reservedConcurrency !== undefined && s.reservedConcurrency !== null) {
    add('reservedConcurrency', inRange(s.reservedConcurrency, 0, LIMITS.accountConcurrency, 'Reserved concurrency', 'executions'));
  }
  if (s.runtime !== undefined && !runtimeInfo(s.runtime)) {
    add('runtime', `faaslab runs ${SUPPORTED_RUNTIMES.join(', ')}; "${s.runtime}" is not one of them`);
  }
  if (s.handler !== undefined) {
    const custom = s.runtime !== undefined && runtimeInfo(s.runtime)?.family === 'provided';
    if (!custom && !/^[^.\s]+(\.[^.\s]+)+$/.test(s.handler)) add('handler', 'The handler is file.export, e.g. index.handler or lib/app.main');
    else if (s.handler.includes('..')) add('handler', 'The handler cannot contain ".."');
  }
  return errors;
}
