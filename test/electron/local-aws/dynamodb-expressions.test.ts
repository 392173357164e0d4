/**
 * DynamoDB's expression language, parsed and evaluated: conditions (precedence, functions,
 * comparisons on numbers by value), updates (SET arithmetic, if_not_exists, list_append, REMOVE
 * of list elements, ADD and DELETE on sets), projections of nested paths, and the
 * ValidationException messages DynamoDB answers for the common mistakes.
 */
import { describe, expect, it } from 'vitest';
import { applyUpdate } from '../../../electron/local-aws/dynamodb/expressions/apply-update.js';
import { parseCondition } from '../../../electron/local-aws/dynamodb/expressions/condition-parser.js';
import { project } from '../../../electron/local-aws/dynamodb/expressions/document-paths.js';
import { evaluate } from '../../../electron/local-aws/dynamodb/expressions/evaluate.js';
import { ExpressionInputs } from '../../../electron/local-aws/dynamodb/expressions/inputs.js';
import { parseProjection } from '../../../electron/local-aws/dynamodb/expressions/projection-parser.js';
import { parseUpdate } from '../../../electron/local-aws/dynamodb/expressions/update-parser.js';
import { addNumbers, canonicalNumber, compareNumbers } from '../../../electron/local-aws/dynamodb/decimal.js';
import type { AttributeValue, Item } from '../../../electron/local-aws/dynamodb/attribute-values.js';
import { AwsError } from '../../../electron/local-aws/wire.js';

const ITEM: Item = {
  pk: { S: 'user#1' },
  age: { N: '42' },
  big: { N: '123456789012345678901234567890.5' },
  nick: { S: 'Ada' },
  tags: { SS: ['a', 'b'] },
  nums: { NS: ['1', '2.5'] },
  list: { L: [{ S: 'x' }, { M: { deep: { N: '7' } } }, { N: '3' }] },
  map: { M: { inner: { M: { v: { S: 'hello world' } } }, flag: { BOOL: true } } },
  nothing: { NULL: true },
  bin: { B: Buffer.from('abc').toString('base64') },
};

const LIST = (ITEM.list as { L: AttributeValue[] }).L;

const VALUES = {
  ':42': { N: '42.0' },
  ':41': { N: '41' },
  ':50': { N: '50' },
  ':ada': { S: 'Ada' },
  ':A': { S: 'A' },
  ':a': { S: 'a' },
  ':z': { S: 'z' },
  ':S': { S: 'S' },
  ':SS': { S: 'SS' },
  ':M': { S: 'M' },
  ':x': { S: 'x' },
  ':7': { N: '7' },
  ':3': { N: '3' },
  ':2': { N: '2' },
  ':hello': { S: 'hello' },
  ':world': { S: 'world' },
  ':twohalf': { N: '2.50' },
  ':b': { S: 'b' },
  ':bigger': { N: '123456789012345678901234567890.6' },
  ':ab': { B: Buffer.from('ab').toString('base64') },
  ':true': { BOOL: true },
  ':list': { L: [{ S: 'x' }, { M: { deep: { N: '7' } } }, { N: '3' }] },
};

function cond(expr: string, names?: Record<string, string>, item: Item | null = ITEM): boolean {
  const inputs = new ExpressionInputs(names, VALUES);
  return evaluate(parseCondition(expr, 'ConditionExpression', inputs), item ?? undefined);
}

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AwsError);
    expect((err as AwsError).code).toBe('ValidationException');
    return (err as Error).message;
  }
  throw new Error('expected a ValidationException');
}

describe('decimal numbers', () => {
  it.each([
    ['1.50', '1.5'],
    ['1e2', '100'],
    ['-0.00100', '-0.001'],
    ['00012', '12'],
    ['0.0', '0'],
    ['123456789012345678901234567890123.12345', '123456789012345678901234567890123.12345'],
  ])('writes %s as %s', (input, out) => expect(canonicalNumber(input)).toBe(out));

  it('compares and adds exactly, beyond a double', () => {
    expect(compareNumbers('123456789012345678901234567890.5', '123456789012345678901234567890.6')).toBe(-1);
    expect(compareNumbers('10', '9.99')).toBe(1);
    expect(compareNumbers('-1', '-1.0')).toBe(0);
    expect(addNumbers('12345678901234567890.1', '1')).toBe('12345678901234567891.1');
    expect(addNumbers('0.1', '0.2')).toBe('0.3');
    expect(addNumbers('5', '7.5', -1)).toBe('-2.5');
  });

  it('rejects text that is not a number and more than 38 digits', () => {
    expect(failure(() => canonicalNumber('12a'))).toBe('A value provided cannot be converted into a number');
    expect(failure(() => canonicalNumber('1'.repeat(39)))).toBe('Attempting to store more than 38 significant digits in a Number');
    expect(canonicalNumber('9.9e125')).toBe(`99${'0'.repeat(124)}`);
    expect(failure(() => canonicalNumber('1e126'))).toBe('Number overflow. Attempting to store a number with magnitude larger than supported range');
    expect(canonicalNumber('1e-130')).toBe(`0.${'0'.repeat(129)}1`);
    expect(failure(() => canonicalNumber('1e-131'))).toBe('Number underflow. Attempting to store a number with magnitude smaller than supported range');
  });
});

