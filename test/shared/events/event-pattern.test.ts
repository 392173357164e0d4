/** EventBridge's content filtering, case by case as the EventBridge User Guide describes each filter. */
import { describe, expect, it } from 'vitest';
import { checkEventPattern, matchesEventPattern, parseEventPattern } from '../../../shared/events/event-pattern.js';

const event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: {
    'instance-id': 'i-1234567890abcdef0',
    state: 'terminated',
    'c-count': 5,
    'd-count': 0,
    'x-limit': 301.8,
    'source-ip': '10.0.0.123',
    location: { city: 'Seattle', zip: '98101' },
    tags: ['blue', 'production'],
    items: [
      { sku: 'A-1', qty: 2 },
      { sku: 'B-7', qty: 0 },
    ],
    filename: 'photos/cat.PNG',
    nothing: null,
    flag: true,
    empty: '',
    none: [],
  },
};

type Case = [string, Record<string, unknown>, boolean];

const CASES: Case[] = [
  ['exact source', { source: ['aws.ec2'] }, true],
  ['exact source, other value', { source: ['aws.s3'] }, false],
  ['a list is OR', { source: ['aws.s3', 'aws.ec2'] }, true],
  ['fields are AND', { source: ['aws.ec2'], 'detail-type': ['Other'] }, false],
  ['detail-type, account and region', { 'detail-type': ['EC2 Instance State-change Notification'], account: ['111122223333'], region: ['us-west-1'] }, true],
  ['resources: any element', { resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'] }, true],
  ['nested detail field', { detail: { state: ['terminated'] } }, true],
  ['nested two levels', { detail: { location: { city: ['Seattle'] } } }, true],
  ['nested two levels, other value', { detail: { location: { city: ['Portland'] } } }, false],
  ['a field missing from the event', { detail: { color: ['red'] } }, false],
  ['exact is case-sensitive', { detail: { state: ['Terminated'] } }, false],
  ['numbers match as numbers', { detail: { 'c-count': [5.0] } }, true],
  ['a number does not match its text', { detail: { 'c-count': ['5'] } }, false],
  ['text does not match a number', { detail: { state: [5] } }, false],
  ['true', { detail: { flag: [true] } }, true],
  ['"true" is not true', { detail: { flag: ['true'] } }, false],
  ['null matches a null value', { detail: { nothing: [null] } }, true],
  ['null does not match a missing field', { detail: { absent: [null] } }, false],
  ['empty string', { detail: { empty: [''] } }, true],
  ['an event array matches if any element does', { detail: { tags: ['production'] } }, true],
  ['an event array, no element matches', { detail: { tags: ['staging'] } }, false],
  ['objects in an array', { detail: { items: { sku: ['B-7'] } } }, true],
  ['objects in an array: fields of one element', { detail: { items: { sku: ['B-7'], qty: [0] } } }, true],
  ['prefix', { time: [{ prefix: '2017-12-22' }] }, true],
  ['prefix, no', { time: [{ prefix: '2018' }] }, false],
  ['prefix ignoring case', { source: [{ prefix: { 'equals-ignore-case': 'AWS.' } }] }, true],
  ['suffix', { detail: { filename: [{ suffix: '.PNG' }] } }, true],
  ['suffix is case-sensitive', { detail: { filename: [{ suffix: '.png' }] } }, false],
  ['suffix ignoring case', { detail: { filename: [{ suffix: { 'equals-ignore-case': '.png' } }] } }, true],
  ['equals-ignore-case', { detail: { state: [{ 'equals-ignore-case': 'TERMINATED' }] } }, true],
  ['equals-ignore-case, other', { detail: { state: [{ 'equals-ignore-case': 'running' }] } }, false],
  ['wildcard', { detail: { filename: [{ wildcard: 'photos/*.PNG' }] } }, true],
  ['wildcard, several stars', { resources: [{ wildcard: 'arn:aws:ec2:*:*:instance/*' }] }, true],
  ['wildcard must cover the whole value', { detail: { filename: [{ wildcard: 'photos/*' }] } }, true],
  ['wildcard, no', { detail: { filename: [{ wildcard: 'videos/*' }] } }, false],
  ['anything-but a value', { detail: { state: [{ 'anything-but': 'initializing' }] } }, true],
  ['anything-but that value', { detail: { state: [{ 'anything-but': 'terminated' }] } }, false],
  ['anything-but a number', { detail: { 'c-count': [{ 'anything-but': 5 }] } }, false],
  ['anything-but a list', { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, true],
  ['anything-but a list holding it', { detail: { state: [{ 'anything-but': ['stopped', 'terminated'] }] } }, false],
  ['anything-but needs the field', { detail: { color: [{ 'anything-but': 'red' }] } }, false],
  ['anything-but prefix', { region: [{ 'anything-but': { prefix: 'us-' } }] }, false],
  ['anything-but prefix, not it', { region: [{ 'anything-but': { prefix: 'eu-' } }] }, true],
  ['anything-but suffix', { detail: { filename: [{ 'anything-but': { suffix: '.PNG' } }] } }, false],
  ['anything-but equals-ignore-case', { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['TERMINATED', 'x'] } }] } }, false],
  ['anything-but wildcard', { detail: { filename: [{ 'anything-but': { wildcard: '*/lib/*' } }] } }, true],
  ['anything-but on an array: another element passes', { detail: { tags: [{ 'anything-but': 'blue' }] } }, true],
  ['numeric range', { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } }, true],
  ['numeric range, outside', { detail: { 'd-count': [{ numeric: ['>', 0, '<=', 5] }] } }, false],
  ['numeric lower bound, decimal', { detail: { 'x-limit': [{ numeric: ['>=', 301.8] }] } }, true],
  ['numeric =', { detail: { 'd-count': [{ numeric: ['=', 0] }] } }, true],
  ['numeric on text never matches', { detail: { state: [{ numeric: ['>', 0] }] } }, false],
  ['numeric < ', { detail: { 'x-limit': [{ numeric: ['<', 300] }] } }, false],
  ['cidr', { detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } }, true],
  ['cidr, outside', { detail: { 'source-ip': [{ cidr: '10.0.1.0/24' }] } }, false],
  ['exists true', { detail: { state: [{ exists: true }] } }, true],
  ['exists true on a missing field', { detail: { color: [{ exists: true }] } }, false],
  ['exists false on a missing field', { detail: { color: [{ exists: false }] } }, true],
  ['exists false on a present field', { detail: { state: [{ exists: false }] } }, false],
  ['exists false when the parent is missing', { detail: { nope: { deeper: [{ exists: false }] } } }, true],
  ['exists only sees leaves: an object is not one', { detail: { location: [{ exists: true }] } }, false],
  ['an empty event list does not exist', { detail: { none: [{ exists: false }] } }, true],
  ['exists OR a value', { detail: { color: [{ exists: false }, 'red'] } }, true],
  ['$or: one branch matches', { detail: { $or: [{ 'c-count': [{ numeric: ['>', 10] }] }, { 'd-count': [{ numeric: ['=', 0] }] }] } }, true],
  ['$or: no branch', { detail: { $or: [{ 'c-count': [{ numeric: ['>', 10] }] }, { state: ['running'] }] } }, false],
  ['$or at the top, with a sibling', { source: ['aws.ec2'], $or: [{ 'detail-type': ['nope'] }, { detail: { state: ['terminated'] } }] }, true],
  ['$or with a sibling that fails', { source: ['aws.s3'], $or: [{ 'detail-type': ['nope'] }, { detail: { state: ['terminated'] } }] }, false],
  ['a leaf filter on an object field', { detail: ['x'] }, false],
];

