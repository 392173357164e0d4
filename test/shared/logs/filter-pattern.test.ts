import { describe, expect, it } from 'vitest';
import { matchesFilter, parseFilterPattern, splitFields, type FilterPattern } from '../../../shared/logs/filter-pattern.js';

function parse(text: string): FilterPattern {
  const r = parseFilterPattern(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.message} at ${r.error.position}`);
  return r.pattern;
}
const match = (pattern: string, line: string) => matchesFilter(parse(pattern), line);

const REQ = '8f5c6b1e-2f0a-4c1e-9d55-0e3b8a7f1c22';
// Lambda's own lines, text format, and a console.log line of the text format.
const START = `START RequestId: ${REQ} Version: $LATEST`;
const END = `END RequestId: ${REQ}`;
const REPORT = `REPORT RequestId: ${REQ}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tInit Duration: 150.12 ms`;
const TEXT_INFO = `2026-11-27T05:32:53.123Z\t${REQ}\tINFO\tfetching order 42`;
const TEXT_ERROR = `2026-11-27T05:32:53.456Z\t${REQ}\tERROR\tTask timed out: db connection refused`;
const TEXT_JSON = `2026-11-27T05:32:53.456Z\t${REQ}\tINFO\t{"level":"ERROR"}`;
// The JSON log format.
const JSON_ERROR = JSON.stringify({ timestamp: '2026-11-27T05:32:53.456Z', level: 'ERROR', requestId: REQ, message: 'db connection refused' });
const JSON_INFO = JSON.stringify({ timestamp: '2026-11-27T05:32:53.123Z', level: 'INFO', requestId: REQ, message: 'fetching order 42' });
const JSON_WARN = JSON.stringify({ timestamp: '2026-11-27T05:32:53.123Z', level: 'WARN', requestId: REQ, message: 'slow', latency: 250 });
const JSON_REPORT = JSON.stringify({
  time: '2026-11-27T05:32:53.500Z',
  type: 'platform.report',
  record: { requestId: REQ, metrics: { durationMs: 12.34, billedDurationMs: 13, memorySizeMB: 128, maxMemoryUsedMB: 60 }, status: 'success' },
});
const APP_JSON = JSON.stringify({
  level: 'INFO',
  latency: 120,
  user: { id: 'u-7', admin: true, email: null },
  tags: ['blue', 'green'],
  items: [
    { sku: 'A1', qty: 2 },
    { sku: 'B2', qty: 9 },
  ],
  code: '503',
});

describe('parseFilterPattern / matchesFilter: empty pattern', () => {
  it.each([[''], ['   '], ['\t']])('%j matches every line', (p) => {
    for (const line of [START, REPORT, JSON_ERROR, '']) expect(match(p, line)).toBe(true);
  });
});

describe('unstructured terms', () => {
  it.each([
    // pattern, line, matches
    ['ERROR', TEXT_ERROR, true],
    ['ERROR', TEXT_INFO, false],
    ['ERROR', JSON_ERROR, true],
    ['error', TEXT_ERROR, false], // case-sensitive
    ['START', START, true],
    ['START', REPORT, false],
    ['REPORT Duration', REPORT, true], // terms are ANDed
    ['REPORT Timeout', REPORT, false],
    ['"Init Duration"', REPORT, true], // a quoted phrase
    ['"Init  Duration"', REPORT, false],
    ['"timed out" db', TEXT_ERROR, true],
    ['"Task timed out" "connection refused"', TEXT_ERROR, true],
    ['RequestId -REPORT', START, true], // -term excludes
    ['RequestId -REPORT', REPORT, false],
    ['RequestId -"Max Memory"', REPORT, false],
    ['RequestId -"Max Memory"', END, true],
    ['?ERROR ?WARN', TEXT_ERROR, true], // any of the ? terms
    ['?ERROR ?WARN', JSON_WARN, true],
    ['?ERROR ?WARN', TEXT_INFO, false],
    ['?"timed out" ?Exception', TEXT_ERROR, true],
    ['RequestId ?START ?END', START, true], // plain terms AND any of the ? terms
    ['RequestId ?START ?END', END, true],
    ['RequestId ?START ?END', REPORT, false],
    ['?START ?REPORT -"Init Duration"', REPORT, false],
    ['?START ?REPORT -"Init Duration"', START, true],
    ['$LATEST', START, true], // special characters, accepted bare
    ['"$LATEST"', START, true],
    ['"say \\"hi\\""', 'they say "hi" twice', true], // \" inside quotes
  ])('%s on %j -> %s', (pattern, line, expected) => {
    expect(match(pattern, line)).toBe(expected);
  });
});

describe('JSON patterns', () => {
  it.each([
    ['{ $.level = "ERROR" }', JSON_ERROR, true],
    ['{ $.level = "ERROR" }', JSON_INFO, false],
    ['{ $.level = ERROR }', JSON_ERROR, true], // a bare string value
    ['{$.level="ERROR"}', JSON_ERROR, true], // spaces are optional
    ['{ $.level = "ERR*" }', JSON_ERROR, true], // wildcards
    ['{ $.level = "*RO*" }', JSON_ERROR, true],
    ['{ $.level = "ERR" }', JSON_ERROR, false], // = is the whole value, not a substring
    ['{ $.level != "ERROR" }', JSON_INFO, true],
    ['{ $.level != "ERROR" }', JSON_ERROR, false],
    ['{ $.level != "ERROR" }', START, false], // text lines are not JSON: never match
    ['{ $.level = "ERROR" }', TEXT_ERROR, false],
    ['{ $.level = "ERROR" }', TEXT_JSON, false], // JSON after the text prefix is not the whole message
    ['{ $.level = "ERROR" }', 'null', false],
    ['{ $.latency > 100 }', APP_JSON, true],
    ['{ $.latency > 120 }', APP_JSON, false],
    ['{ $.latency >= 120 }', APP_JSON, true],
    ['{ $.latency < 200 }', APP_JSON, true],
    ['{ $.latency <= 119.5 }', APP_JSON, false],
    ['{ $.latency = 120 }', APP_JSON, true],
    ['{ $.latency != 120 }', APP_JSON, false],
    ['{ $.latency > 100 }', JSON_ERROR, false], // no such field
    ['{ $.level > 1 }', JSON_ERROR, false], // not a number
    ['{ $.code = 503 }', APP_JSON, true], // a string field compared with a bare number: its text
    ['{ $.code = 5* }', APP_JSON, true],
    ['{ $.user.id = "u-7" }', APP_JSON, true], // nested
    ['{ $.user.id = "u-8" }', APP_JSON, false],
    ['{ $.tags[1] = "green" }', APP_JSON, true], // array index
    ['{ $.tags[0] = "green" }', APP_JSON, false],
    ['{ $.tags[5] EXISTS }', APP_JSON, false],
    ['{ $.items[1].qty > 5 }', APP_JSON, true],
    ['{ $.items[0].qty > 5 }', APP_JSON, false],
    ['{ $.items[*].qty > 5 }', APP_JSON, true], // any element
    ['{ $.items[*].sku = "C*" }', APP_JSON, false],
    ['{ $.tags.* = "blue" }', APP_JSON, true],
    ['{ $.user.admin IS TRUE }', APP_JSON, true],
    ['{ $.user.admin IS FALSE }', APP_JSON, false],
    ['{ $.user.email IS NULL }', APP_JSON, true],
    ['{ $.user.id IS NULL }', APP_JSON, false],
    ['{ $.user.phone IS NULL }', APP_JSON, false], // missing is not null
    ['{ $.user.phone NOT EXISTS }', APP_JSON, true],
    ['{ $.user.id NOT EXISTS }', APP_JSON, false],
    ['{ $.user.id EXISTS }', APP_JSON, true],
    ['{ $.level = "INFO" && $.latency > 100 }', APP_JSON, true],
    ['{ $.level = "ERROR" && $.latency > 100 }', APP_JSON, false],
    ['{ $.level = "ERROR" || $.latency > 100 }', APP_JSON, true],
    ['{ $.level = "ERROR" || $.level = "WARN" }', JSON_WARN, true],
    ['{ $.level = "ERROR" || $.level = "WARN" }', JSON_INFO, false],
    // && binds tighter than ||; parentheses group.
    ['{ $.level = "ERROR" || $.level = "INFO" && $.latency > 500 }', APP_JSON, false],
    ['{ ($.level = "ERROR" || $.level = "INFO") && $.latency > 100 }', APP_JSON, true],
    ['{ ($.level = "ERROR" || $.level = "INFO") && ($.latency > 500 || $.user.admin IS TRUE) }', APP_JSON, true],
    // Lambda's JSON platform lines.
    ['{ $.type = "platform.report" && $.record.metrics.durationMs > 10 }', JSON_REPORT, true],
    ['{ $.record.metrics.maxMemoryUsedMB >= 100 }', JSON_REPORT, false],
    ['{ $.record.requestId = "8f5c6b1e-*" }', JSON_REPORT, true],
  ])('%s on %s -> %s', (pattern, line, expected) => {
    expect(match(pattern, line)).toBe(expected);
  });
});

describe('space-delimited patterns', () => {
  const ACCESS = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 503 1534';
  const ACCESS_OK = '10.0.0.2 - - [10/Oct/2000:13:25:16 -0700] "GET /index.html HTTP/1.0" 200 512';

  it('splits "quoted" and [bracketed] fields', () => {
    expect(splitFields(ACCESS)).toEqual(['127.0.0.1', '-', 'frank', '10/Oct/2000:13:25:15 -0700', 'GET /apache_pb.gif HTTP/1.0', '503', '1534']);
    expect(splitFields(TEXT_INFO)).toEqual(['2026-11-27T05:32:53.123Z', REQ, 'INFO', 'fetching', 'order', '42']);
  });

  it.each([
    ['[ip, identity, user, timestamp, request, status_code, bytes]', ACCESS, true],
    ['[ip, identity, user, timestamp, request, status_code]', ACCESS, false], // one field too few
    ['[ip, identity, user, timestamp, request, status_code = 5*, bytes]', ACCESS, true],
    ['[ip, identity, user, timestamp, request, status_code = 5*, bytes]', ACCESS_OK, false],
    ['[ip, ..., status_code = 5*, bytes > 1000]', ACCESS, true],
    ['[ip, ..., status_code = 5*, bytes > 1000]', ACCESS_OK, false],
    ['[..., status_code != 200, bytes]', ACCESS, true],
    ['[..., status_code != 200, bytes]', ACCESS_OK, false],
    ['[ip = 127.*, ...]', ACCESS, true],
    ['[ip = "10.*", ...]', ACCESS, false],
    ['[..., request = "*.gif*", status, bytes]', ACCESS, true],
    ['[..., status = 4* || status = 5*, bytes]', ACCESS, true],
    ['[..., status = 4* || status = 5*, bytes]', ACCESS_OK, false],
    ['[..., status = 200 && bytes < 1000, bytes]', ACCESS_OK, true],
    ['[..., status >= 500, bytes <= 1534]', ACCESS, true],
    ['[..., status >= 500, bytes < 1534]', ACCESS, false],
    ['[...]', ACCESS, true],
    ['[]', '', true],
    // Lambda's text lines: time, request id, level, message words.
    ['[time, request_id, level = ERROR, ...]', TEXT_ERROR, true],
    ['[time, request_id, level = ERROR, ...]', TEXT_INFO, false],
    ['[type = REPORT, ...]', REPORT, true],
    ['[type = REPORT, ...]', START, false],
    ['[..., used = 61, unit = MB, a, b, c, d]', REPORT, false],
    ['[..., used = 60, unit = MB, a, b, c]', REPORT, false], // one field too few
    ['[..., used = 60, unit = MB, a, b, c, d]', REPORT, true],
  ])('%s on %j -> %s', (pattern, line, expected) => {
    expect(match(pattern, line)).toBe(expected);
  });
});

describe('parse errors, with the position (0-based) of the mistake', () => {
  it.each([
    ['"unterminated', 'unterminated quoted string', 0],
    ['ERROR "oops', 'unterminated quoted string', 6],
    ['ERROR -', "'-' must be followed by a term", 6],
    ['? ERROR', "'?' must be followed by a term", 0],
    ['"a"b', 'expected a space after the quoted term', 3],
    ['(ERROR)', "unexpected '(': quote terms with special characters", 0],
    ['{ $.level = "ERROR" ', "expected '&&', '||' or '}', found the end of the pattern", 20],
    ['{ level = "ERROR" }', "expected a selector such as $.level, found 'level'", 2],
    ['{ $.level "ERROR" }', 'expected an operator (=, !=, <, >, <=, >=, IS, EXISTS, NOT EXISTS) after $.level, found "ERROR"', 10],
    ['{ $.level = }', "expected a value, found '}'", 12],
    ['{ $.latency > "100" }', "'>' compares numbers, not strings", 14],
    ['{ $.latency > high }', "'>' compares numbers: expected a number, found 'high'", 14],
    ['{ $.a IS MAYBE }', "expected TRUE, FALSE or NULL after IS, found 'MAYBE'", 9],
    ['{ $.a NOT THERE }', "expected EXISTS after NOT, found 'THERE'", 10],
    ['{ $ = 1 }', 'a selector needs a path, such as $.level', 2],
    ['{ $.a[x] = 1 }', "bad selector: expected .name, [n] or [*] at '[x]'", 5],
    ['{ ($.a = 1 }', "expected '&&', '||' or ')', found '}'", 11],
    ['{ $.a = 1 } extra', "unexpected 'extra' after the closing '}'", 12],
    ['{ $.a = 1 & $.b = 2 }', "unexpected '&'", 10],
    ['[ip, user', "expected ',' or ']', found the end of the pattern", 9],
    ['[ip, , user]', "expected a field name or '...', found ','", 5],
    ['[ip, ip]', "field 'ip' is named twice", 5],
    ['[ip, status = 5*, x = 1 || nope = 2]', "condition on 'nope', which is not a field of the pattern", 27],
    ['[ip, bytes > many]', "'>' compares numbers: expected a number, found 'many'", 13],
  ])('%j -> %s at %i', (pattern, message, position) => {
    expect(parseFilterPattern(pattern)).toEqual({ ok: false, error: { message, position } });
  });
});
