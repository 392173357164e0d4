/**
 * The tokens of DynamoDB's expression language: attribute names (raw, or #placeholders), :value
 * placeholders, list indexes, comparators, arithmetic and punctuation. Keywords (AND, SET,
 * BETWEEN, ...) are names here; the parsers recognise them case-insensitively.
 */
export type TokenKind = 'name' | 'nameRef' | 'valueRef' | 'number' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offset in the expression, for "near:" in syntax errors. */
  start: number;
  end: number;
}

const PUNCT = ['<=', '>=', '<>', '=', '<', '>', '(', ')', '[', ']', ',', '.', '+', '-'];

export class SyntaxError extends Error {
  constructor(
    readonly token: string,
    readonly near: string,
  ) {
    super(`Syntax error; token: "${token}", near: "${near}"`);
  }
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const word = /^[#:]?[A-Za-z0-9_]+/.exec(source.slice(i));
    if (word) {
      const text = word[0];
      const kind: TokenKind = text[0] === '#' ? 'nameRef' : text[0] === ':' ? 'valueRef' : /^\d+$/.test(text) ? 'number' : 'name';
      if ((kind === 'nameRef' || kind === 'valueRef') && text.length === 1) break;
      tokens.push({ kind, text, start: i, end: i + text.length });
      i += text.length;
      continue;
    }
    const punct = PUNCT.find((p) => source.startsWith(p, i));
    if (!punct) break;
    tokens.push({ kind: 'punct', text: punct, start: i, end: i + punct.length });
    i += punct.length;
  }
  if (i < source.length) {
    // A character outside the language: reported as a token of its own, as DynamoDB does.
    const bad = { kind: 'punct' as const, text: source[i]!, start: i, end: i + 1 };
    const prev = tokens[tokens.length - 1];
    throw new SyntaxError(bad.text, source.slice(prev?.start ?? i, bad.end));
  }
  tokens.push({ kind: 'eof', text: '<EOF>', start: source.length, end: source.length });
  return tokens;
}
