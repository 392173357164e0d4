/** The Logs tab's line store (issue 5 item 3): a million lines, appended without copying. */
import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, ChunkedLines, chronological, exportText, groupRows, type LogsLine } from '../../renderer/src/components/logs/chunked-lines.js';
import { visibleRange } from '../../renderer/src/components/logs/virtual-rows.js';

describe('ChunkedLines', () => {
  it('holds 1,000,000 lines; appending keeps the filled chunks as they are', () => {
    const lines = new ChunkedLines<LogsLine>();
    lines.push({ time: 0, logStream: 's', requestId: 'r0', line: 'line 0' });
    const firstChunk = lines.chunk(0);
    for (let i = 1; i < 1_000_000; i++) lines.push({ time: i, logStream: 's', requestId: `r${i >> 4}`, line: `line ${i}` });
    expect(lines.length).toBe(1_000_000);
    expect(lines.chunkCount).toBe(Math.ceil(1_000_000 / CHUNK_SIZE));
    expect(lines.chunk(0)).toBe(firstChunk); // the same array: nothing was copied
    expect(lines.get(999_999).line).toBe('line 999999');
    expect(lines.get(CHUNK_SIZE).line).toBe(`line ${CHUNK_SIZE}`);
    // Only the rows in view are rendered.
    const { start, end } = visibleRange(500_000 * 20, 600, 20, lines.length);
    expect(end - start).toBeLessThan(60);
    const { rows, groups } = groupRows(lines);
    expect(groups.length).toBe(62_500);
    expect(rows.length).toBe(1_000_000 + 62_500);
    expect(rows[0]).toBe(-1);
    expect(rows[17]).toBe(-2);
  });

  it('reading order, grouping and export', () => {
    const host = [
      { time: 3, logStream: 'a', requestId: 'new', line: 'START new' },
      { time: 4, logStream: 'a', requestId: 'new', line: 'REPORT new' },
      { time: 1, logStream: 'b', requestId: 'old', line: 'START old' },
      { time: 2, logStream: 'b', requestId: 'old', line: 'REPORT old' },
    ];
    const ordered = chronological(host);
    expect(ordered.map((l) => l.line)).toEqual(['START old', 'REPORT old', 'START new', 'REPORT new']);
    const lines = new ChunkedLines<LogsLine>();
    for (const l of [ordered[0]!, ordered[2]!, ordered[1]!, ordered[3]!]) lines.push(l);
    const { rows, groups } = groupRows(lines);
    expect(groups).toEqual(['old', 'new']);
    expect([...rows]).toEqual([-1, 0, 2, -2, 1, 3]);
    expect(exportText(ordered, 'log')).toBe('START old\nREPORT old\nSTART new\nREPORT new\n');
    expect(JSON.parse(exportText(ordered, 'json'))).toEqual(ordered);
  });
});
