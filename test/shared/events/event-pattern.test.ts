/** EventBridge's content filtering, case by case, on the kind of event its documentation uses. */
import { describe, expect, it } from 'vitest';
import { checkPattern, matchesPattern } from '../../../shared/events/event-pattern.js';

const EVENT = {
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
    'd-count': 3,
    'x-limit': 301.8,
    'source-ip': '10.0.0.123',
    location: 'eu-west-1',
    tags: ['blue', 'green'],
    nested: { deeper: { value: 'yes' } },
    empty: [],
  },
};

describe('matchesPattern', () => {
  it.each([
    ['exact source', { source: ['aws.ec2'] }, true],
    ['a list is OR', { source: ['aws.s3', 'aws.ec2'] }, true],
    ['no value listed matches', { source: ['aws.s3'] }, false],
    ['every field must match (AND)', { source: ['aws.ec2'], 'detail-type': ['Other'] }, false],
    ['nested objects', { detail: { nested: { deeper: { value: ['yes'] } } } }, true],
    ['a list value: any element', { detail: { tags: ['green'] } }, true],
    ['a list value: none', { detail: { tags: ['red'] } }, false],
    ['resources are a list too', { resources: [{ prefix: 'arn:aws:ec2:us-west-1' }] }, true],
    ['numbers exactly', { detail: { 'c-count': [5] } }, true],
    ['a number is not its text', { detail: { 'c-count': ['5'] } }, false],
    ['prefix', { detail: { state: [{ prefix: 'term' }] } }, true],
    ['prefix, no', { detail: { state: [{ prefix: 'run' }] } }, false],
    ['prefix ignoring case', { detail: { state: [{ prefix: { 'equals-ignore-case': 'TERM' } }] } }, true],
    ['suffix', { detail: { location: [{ suffix: '-1' }] } }, true],
    ['suffix ignoring case', { 'detail-type': [{ suffix: { 'equals-ignore-case': 'NOTIFICATION' } }] }, true],
    ['equals-ignore-case', { detail: { state: [{ 'equals-ignore-case': 'TERMINATED' }] } }, true],
    ['anything-but a value', { detail: { state: [{ 'anything-but': 'running' }] } }, true],
    ['anything-but that value', { detail: { state: [{ 'anything-but': 'terminated' }] } }, false],
    ['anything-but a list', { detail: { state: [{ 'anything-but': ['stopped', 'terminated'] }] } }, false],
    ['anything-but a number', { detail: { 'c-count': [{ 'anything-but': [1, 2] }] } }, true],
    ['anything-but a prefix', { detail: { state: [{ 'anything-but': { prefix: 'ter' } }] } }, false],
    ['anything-but a suffix', { detail: { location: [{ 'anything-but': { suffix: '-2' } }] } }, true],
    ['anything-but ignoring case', { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['TERMINATED'] } }] } }, false],
    ['numeric range', { detail: { 'x-limit': [{ numeric: ['>', 0, '<=', 305] }] } }, true],
    ['numeric range, out', { detail: { 'x-limit': [{ numeric: ['>', 302] }] } }, false],
    ['numeric equals', { detail: { 'd-count': [{ numeric: ['=', 3] }] } }, true],
    ['numeric on text never', { detail: { state: [{ numeric: ['>', 0] }] } }, false],
    ['exists true', { detail: { state: [{ exists: true }] } }, true],
    ['exists true, missing', { detail: { colour: [{ exists: true }] } }, false],
    ['exists false, missing', { detail: { colour: [{ exists: false }] } }, true],
    ['exists false, present', { detail: { state: [{ exists: false }] } }, false],
    ['exists on an object is false', { detail: { nested: [{ exists: true }] } }, false],
    ['exists on an empty list is false', { detail: { empty: [{ exists: true }] } }, false],
    ['a missing field matches no value', { detail: { colour: ['red'] } }, false],
    ['wildcard', { detail: { location: [{ wildcard: 'eu-*-1' }] } }, true],
    ['wildcard, no', { detail: { location: [{ wildcard: 'us-*' }] } }, false],
    ['cidr', { detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } }, true],
    ['cidr, no', { detail: { 'source-ip': [{ cidr: '10.0.1.0/24' }] } }, false],
    ['$or of sub-patterns', { source: ['aws.ec2'], $or: [{ detail: { state: ['running'] } }, { detail: { 'c-count': [5] } }] }, true],
    ['$or, none', { $or: [{ detail: { state: ['running'] } }, { source: ['aws.s3'] }] }, false],
    ['null matches a null value only', { detail: { state: [null] } }, false],
  ])('%s', (_name, pattern, expected) => {
    expect(matchesPattern(pattern as Record<string, unknown>, EVENT)).toBe(expected);
  });

  it('a pattern on a nested field does not match a value that is not an object', () => {
    expect(matchesPattern({ detail: { state: { sub: ['x'] } } }, EVENT)).toBe(false);
  });
});

describe('checkPattern', () => {
  it.each([
    [{ source: ['a'] }, undefined],
    [{}, 'the pattern is empty'],
    [{ source: 'a' }, 'source: a value in a pattern must be a list of matchers or an object, got "a"'],
    [{ detail: { n: [{ numeric: ['>'] }] } }, 'detail.n: numeric takes pairs of an operator and a number'],
    [{ detail: { n: [{ between: 1 }] } }, 'detail.n: unknown matcher {"between":1}'],
    [{ $or: [{ source: ['a'] }] }, '$or must list at least two patterns'],
    [{ a: [{ exists: 'yes' }] }, 'a: exists takes true or false'],
  ])('%j: %s', (pattern, expected) => {
    expect(checkPattern(pattern)).toBe(expected);
  });
});
