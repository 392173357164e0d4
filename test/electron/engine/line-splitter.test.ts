import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../electron/engine/line-splitter.js';

function split(chunks: Array<string | Buffer>, opts?: { keepCarriageReturn?: boolean }): string[] {
  const lines: string[] = [];
  const s = new LineSplitter((l) => lines.push(l), opts);
  chunks.forEach(s.push);
  s.flush();
  s.flush(); // nothing left: no second copy of the last line
  return lines;
}

describe('LineSplitter', () => {
  const chunks = ['one\r\ntw', Buffer.from('o\n\r\n'), 'three\r'];

  it('one line per newline across chunks, a \\r ending a line dropped, the rest on flush', () => {
    expect(split(chunks)).toEqual(['one', 'two', '', 'three\r']);
  });

  it('with keepCarriageReturn, the lines as written', () => {
    expect(split(chunks, { keepCarriageReturn: true })).toEqual(['one\r', 'two', '\r', 'three\r']);
  });

  it('nothing for nothing, and an empty line for a lone newline', () => {
    expect(split([])).toEqual([]);
    expect(split(['\n'])).toEqual(['']);
  });
});
