import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, expectationOf, formFromRecord, formOf } from '../../renderer/src/lib/expectation-form.js';

describe('the Expected result form', () => {
  it('round-trips an expectation', () => {
    const e = { function: 'HelloFunction', status: 'success' as const, responseContains: { statusCode: 200 } };
    const form = formOf(e);
    expect(form).toMatchObject({ status: 'success', mode: 'contains' });
    expect(expectationOf(form, 'HelloFunction')).toEqual({ expectation: e });
    expect(formOf(undefined)).toEqual(EMPTY_FORM);
    expect(formOf({ errorType: 'Oops' })).toMatchObject({ status: 'error', mode: 'status', errorType: 'Oops' });
  });

  it('says when the value is not JSON', () => {
    expect(expectationOf({ ...EMPTY_FORM, mode: 'exact', value: '{' }, 'F')).toHaveProperty('error');
    expect(expectationOf({ ...EMPTY_FORM, status: 'error', errorType: 'E' }, 'F')).toEqual({ expectation: { function: 'F', status: 'error', errorType: 'E' } });
  });

  it('fills from the last result', () => {
    expect(formFromRecord(EMPTY_FORM, { status: 'success', response: { a: 1 } })).toEqual({ status: 'success', mode: 'exact', value: '{\n  "a": 1\n}', errorType: '' });
    expect(formFromRecord({ ...EMPTY_FORM, mode: 'contains' }, { status: 'success', response: 1 }).mode).toBe('contains');
    expect(formFromRecord(EMPTY_FORM, { status: 'error', error: { errorType: 'TypeError' } })).toMatchObject({ status: 'error', mode: 'status', errorType: 'TypeError' });
  });
});