describe('condition expressions', () => {
  it.each<[string, boolean, Record<string, string>?]>([
    ['age = :42', true],
    ['age <> :42', false],
    ['age < :50', true],
    ['age <= :42', true],
    ['age > :41', true],
    ['age >= :50', false],
    ['big < :bigger', true],
    ['nick = :ada', true],
    ['nick > :A', true],
    ['nick < :a', true], // bytewise: 'A' (0x41) < 'a' (0x61)
    ['nick = :42', false], // different types are never equal
    ['nick < :42', false],
    ['missing = :42', false],
    ['missing <> :42', true],
    ['age BETWEEN :41 AND :50', true],
    ['age between :41 and :42', true],
    ['age BETWEEN :50 AND :50', false],
    ['nick BETWEEN :A AND :z', true],
    ['age IN (:41, :42)', true],
    ['age IN (:41, :50)', false],
    ['nick IN (:ada)', true],
    ['attribute_exists(age)', true],
    ['attribute_exists(missing)', false],
    ['attribute_not_exists(missing)', true],
    ['attribute_exists(map.inner.v)', true],
    ['attribute_exists(map.inner.w)', false],
    ['attribute_exists(list[1].deep)', true],
    ['attribute_exists(list[5])', false],
    ['attribute_type(tags, :SS)', true],
    ['attribute_type(nick, :S)', true],
    ['attribute_type(map, :M)', true],
    ['attribute_type(nick, :M)', false],
    ['begins_with(nick, :A)', true],
    ['begins_with(nick, :a)', false],
    ['begins_with(bin, :ab)', true],
    ['begins_with(map.inner.v, :hello)', true],
    ['contains(map.inner.v, :world)', true],
    ['contains(tags, :a)', true],
    ['contains(tags, :z)', false],
    ['contains(nums, :twohalf)', true],
    ['contains(list, :x)', true],
    ['contains(list, :7)', false],
    ['contains(list, :3)', true],
    ['size(nick) = :3', true],
    ['size(tags) = :2', true],
    ['size(list) > :2', true],
    ['size(map) = :2', true],
    ['size(missing) = :3', false],
    ['list[1].deep = :7', true],
    ['list[0] = :x', true],
    ['list = :list', true],
    ['map.flag = :true', true],
    ['#n = :ada', true, { '#n': 'nick' }],
    ['#m.#i.v = :hello', false, { '#m': 'map', '#i': 'inner' }],
    ['#d = :ada', false, { '#d': 'map.inner' }], // a placeholder is one nick, dots and all
    // Precedence: NOT binds tighter than AND, AND tighter than OR.
    ['age = :41 OR age = :42 AND nick = :ada', true],
    ['age = :42 OR age = :41 AND nick = :x', true],
    ['(age = :42 OR age = :41) AND nick = :x', false],
    ['NOT age = :41 AND nick = :ada', true],
    ['NOT (age = :42 AND nick = :ada)', false],
    ['NOT NOT attribute_exists(age)', true],
    ['not attribute_exists(missing) and (contains(tags, :b) or age < :2)', true],
  ])('%s is %s', (expr, expected, names) => {
    expect(cond(expr, names)).toBe(expected);
  });

  it('sees no attribute on a missing item', () => {
    expect(cond('attribute_not_exists(pk)', undefined, null)).toBe(true);
    expect(cond('attribute_exists(pk)', undefined, null)).toBe(false);
  });

  it.each([
    ['age = = :42', 'Invalid ConditionExpression: Syntax error; token: "=", near: "= = :42"'],
    ['age = ', 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "="'],
    ['age :42', 'Invalid ConditionExpression: Syntax error; token: ":42", near: "age :42"'],
    ['age = :42 AND', 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "AND"'],
    ['(age = :42', 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: ":42"'],
    ['age ! :42', 'Invalid ConditionExpression: Syntax error; token: "!", near: "age !"'],
    ['age BETWEEN :41 OR :50', 'Invalid ConditionExpression: Syntax error; token: "OR", near: ":41 OR :50"'],
    ['list[x] = :x', 'Invalid ConditionExpression: Syntax error; token: "x", near: "[x]"'],
    ['', 'Invalid ConditionExpression: The expression can not be empty;'],
    ['#nope = :42', 'Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #nope'],
    ['age = :nope', 'Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :nope'],
    ['status = :ada', 'Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status'],
    ['map.Data = :ada', 'Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: Data'],
    ['foo(age)', 'Invalid ConditionExpression: Invalid function name; function: foo'],
    ['begins_with(nick)', 'Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1'],
    ['attribute_exists(:42)', 'Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists'],
    ['size(nick)', 'Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size'],
    ['attribute_exists(age) = :42', 'Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: attribute_exists'],
    ['attribute_type(nick, :x)', 'Invalid ConditionExpression: Invalid attribute type name found; type: x, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}'],
    [
      'age BETWEEN :50 AND :41',
      'Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:50}, upper bound operand: AttributeValue: {N:41}',
    ],
    ['begins_with(nick, :42)', 'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N'],
  ])('%j fails: %s', (expr, message) => {
    expect(failure(() => cond(expr))).toBe(message);
  });

  it('reports unused names and values once every expression is parsed', () => {
    const inputs = new ExpressionInputs({ '#n': 'nick', '#unused': 'x' }, { ':ada': { S: 'Ada' }, ':spare': { N: '1' } });
    parseCondition('#n = :ada', 'ConditionExpression', inputs);
    expect(failure(() => inputs.checkAllUsed())).toBe('Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}');
    const values = new ExpressionInputs(undefined, { ':ada': { S: 'Ada' }, ':spare': { N: '1' } });
    parseCondition('nick = :ada', 'ConditionExpression', values);
    expect(failure(() => values.checkAllUsed())).toBe('Value provided in ExpressionAttributeValues unused in expressions: keys: {:spare}');
  });

  it('checks the values it is given', () => {
    expect(failure(() => new ExpressionInputs(undefined, {}))).toBe('ExpressionAttributeValues must not be empty');
    expect(failure(() => new ExpressionInputs(undefined, { ':n': { N: 'abc' } }))).toContain('A value provided cannot be converted into a number');
    expect(failure(() => new ExpressionInputs(undefined, { v: { S: 'x' } }))).toBe('ExpressionAttributeValues contains invalid key: Syntax error; key: "v"');
  });
});

function update(expr: string, item: Item = ITEM, values: Record<string, unknown> = VALUES, names?: Record<string, string>): Item {
  return applyUpdate(item, parseUpdate(expr, new ExpressionInputs(names, values)));
}

describe('update expressions', () => {
  it.each<[string, Record<string, unknown>]>([
    ['SET age = age + :7', { age: { N: '49' } }],
    ['SET age = :50 - age', { age: { N: '8' } }],
    ['SET big = big + :7', { big: { N: '123456789012345678901234567897.5' } }],
    ['SET fresh = if_not_exists(fresh, :7)', { fresh: { N: '7' } }],
    ['SET age = if_not_exists(age, :7)', { age: { N: '42' } }],
    ['SET list = list_append(list, :list)', { list: { L: [...(LIST as never[]), ...(VALUES[':list'].L as never[])] } }],
    ['SET list = list_append(:list, list)', { list: { L: [...(VALUES[':list'].L as never[]), ...(LIST as never[])] } }],
    ['SET map.inner.v = :x, map.added = :7', { map: { M: { inner: { M: { v: { S: 'x' } } }, flag: { BOOL: true }, added: { N: '7' } } } }],
    ['SET list[0] = :z', { list: { L: [{ S: 'z' }, ...(LIST.slice(1) as never[])] } }],
    ['SET list[10] = :z', { list: { L: [...(LIST as never[]), { S: 'z' }] } }],
    ['SET #n = :x', { nick: { S: 'x' } }],
    ['REMOVE nick, missing', { nick: undefined }],
    ['REMOVE list[0], list[2]', { list: { L: [LIST[1]] } }],
    ['REMOVE map.inner.v', { map: { M: { inner: { M: {} }, flag: { BOOL: true } } } }],
    ['ADD age :7', { age: { N: '49' } }],
    ['ADD tally :7', { tally: { N: '7' } }],
    ['ADD tags :SSv', { tags: { SS: ['a', 'b', 'c'] } }],
    ['ADD nums :NSv', { nums: { NS: ['1', '2.5', '3'] } }],
    ['ADD fresh :SSv', { fresh: { SS: ['a', 'c'] } }],
    ['DELETE tags :SSv', { tags: { SS: ['b'] } }],
    ['DELETE tags :SSall', { tags: undefined }],
    ['DELETE missing :SSv', {}],
    ['SET age = age - :2 REMOVE nick ADD tags :SSv DELETE nums :NSv', { age: { N: '40' }, nick: undefined, tags: { SS: ['a', 'b', 'c'] }, nums: { NS: ['2.5'] } }],
    ['set age = :7 remove #n', { age: { N: '7' }, nick: undefined }],
  ])('%s', (expr, changes) => {
    const values = { ...VALUES, ':SSv': { SS: ['a', 'c'] }, ':NSv': { NS: ['3', '1'] }, ':SSall': { SS: ['a', 'b'] } };
    const names = expr.includes('#n') ? { '#n': 'nick' } : undefined;
    const used = Object.fromEntries(Object.entries(values).filter(([k]) => new RegExp(`${k.replace(/[.]/g, '\\.')}(?![A-Za-z0-9_.])`).test(expr)));
    const out = update(expr, ITEM, Object.keys(used).length ? used : undefined!, names);
    const expected: Record<string, unknown> = { ...ITEM, ...changes };
    for (const [k, v] of Object.entries(expected)) if (v === undefined) delete expected[k];
    expect(out).toEqual(expected);
  });

  it('leaves the original item untouched', () => {
    const before = structuredClone(ITEM);
    update('SET map.inner.v = :x REMOVE list[0] ADD age :7');
    expect(ITEM).toEqual(before);
  });

  it.each([
    ['SET', 'Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "SET"'],
    ['SET age', 'Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "age"'],
    ['SET age :7', 'Invalid UpdateExpression: Syntax error; token: ":7", near: "age :7"'],
    ['age = :7', 'Invalid UpdateExpression: Syntax error; token: "age", near: "age ="'],
    ['SET age = :7,', 'Invalid UpdateExpression: Syntax error; token: "<EOF>", near: ","'],
    ['UPDATE age = :7', 'Invalid UpdateExpression: Syntax error; token: "UPDATE", near: "UPDATE age"'],
    ['SET age = :7, date = :7', 'Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: date'],
    ['SET a = :7 SET b = :7', 'Invalid UpdateExpression: The "SET" section can only be used once in an update expression;'],
    ['SET a = :7 REMOVE a', 'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]'],
    ['SET map = :7, map.flag = :7', 'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [map], path two: [map, flag]'],
    [
      'REMOVE list[1], list[1].deep',
      'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [list, [1]], path two: [list, [1], deep]',
    ],
    ['ADD nick :x', 'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING'],
    ['ADD tags :7', 'An operand in the update expression has an incorrect data type'],
    ['DELETE tags :7', 'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER'],
    ['SET age = nick + :7', 'An operand in the update expression has an incorrect data type'],
    // SET values come from the item before the update: b cannot see the new a.
    ['SET a = :x, b = a', 'The provided expression refers to an attribute that does not exist in the item'],
    ['SET age = missing + :7', 'The provided expression refers to an attribute that does not exist in the item'],
    ['SET l = list_append(nick, :list)', 'An operand in the update expression has an incorrect data type'],
    ['SET nope.x = :7', 'The document path provided in the update expression is invalid for update'],
    ['SET a = size(nick)', 'Invalid UpdateExpression: The function is not allowed in an update expression; function: size'],
    ['SET a = if_not_exists(:7, :7)', 'Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists'],
    ['SET #x = :7', 'Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #x'],
    ['SET a = :none', 'Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :none'],
  ])('%j fails: %s', (expr, message) => {
    expect(failure(() => update(expr))).toBe(message);
  });
});

describe('projection expressions', () => {
  const proj = (expr: string, names?: Record<string, string>) => project(ITEM, parseProjection(expr, new ExpressionInputs(names, undefined)));

  it.each<[string, Item, Record<string, string>?]>([
    ['age, nick', { age: ITEM.age!, nick: ITEM.nick! }],
    ['map.inner.v', { map: { M: { inner: { M: { v: { S: 'hello world' } } } } } }],
    ['list[1].deep, list[0]', { list: { L: [{ S: 'x' }, { M: { deep: { N: '7' } } }] } }],
    ['list[2]', { list: { L: [{ N: '3' }] } }],
    ['missing, map.missing, list[9]', {}],
    ['#n, #m.flag', { nick: ITEM.nick!, map: { M: { flag: { BOOL: true } } } }, { '#n': 'nick', '#m': 'map' }],
  ])('%s', (expr, expected, names) => {
    expect(proj(expr, names)).toEqual(expected);
  });

  it.each([
    ['age,', 'Invalid ProjectionExpression: Syntax error; token: "<EOF>", near: ","'],
    ['age nick', 'Invalid ProjectionExpression: Syntax error; token: "nick", near: "age nick"'],
    ['map, map.flag', 'Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [map], path two: [map, flag]'],
    ['age, name', 'Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name'],
    ['#x', 'Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #x'],
  ])('%j fails: %s', (expr, message) => {
    expect(failure(() => proj(expr))).toBe(message);
  });
});
