import { describe, expect, it } from 'vitest';
import { formatDotenv, parseDotenv } from '../../../shared/lambda/dotenv.js';

describe('parseDotenv', () => {
  it('reads KEY=VALUE lines, export prefixes, comments and quotes', () => {
    const text = [
      '# a comment',
      '',
      'PLAIN=value',
      'export EXPORTED=yes',
      'SPACED = around equals  ',
      'INLINE=value # a comment',
      'HASH=a#b',
      'EMPTY=',
      'DOUBLE="line\\nbreak \\"quoted\\" # not a comment"',
      "SINGLE='no \\n escapes'",
      'BACKTICK=`it\'s "mixed"`',
      'MULTI="first',
      'second"',
      'URL=https://example.com/?a=b&c=d',
      'PLAIN=last wins',
    ].join('\n');
    expect(parseDotenv(text)).toEqual({
      variables: {
        PLAIN: 'last wins',
        EXPORTED: 'yes',
        SPACED: 'around equals',
        INLINE: 'value',
        HASH: 'a#b',
        EMPTY: '',
        DOUBLE: 'line\nbreak "quoted" # not a comment',
        SINGLE: 'no \\n escapes',
        BACKTICK: 'it\'s "mixed"',
        MULTI: 'first\nsecond',
        URL: 'https://example.com/?a=b&c=d',
      },
      errors: [],
    });
  });

  it('reports problems with their line numbers and keeps the good lines', () => {
    const result = parseDotenv('GOOD=1\nno equals here\n1BAD=x\nTRAIL="x" junk\r\nAFTER=2\nOPEN=\'never closed\nLOST=3\n');
    expect(result.errors).toEqual([
      { line: 2, message: 'expected KEY=VALUE, got "no equals here"' },
      { line: 3, message: '"1BAD" is not a variable name' },
      { line: 4, message: 'unexpected text after the closing quote: "junk"' },
      { line: 6, message: "the ' quote opened here is never closed" },
    ]);
    // A quote may span lines, so an unclosed one takes the rest of the file with it.
    expect(result.variables).toEqual({ GOOD: '1', TRAIL: 'x', AFTER: '2' });
  });
});

describe('formatDotenv', () => {
  it('writes values that parse back to themselves', () => {
    const vars = { A: 'simple', B: 'with space', C: 'quote " and \\ backslash', D: 'multi\nline\ttab', E: '', F: 'hash # inside', G: "it's" };
    const text = formatDotenv(vars);
    expect(text.split('\n')[0]).toBe('A=simple');
    expect(parseDotenv(text)).toEqual({ variables: vars, errors: [] });
    expect(formatDotenv({})).toBe('');
  });
});
