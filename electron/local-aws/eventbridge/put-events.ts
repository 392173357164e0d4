/**
 * PutEvents: each entry is checked as EventBridge checks it (a failed entry is reported in its
 * place, with ErrorCode and ErrorMessage, and the others still go), then put on its bus through
 * the trigger manager's EventBuses, which delivers it to the rules it matches.
 */
import type { PutEvent } from '../../triggers/eventbridge/event-bus.js';
import type { EventBridgeContext, Input } from './eventbridge-service.js';
import { noEntries, tooManyEntries, validation } from './eventbridge-errors.js';

/** EventBridge's limit on one request's entries together. */
const MAX_REQUEST_BYTES = 256 * 1024;

export function putEvents(input: Input, ctx: EventBridgeContext): Input {
  if (input.Entries !== undefined && !Array.isArray(input.Entries)) throw validation("1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must not be null");
  const entries = (input.Entries ?? []) as unknown[];
  if (entries.length === 0) throw noEntries();
  if (entries.length > 10) throw tooManyEntries();
  if (Buffer.byteLength(JSON.stringify(entries)) > MAX_REQUEST_BYTES) throw validation('Total size of the entries in the request is over the limit.');
  const buses = new Set<string>();
  const results = entries.map((raw) => {
    const checked = checkEntry(raw);
    if ('ErrorCode' in checked) return checked;
    buses.add(checked.bus);
    const { eventId } = ctx.resources.triggers.events.put(checked);
    return { EventId: eventId };
  });
  ctx.req.resource = [...buses].join(',') || undefined;
  return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
}

function checkEntry(raw: unknown): PutEvent | { ErrorCode: string; ErrorMessage: string } {
  const e = (typeof raw === 'object' && raw !== null ? raw : {}) as Input;
  const invalid = (name: string, reason = `${name} is a required argument.`) => ({ ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${name} is not valid. Reason: ${reason}` });
  if (typeof e.Source !== 'string' || e.Source === '') return invalid('Source');
  if (typeof e.DetailType !== 'string' || e.DetailType === '') return invalid('DetailType');
  if (typeof e.Detail !== 'string' || e.Detail === '') return invalid('Detail');
  let detail: unknown;
  try {
    detail = JSON.parse(e.Detail);
  } catch {
    detail = undefined;
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  const resources = Array.isArray(e.Resources) ? e.Resources.filter((r): r is string => typeof r === 'string') : [];
  const bus = typeof e.EventBusName === 'string' && e.EventBusName ? busName(e.EventBusName) : 'default';
  const time = timeOf(e.Time);
  return { source: e.Source, detailType: e.DetailType, detail: detail as Record<string, unknown>, bus, resources, ...(time ? { time } : {}) };
}

/** A bus ARN names its bus by its last part (arn:aws:events:us-east-1:123456789012:event-bus/orders). */
export function busName(nameOrArn: string): string {
  return nameOrArn.startsWith('arn:') ? nameOrArn.slice(nameOrArn.indexOf('/') + 1) : nameOrArn;
}

/** awsJson sends timestamps as epoch seconds; an ISO text is taken too. */
function timeOf(value: unknown): Date | undefined {
  const d = typeof value === 'number' ? new Date(value * 1000) : typeof value === 'string' ? new Date(value) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
}
