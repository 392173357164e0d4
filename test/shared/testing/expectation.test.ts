import { describe, expect, it } from 'vitest';
import { checkExpectation, Expectation, parseExpectation, type CheckedRecord } from '../../../shared/testing/expectation.js';
import { escapeXml, toJunitXml } from '../../../shared/testing/junit.js';

const ok = (response: unknown): CheckedRecord => ({ status: 'success', response });
const failed: CheckedRecord = { status: 'error', error: { errorType: 'OrderNotFoundError', errorMessage: 'no order A-1' } };

describe('checkExpectation', () => {
  const table: Array<[string, Expectation, CheckedRecord, string[]]> = [
    ['status only, default success', {}, ok(1), []],
    ['status only, got an error', {}, failed, ['status: expected success but got error (OrderNotFoundError: no order A-1)']],
    ['expected error', { status: 'error' }, failed, []],
    ['errorType implies error', { errorType: 'OrderNotFoundError' }, failed, []],
    ['errorType differs', { errorType: 'Other' }, failed, ['errorType: expected Other but got OrderNotFoundError (no order A-1)']],
    ['timeout', { status: 'timeout' }, { status: 'success', response: 1 }, ['status: expected timeout but got success']],
    ['exact equal', { response: { statusCode: 200, body: 'Hello' } }, ok({ statusCode: 200, body: 'Hello' }), []],
    ['exact, a value differs', { response: { statusCode: 200, body: 'Hello' } }, ok({ statusCode: 200, body: 'Hi' }), ['response.body: expected "Hello" but got "Hi"']],
    ['exact, an extra key', { response: { a: 1 } }, ok({ a: 1, b: 2 }), ['response.b: not expected but got 2']],
    ['exact, a missing key', { response: { a: 1, b: 2 } }, ok({ a: 1 }), ['response.b: expected 2 but it is missing']],
    ['exact, array length', { response: [1, 2] }, ok([1, 2, 3]), ['response: expected 2 items but got 3']],
    ['exact null', { response: null }, ok(null), []],
    ['exact scalar', { response: 'done' }, ok('done'), []],
    ['exact, type differs', { response: { a: 1 } }, ok('text'), ['response: expected an object but got "text"']],
    ['contains, subset', { responseContains: { body: { items: [{ id: 1 }] } } }, ok({ statusCode: 200, body: { items: [{ id: 1, name: 'x' }, { id: 2 }] } }), []],
    ['contains, nested differs', { responseContains: { body: { items: [{ id: 2 }] } } }, ok({ body: { items: [{ id: 1 }] } }), ['response.body.items[0].id: expected 2 but got 1']],
    ['contains, array too short', { responseContains: [1, 2] }, ok([1]), ['response: expected at least 2 items but got 1']],
    ['odd keys are quoted', { responseContains: { 'content-type': 'a' } }, ok({ 'content-type': 'b' }), ['response["content-type"]: expected "a" but got "b"']],
  ];
  it.each(table)('%s', (_name, expectation, record, failures) => {
    expect(checkExpectation(expectation, record)).toEqual({ pass: failures.length === 0, failures });
  });

  it('stops listing after ten differences', () => {
    const expected = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`k${i}`, i]));
    const r = checkExpectation({ response: expected }, ok({}));
    expect(r.pass).toBe(false);
    expect(r.failures.length).toBeLessThanOrEqual(11);
  });
});

describe('parseExpectation', () => {
  it('validates the sidecar', () => {
    expect(parseExpectation('{"function":"HelloFunction","status":"success","responseContains":{"a":1}}')).toEqual({
      expectation: { function: 'HelloFunction', status: 'success', responseContains: { a: 1 } },
    });
    expect(parseExpectation('{"status":"fine"}')).toHaveProperty('error');
    expect(parseExpectation('{"response":1,"responseContains":1}')).toHaveProperty('error');
    expect(parseExpectation('{"unknownKey":1}')).toHaveProperty('error');
    expect(parseExpectation('{')).toHaveProperty('error');
  });
});

describe('toJunitXml', () => {
  it('has a testsuite per function, a testcase per event, escaped failures', () => {
    const xml = toJunitXml([
      { event: 'a', function: 'F1', pass: true, failures: [], status: 'success', durationMs: 12 },
      { event: 'b<&>', function: 'F1', pass: false, failures: ['response: expected "x" but got "y"'], status: 'success', durationMs: 3 },
      { event: 'c', function: 'F2', pass: true, failures: [], status: 'success', durationMs: 1 },
    ]);
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toContain('name="b&lt;&amp;&gt;"');
    expect(xml).toContain('expected &quot;x&quot; but got &quot;y&quot;');
    expect(xml).toContain('<testsuites name="faaslab" tests="3" failures="1"');
    expect(escapeXml('a\u0001b')).toBe('ab');
  });
});
