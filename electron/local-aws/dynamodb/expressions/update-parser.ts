/**
 * Update expressions:
 *
 *   update   := clause+                  (each of SET, REMOVE, ADD, DELETE at most once)
 *   SET      := path '=' value (',' path '=' value)*
 *   value    := operand (('+' | '-') operand)?
 *   operand  := path | :value | if_not_exists(path, operand) | list_append(operand, operand)
 *   REMOVE   := path (',' path)*
 *   ADD      := path :value (',' path :value)*
 *   DELETE   := path :value (',' path :value)*
 *
 * Two actions on overlapping paths (a and a.b, or a twice) are rejected as DynamoDB rejects them.
 */
import { validation } from '../errors.js';
import { formatPath, type DocumentPath, type Operand, type UpdateActions } from './ast.js';
import type { ExpressionInputs } from './inputs.js';
import { Parser } from './parser.js';

const CLAUSES = ['SET', 'REMOVE', 'ADD', 'DELETE'] as const;
type Clause = (typeof CLAUSES)[number];

export function parseUpdate(source: string, inputs: ExpressionInputs): UpdateActions {
  return new UpdateParser(source, 'UpdateExpression', inputs).parse();
}

/** Two paths overlap when one is a prefix of (or equal to) the other. */
export function checkOverlaps(paths: DocumentPath[], what: string): void {
  for (let i = 0; i < paths.length; i++)
    for (let j = i + 1; j < paths.length; j++) {
      const [a, b] = [paths[i]!, paths[j]!];
      const n = Math.min(a.length, b.length);
      if (a.slice(0, n).every((p, k) => p === b[k]))
        throw validation(`Invalid ${what}: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${formatPath(a)}, path two: ${formatPath(b)}`);
    }
}

class UpdateParser extends Parser {
  parse(): UpdateActions {
    const actions: UpdateActions = { set: [], remove: [], add: [], delete: [] };
    const seen = new Set<Clause>();
    try {
      do {
        const clause = CLAUSES.find((c) => this.isKeyword(c));
        if (!clause) throw this.syntaxError();
        if (seen.has(clause)) throw validation(`Invalid UpdateExpression: The "${clause}" section can only be used once in an update expression;`);
        seen.add(clause);
        this.next();
        do this.action(clause, actions);
        while (this.acceptPunct(','));
      } while (this.peek.kind !== 'eof');
    } catch (err) {
      throw this.wrap(err);
    }
    checkOverlaps([...actions.set.map((a) => a.path), ...actions.remove, ...actions.add.map((a) => a.path), ...actions.delete.map((a) => a.path)], this.what);
    return actions;
  }

  private action(clause: Clause, actions: UpdateActions): void {
    const path = this.path();
    if (clause === 'SET') {
      this.expectPunct('=');
      actions.set.push({ path, value: this.setValue() });
    } else if (clause === 'REMOVE') actions.remove.push(path);
    else {
      const value = this.valueOperand();
      if (value.kind !== 'value') throw this.syntaxError();
      if (path.length > 1 && clause === 'ADD' && typeof path[path.length - 1] === 'number') throw validation('Invalid UpdateExpression: ADD cannot be used on a list element');
      actions[clause === 'ADD' ? 'add' : 'delete'].push({ path, value: value.value });
    }
  }

  private setValue(): Operand {
    const left = this.operand();
    if (this.isPunct('+') || this.isPunct('-')) {
      const op = this.next().text as '+' | '-';
      return { kind: 'arith', op, left, right: this.operand() };
    }
    return left;
  }

  private operand(): Operand {
    const call = this.atCall();
    if (call) {
      this.next();
      const args = this.args(() => this.operand());
      if (call.text === 'if_not_exists') {
        this.arity('if_not_exists', args, 2);
        const p = args[0]!;
        if (p.kind !== 'path') throw validation('Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists');
        return { kind: 'if_not_exists', path: p.path, fallback: args[1]! };
      }
      if (call.text === 'list_append') {
        this.arity('list_append', args, 2);
        return { kind: 'list_append', left: args[0]!, right: args[1]! };
      }
      if (['attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains', 'size'].includes(call.text))
        throw validation(`Invalid UpdateExpression: The function is not allowed in an update expression; function: ${call.text}`);
      throw validation(`Invalid UpdateExpression: Invalid function name; function: ${call.text}`);
    }
    if (this.peek.kind === 'valueRef') return this.valueOperand();
    if (this.atPathStart()) return { kind: 'path', path: this.path() };
    if (this.acceptPunct('(')) {
      const v = this.setValue();
      this.expectPunct(')');
      return v;
    }
    throw this.syntaxError();
  }
}
