/**
 * Regression tests of saved events: the expected result of an event lives next to it in
 * events/<name>.expect.json (the event file stays the plain event, so `sam local invoke -e
 * events/<name>.json` still works). Pure: the schema, the check, and the messages it gives.
 */
import { z } from 'zod';

export const INVOCATION_STATUSES = ['success', 'error', 'timeout', 'throttled', 'crashed', 'oom'] as const;
export type InvocationStatus = (typeof INVOCATION_STATUSES)[number];

/** The suffix of a sidecar file: events/<name>.expect.json holds the expectation of events/<name>.json. */
export const EXPECT_SUFFIX = '.expect.json';

export const Expectation = z
  .object({
    /** The logical id of the function the event is for; needed for workspace-wide runs of more than one function. */
    function: z
      .string()
      .regex(/^[A-Za-z0-9]{1,255}$/, 'a logical id has letters and digits only')
      .optional(),
    /** Default: 'error' when errorType is given, else 'success'. */
    status: z.enum(INVOCATION_STATUSES).optional(),
    errorType: z.string().min(1).optional(),
    /** The exact response (JSON). */
    response: z.unknown().optional(),
    /** A JSON subset of the response: objects match by the keys given, recursively; arrays by index. */
    responseContains: z.unknown().optional(),
    description: z.string().optional(),
  })
  .strict()
  .refine((e) => e.response === undefined || e.responseContains === undefined, { message: 'give either response or responseContains, not both', path: ['responseContains'] });
export type Expectation = z.infer<typeof Expectation>;

/** What of an invocation record the check looks at. */
export interface CheckedRecord {
  status: string;
  response?: unknown;
  error?: { errorType: string; errorMessage: string };
}

export interface CheckResult {
  pass: boolean;
  failures: string[];
}

const MAX_FAILURES = 10;

/** The status an expectation asks for. */
export function expectedStatus(e: Expectation): InvocationStatus {
  return e.status ?? (e.errorType !== undefined ? 'error' : 'success');
}

export function checkExpectation(expectation: Expectation, record: CheckedRecord): CheckResult {
  const failures: string[] = [];
  const status = expectedStatus(expectation);
  const errorNote = record.error ? ` (${record.error.errorType}: ${oneLine(record.error.errorMessage)})` : '';
  if (record.status !== status) {
    failures.push(`status: expected ${status} but got ${record.status}${errorNote}`);
    return { pass: false, failures };
  }
  if (expectation.errorType !== undefined && record.error?.errorType !== expectation.errorType) {
    failures.push(`errorType: expected ${expectation.errorType} but got ${record.error ? `${record.error.errorType} (${oneLine(record.error.errorMessage)})` : 'no error'}`);
  }
  if (expectation.response !== undefined) compare(expectation.response, record.response, 'response', true, failures);
  if (expectation.responseContains !== undefined) compare(expectation.responseContains, record.response, 'response', false, failures);
  if (failures.length > MAX_FAILURES) failures.splice(MAX_FAILURES, failures.length - MAX_FAILURES, `… and ${failures.length - MAX_FAILURES} more differences`);
  return { pass: failures.length === 0, failures };
}

/** `exact`: the same JSON; otherwise `expected` is a subset of `actual`. */
function compare(expected: unknown, actual: unknown, at: string, exact: boolean, out: string[]): void {
  if (out.length > MAX_FAILURES) return;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return void out.push(`${at}: expected an array but got ${show(actual)}`);
    if (exact && actual.length !== expected.length) out.push(`${at}: expected ${expected.length} items but got ${actual.length}`);
    if (!exact && actual.length < expected.length) out.push(`${at}: expected at least ${expected.length} items but got ${actual.length}`);
    expected.forEach((item, i) => {
      if (i < actual.length) compare(item, actual[i], `${at}[${i}]`, exact, out);
    });
    return;
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return void out.push(`${at}: expected an object but got ${show(actual)}`);
    for (const [key, value] of Object.entries(expected)) {
      const path = `${at}${/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`;
      if (!(key in actual)) out.push(`${path}: expected ${show(value)} but it is missing`);
      else compare(value, actual[key], path, exact, out);
    }
    if (exact) {
      for (const key of Object.keys(actual))
        if (!(key in expected)) out.push(`${at}${/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}: not expected but got ${show(actual[key])}`);
    }
    return;
  }
  if (!Object.is(expected, actual) && !(expected === 0 && actual === 0)) out.push(`${at}: expected ${show(expected)} but got ${show(actual)}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const text = JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function oneLine(s: string): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

/** Parses and validates a sidecar file's text; the error is a readable sentence. */
export function parseExpectation(text: string): { expectation: Expectation } | { error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { error: `not valid JSON: ${(err as Error).message}` };
  }
  const parsed = Expectation.safeParse(raw);
  if (!parsed.success) return { error: parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ') };
  return { expectation: parsed.data };
}

/** The result of one saved event's test. */
export interface TestCaseResult {
  event: string;
  function: string;
  pass: boolean;
  failures: string[];
  status: string;
  durationMs: number;
  requestId?: string;
}
