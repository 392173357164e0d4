/**
 * What the three expression parsers share: a cursor over the tokens, DynamoDB's syntax error
 * ("Invalid UpdateExpression: Syntax error; token: "=", near: "a = ="") and document paths
 * (a.b[0].c, #n.x).
 */
import { validation } from '../errors.js';
import type { AwsError } from '../../wire.js';
import type { DocumentPath, Operand } from './ast.js';
import type { ExpressionInputs } from './inputs.js';
import { isReserved } from './reserved-words.js';
import { SyntaxError, tokenize, type Token } from './tokenizer.js';

/** Nesting DynamoDB allows in a document path. */
const MAX_DEPTH = 32;

export class Parser {
  protected readonly tokens: Token[];
  protected pos = 0;

  constructor(
    protected readonly source: string,
    /** 'ConditionExpression', 'UpdateExpression', ...: how messages name the expression. */
    readonly what: string,
    protected readonly inputs: ExpressionInputs,
  ) {
    if (source.trim() === '') throw validation(`Invalid ${what}: The expression can not be empty;`);
    try {
      this.tokens = tokenize(source);
    } catch (err) {
      throw this.wrap(err);
    }
  }

  protected wrap(err: unknown): unknown {
    return err instanceof SyntaxError ? validation(`Invalid ${this.what}: ${err.message}`) : err;
  }

  protected get peek(): Token {
    return this.tokens[this.pos]!;
  }

  protected next(): Token {
    const t = this.tokens[this.pos]!;
    if (t.kind !== 'eof') this.pos += 1;
    return t;
  }

  protected isKeyword(word: string, token = this.peek): boolean {
    return token.kind === 'name' && token.text.toUpperCase() === word;
  }

  protected isPunct(p: string, token = this.peek): boolean {
    return token.kind === 'punct' && token.text === p;
  }

  protected acceptPunct(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.pos += 1;
    return true;
  }

  protected expectPunct(p: string): void {
    if (!this.acceptPunct(p)) throw this.syntaxError();
  }

  /** The token at the cursor is not what the grammar allows there. */
  protected syntaxError(token = this.peek): AwsError {
    const i = this.tokens.indexOf(token);
    const prev = this.tokens[i - 1];
    const after = this.tokens[i + 1];
    const from = prev?.start ?? token.start;
    const to = token.kind === 'eof' ? token.end : after && after.kind !== 'eof' ? after.end : token.end;
    return validation(`Invalid ${this.what}: ${new SyntaxError(token.text, this.source.slice(from, to).trim()).message}`);
  }

  protected expectEnd(): void {
    if (this.peek.kind !== 'eof') throw this.syntaxError();
  }

  protected atPathStart(): boolean {
    return this.peek.kind === 'name' || this.peek.kind === 'nameRef';
  }

  protected path(): DocumentPath {
    const path: DocumentPath = [this.pathName()];
    for (;;) {
      if (this.acceptPunct('.')) path.push(this.pathName());
      else if (this.acceptPunct('[')) {
        const n = this.next();
        if (n.kind !== 'number') throw this.syntaxError(n);
        path.push(Number(n.text));
        this.expectPunct(']');
      } else break;
    }
    if (path.length > MAX_DEPTH) throw validation(`Invalid ${this.what}: The document path has too many nesting levels; nesting levels: ${path.length}`);
    return path;
  }

  private pathName(): string {
    const t = this.next();
    if (t.kind === 'nameRef') return this.inputs.name(t.text, this.what);
    if (t.kind === 'name') {
      if (isReserved(t.text)) throw validation(`Invalid ${this.what}: Attribute name is a reserved keyword; reserved keyword: ${t.text}`);
      return t.text;
    }
    throw this.syntaxError(t);
  }

  protected valueOperand(): Operand {
    const t = this.next();
    if (t.kind !== 'valueRef') throw this.syntaxError(t);
    return { kind: 'value', ref: t.text, value: this.inputs.value(t.text, this.what) };
  }

  /** name( ... ): the function's name token when the cursor is at a call. */
  protected atCall(): Token | undefined {
    const t = this.peek;
    return t.kind === 'name' && this.isPunct('(', this.tokens[this.pos + 1]) ? t : undefined;
  }

  /** (a, b, ...) after a function's name; the arguments parsed by `arg`. */
  protected args<T>(arg: () => T): T[] {
    this.expectPunct('(');
    const out = [arg()];
    while (this.acceptPunct(',')) out.push(arg());
    this.expectPunct(')');
    return out;
  }

  protected arity(fn: string, args: unknown[], n: number): void {
    if (args.length !== n) throw validation(`Invalid ${this.what}: Incorrect number of operands for operator or function; operator or function: ${fn}, number of operands: ${args.length}`);
  }
}