describe('matchesEventPattern', () => {
  it.each(CASES)('%s', (_name, pattern, expected) => {
    expect(checkEventPattern(pattern)).toBeUndefined();
    expect(matchesEventPattern(pattern, event)).toBe(expected);
  });

  it('wildcards treat regular-expression characters literally, and \\* as a star', () => {
    expect(matchesEventPattern({ k: [{ wildcard: 'a.b*' }] }, { k: 'a.bc' })).toBe(true);
    expect(matchesEventPattern({ k: [{ wildcard: 'a.b*' }] }, { k: 'axbc' })).toBe(false);
    expect(matchesEventPattern({ k: [{ wildcard: 'a\\*' }] }, { k: 'a*' })).toBe(true);
    expect(matchesEventPattern({ k: [{ wildcard: 'a\\*' }] }, { k: 'ab' })).toBe(false);
  });
});

describe('checkEventPattern', () => {
  const INVALID: Array<[unknown, RegExp]> = [
    ['not an object', /must be a JSON object/],
    [{}, /empty/],
    [{ source: 'aws.ec2' }, /^source: Match value must be/],
    [{ source: [] }, /^source: Empty arrays/],
    [{ detail: { state: [{ bogus: 1 }] } }, /^detail\.state: Unrecognized match type bogus/],
    [{ detail: { n: [{ numeric: ['>', 'x'] }] } }, /^detail\.n: Value of > must be numeric/],
    [{ detail: { n: [{ numeric: ['<', 5, '>', 1] }] } }, /lower bound/],
    [{ detail: { n: [{ numeric: ['>', 5, '<', 1] }] } }, /Bottom must be less than top/],
    [{ detail: { n: [{ numeric: ['~', 5] }] } }, /Unrecognized numeric range operator/],
    [{ detail: { n: [{ exists: 'yes' }] } }, /exists match pattern must be either true or false/],
    [{ detail: { n: [{ prefix: 5 }] } }, /prefix match pattern must be a string/],
    [{ detail: { n: [{ 'anything-but': [1, 'a'] }] } }, /all values must be strings or all numbers/],
    [{ detail: { n: [{ 'anything-but': { numeric: ['>', 1] } }] } }, /Unsupported anything-but pattern: numeric/],
    [{ detail: { n: [{ wildcard: 'a**b' }] } }, /Consecutive wildcard characters/],
    [{ detail: { n: [{ cidr: '10.0.0.300/8' }] } }, /Malformed CIDR/],
    [{ $or: [{ source: ['a'] }] }, /\$or must be a list of at least two patterns/],
    [{ detail: { n: [{ prefix: 'a', suffix: 'b' }] } }, /exactly one key/],
  ];
  it.each(INVALID)('refuses %j', (pattern, message) => {
    expect(checkEventPattern(pattern)).toMatch(message);
  });

  it('parses JSON text, and says when it is not JSON', () => {
    expect(parseEventPattern('{"source":["a"]}')).toEqual({ pattern: { source: ['a'] } });
    expect(parseEventPattern('{"source":')).toMatchObject({ error: expect.stringMatching(/not valid JSON/) });
    expect(parseEventPattern({ source: 'a' })).toMatchObject({ error: expect.stringMatching(/^source: /) });
  });
});
