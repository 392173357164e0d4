/**
 * Reading an SQS request's members the same way from both protocols (the JSON protocol sends
 * numbers, the query protocol their text), with SQS's own errors for a missing or bad value.
 */
import type { MessageAttribute } from '../../triggers/messaging/local-queue.js';
import { batchEntryIdsNotDistinct, emptyBatchRequest, invalidBatchEntryId, invalidParameterValue, invalidValue, missingParameter, tooManyEntries } from './sqs-errors.js';

export type Input = Record<string, unknown>;

export function optionalString(input: Input, name: string): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidValue(name, v, 'Must be a string.');
  return v;
}

export function requiredString(input: Input, name: string): string {
  const v = optionalString(input, name);
  if (v === undefined || v === '') throw missingParameter(name);
  return v;
}

/** An integer member from `min` to `max`; `reason` is SQS's wording for one out of range. */
export function optionalInt(input: Input, name: string, min: number, max: number, reason: string): number | undefined {
  const v = input[name];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw invalidValue(name, v, reason);
  return n;
}

export function stringList(input: Input, name: string): string[] {
  const v = input[name];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw invalidValue(name, v, 'Must be a list of strings.');
  return v as string[];
}

const MAX_ATTRIBUTES = 10;
const ATTRIBUTE_NAME = /^(?!\.)(?!.*\.\.)(?!.*\.$)(?!aws\.|amazon\.)[A-Za-z0-9_.-]{1,256}$/i;

/** MessageAttributes, checked as SQS checks them; Binary values stay base64, as both protocols carry them. */
export function messageAttributes(input: Input, name = 'MessageAttributes'): Record<string, MessageAttribute> {
  const v = input[name];
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw invalidValue(name, v, 'Must be a map of attribute names to values.');
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length > MAX_ATTRIBUTES) throw invalidParameterValue(`Number of message attributes [${entries.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`);
  const out: Record<string, MessageAttribute> = {};
  for (const [key, raw] of entries) {
    if (!ATTRIBUTE_NAME.test(key)) throw invalidParameterValue(`Message (user) attribute name '${key}' is invalid.`);
    const a = (typeof raw === 'object' && raw !== null ? raw : {}) as { DataType?: unknown; StringValue?: unknown; BinaryValue?: unknown };
    const dataType = typeof a.DataType === 'string' ? a.DataType : '';
    if (!dataType) throw invalidParameterValue(`The message attribute '${key}' must contain non-empty message attribute type.`);
    const base = dataType.split('.')[0];
    if (base !== 'String' && base !== 'Number' && base !== 'Binary')
      throw invalidParameterValue(`The type of message (user) attribute '${key}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`);
    if (base === 'Binary') {
      const bin = typeof a.BinaryValue === 'string' ? a.BinaryValue : '';
      if (!bin) throw invalidParameterValue(`Message (user) attribute '${key}' must contain a non-empty value of message attribute type '${dataType}'.`);
      out[key] = { DataType: dataType, BinaryValue: bin };
      continue;
    }
    const text = typeof a.StringValue === 'string' ? a.StringValue : '';
    if (!text) throw invalidParameterValue(`Message (user) attribute '${key}' must contain a non-empty value of message attribute type '${dataType}'.`);
    if (base === 'Number' && !Number.isFinite(Number(text))) throw invalidParameterValue(`Can't cast the value of message (user) attribute '${key}' to a number.`);
    out[key] = { DataType: dataType, StringValue: text };
  }
  return out;
}

const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** A batch's Entries, with SQS's checks of the batch itself (each entry's own errors go to Failed). */
export function batchEntries(input: Input, entryName: string): Input[] {
  const v = input.Entries;
  const entries = Array.isArray(v) ? (v as Input[]) : [];
  if (entries.length === 0) throw emptyBatchRequest(entryName);
  if (entries.length > 10) throw tooManyEntries(entries.length);
  const seen = new Set<string>();
  for (const e of entries) {
    const id = typeof e?.Id === 'string' ? e.Id : '';
    if (!ENTRY_ID.test(id)) throw invalidBatchEntryId();
    if (seen.has(id)) throw batchEntryIdsNotDistinct(id);
    seen.add(id);
  }
  return entries;
}
