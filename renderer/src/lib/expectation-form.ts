/** The "Expected result" form of the Test tab, to and from an expectation (events/<name>.expect.json). Pure. */
import { Expectation, expectedStatus, type InvocationStatus } from '../../../shared/testing/expectation.js';

export type ExpectMode = 'exact' | 'contains' | 'status';

export interface ExpectForm {
  status: InvocationStatus;
  mode: ExpectMode;
  /** JSON text of the expected response (exact) or subset (contains). */
  value: string;
  errorType: string;
}

export const EMPTY_FORM: ExpectForm = { status: 'success', mode: 'status', value: '', errorType: '' };

export function formOf(e: Expectation | undefined): ExpectForm {
  if (!e) return EMPTY_FORM;
  const mode: ExpectMode = e.response !== undefined ? 'exact' : e.responseContains !== undefined ? 'contains' : 'status';
  const value = mode === 'exact' ? e.response : mode === 'contains' ? e.responseContains : undefined;
  return { status: expectedStatus(e), mode, value: value === undefined ? '' : JSON.stringify(value, null, 2), errorType: e.errorType ?? '' };
}

/** The expectation the form says, for the function `logicalId`, or what is wrong with it. */
export function expectationOf(form: ExpectForm, logicalId: string, description?: string): { expectation: Expectation } | { error: string } {
  const e: Expectation = { function: logicalId, status: form.status };
  if (form.status === 'error' && form.errorType.trim()) e.errorType = form.errorType.trim();
  if (form.mode !== 'status') {
    let value: unknown;
    try {
      value = JSON.parse(form.value);
    } catch (err) {
      return { error: `The expected value is not valid JSON: ${(err as Error).message}` };
    }
    if (form.mode === 'exact') e.response = value;
    else e.responseContains = value;
  }
  if (description) e.description = description;
  const parsed = Expectation.safeParse(e);
  return parsed.success ? { expectation: parsed.data } : { error: parsed.error.issues.map((i) => i.message).join('; ') };
}

/** The form filled from an invocation: its status, its response (exact unless contains was chosen), its error type. */
export function formFromRecord(form: ExpectForm, record: { status: string; response?: unknown; error?: { errorType: string } }): ExpectForm {
  const status = record.status as InvocationStatus;
  if (status !== 'success') return { ...form, status, mode: 'status', value: '', errorType: record.error?.errorType ?? '' };
  return { status, mode: form.mode === 'status' ? 'exact' : form.mode, value: JSON.stringify(record.response ?? null, null, 2), errorType: '' };
}
