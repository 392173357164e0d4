/**
 * Condition expressions (ConditionExpression, FilterExpression, KeyConditionExpression) by
 * recursive descent, precedence as DynamoDB documents it, lowest first:
 *
 *   condition := or
 *   or        := and ('OR' and)*
 *   and       := not ('AND' not)*
 *   not       := 'NOT' not | primary
 *   primary   := '(' condition ')' | function '(' args ')'
 *              | operand (comparator operand | 'BETWEEN' operand 'AND' operand | 'IN' '(' operand, ... ')')
 *   operand   := path | :value | size '(' path ')'
 */
import { validation } from '../errors.js';
import type { Comparator, Condition, Operand } from './ast.js';
import type { ExpressionInputs } from './inputs.js';
import { Parser } from './parser.js';

const COMPARATORS: readonly string[] = ['=', '<>', '<', '<=', '>', '>='];
const CONDITION_FUNCTIONS = ['attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains'];
/** IN takes at most 100 operands. */
const MAX_IN = 100;

export function parseCondition(source: string, what: string, inputs: ExpressionInputs): Condition {
  return new ConditionParser(source, what, inputs).parse();
}

class ConditionParser extends Parser {
  parse(): Condition {
    try {
      const c = this.or();
      this.expectEnd();
      return c;
    } catch (err) {
      throw this.wrap(err);
    }
  }

  private or(): Condition {
    let left = this.and();
    while (this.isKeyword('OR')) {
      this.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Condition {
    let left = this.not();
    while (this.isKeyword('AND')) {
      this.next();
      left = { kind: 'and', left, right: this.not() };
    }
    return left;
  }

  private not(): Condition {
    if (this.isKeyword('NOT')) {
      this.next();
      return { kind: 'not', condition: this.not() };
    }
    return this.primary();
  }

  private primary(): Condition {
    if (this.acceptPunct('(')) {
      const c = this.or();
      this.expectPunct(')');
      return c;
    }
    const call = this.atCall();
    if (call && CONDITION_FUNCTIONS.includes(call.text)) {
      const c = this.conditionFunction();
      const t = this.peek;
      if ((t.kind === 'punct' && COMPARATORS.includes(t.text)) || this.isKeyword('BETWEEN') || this.isKeyword('IN'))
        throw validation(`Invalid ${this.what}: The function is not allowed to be used this way in an expression; function: ${call.text}`);
      return c;
    }
    const left = this.operand();
    const t = this.peek;
    if (t.kind === 'punct' && COMPARATORS.includes(t.text)) {
      this.next();
      return { kind: 'compare', op: t.text as Comparator, left, right: this.operand() };
    }
    if (this.isKeyword('BETWEEN')) {
      this.next();
      const low = this.operand();
      if (!this.isKeyword('AND')) throw this.syntaxError();
      this.next();
      const high = this.operand();
      return { kind: 'between', value: left, low, high };
    }
    if (this.isKeyword('IN')) {
      this.next();
      const list = this.args(() => this.operand());
      if (list.length > MAX_IN) throw validation(`Invalid ${this.what}: The IN operator is provided with too many operands; number of operands: ${list.length}`);
      return { kind: 'in', value: left, list };
    }
    if (left.kind === 'size') throw validation(`Invalid ${this.what}: The function is not allowed to be used this way in an expression; function: size`);
    throw this.syntaxError();
  }

  private conditionFunction(): Condition {
    const fn = this.next().text;
    const args = this.args(() => this.operand());
    const pathArg = (i: number) => {
      const a = args[i]!;
      if (a.kind !== 'path') throw validation(`Invalid ${this.what}: Operator or function requires a document path; operator or function: ${fn}`);
      return a.path;
    };
    switch (fn) {
      case 'attribute_exists':
      case 'attribute_not_exists':
        this.arity(fn, args, 1);
        return { kind: fn, path: pathArg(0) };
      case 'attribute_type':
        this.arity(fn, args, 2);
        return { kind: 'attribute_type', path: pathArg(0), type: args[1]! };
      default:
        this.arity(fn, args, 2);
        return { kind: fn as 'begins_with' | 'contains', subject: args[0]!, operand: args[1]! };
    }
  }

  private operand(): Operand {
    const call = this.atCall();
    if (call) {
      this.next();
      if (call.text === 'size') {
        const args = this.args(() => this.operand());
        this.arity('size', args, 1);
        const a = args[0]!;
        if (a.kind !== 'path') throw validation(`Invalid ${this.what}: Operator or function requires a document path; operator or function: size`);
        return { kind: 'size', path: a.path };
      }
      if (CONDITION_FUNCTIONS.includes(call.text) || call.text === 'if_not_exists' || call.text === 'list_append')
        throw validation(`Invalid ${this.what}: The function is not allowed to be used this way in an expression; function: ${call.text}`);
      throw validation(`Invalid ${this.what}: Invalid function name; function: ${call.text}`);
    }
    if (this.peek.kind === 'valueRef') return this.valueOperand();
    if (this.atPathStart()) return { kind: 'path', path: this.path() };
    throw this.syntaxError();
  }
}
