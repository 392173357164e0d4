/**
 * An append-only list of log lines kept in fixed-size chunks: appending never copies what is
 * already there (a plain array doubles and copies as it grows), so the Logs tab can hold a
 * million lines and keep appending live ones. Pure, for the Logs tab and its unit test.
 */
export interface LogsLine {
  time: number;
  logStream: string;
  requestId?: string;
  line: string;
}

export const CHUNK_SIZE = 8192;

export class ChunkedLines<T = LogsLine> {
  private readonly chunks: T[][] = [];
  private size = 0;

  get length(): number {
    return this.size;
  }

  /** How many chunks hold the lines (for tests: grows by one per CHUNK_SIZE lines). */
  get chunkCount(): number {
    return this.chunks.length;
  }

  push(item: T): void {
    const last = this.chunks[this.chunks.length - 1];
    if (!last || last.length === CHUNK_SIZE) this.chunks.push([item]);
    else last.push(item);
    this.size++;
  }

  get(i: number): T {
    return this.chunks[Math.floor(i / CHUNK_SIZE)]![i % CHUNK_SIZE]!;
  }

  /** The chunk array itself (not a copy), for identity checks in tests. */
  chunk(k: number): readonly T[] | undefined {
    return this.chunks[k];
  }

  clear(): void {
    this.chunks.length = 0;
    this.size = 0;
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (const c of this.chunks) yield* c;
  }
}

/**
 * The row order of the grouped view: each invocation's lines together (START..REPORT) in the
 * order the invocations first appear, a header row (-1 - group) before each. Lines without a
 * request id (INIT lines) join the group of the next line that has one.
 */
export function groupRows(lines: ChunkedLines<LogsLine>): { rows: Int32Array; groups: string[] } {
  const order: string[] = [];
  const members = new Map<string, number[]>();
  let orphans: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const id = lines.get(i).requestId;
    if (!id) {
      orphans.push(i);
      continue;
    }
    let m = members.get(id);
    if (!m) {
      members.set(id, (m = []));
      order.push(id);
    }
    if (orphans.length) {
      m.push(...orphans);
      orphans = [];
    }
    m.push(i);
  }
  if (orphans.length) {
    order.push('');
    members.set('', orphans);
  }
  const rows = new Int32Array(lines.length + order.length);
  let k = 0;
  order.forEach((id, g) => {
    rows[k++] = -1 - g;
    for (const i of members.get(id)!) rows[k++] = i;
  });
  return { rows, groups: order };
}

/** Host order (newest invocation first, each in order) to reading order (oldest first). */
export function chronological<T extends { requestId?: string }>(lines: T[]): T[] {
  const runs: T[][] = [];
  let prev: string | undefined | null = null;
  for (const l of lines) {
    if (l.requestId !== prev || !runs.length) runs.push([]);
    runs[runs.length - 1]!.push(l);
    prev = l.requestId;
  }
  return runs.reverse().flat();
}

export function exportText(lines: Iterable<LogsLine>, format: 'log' | 'json'): string {
  if (format === 'json') {
    const out: LogsLine[] = [];
    for (const l of lines) out.push(l);
    return JSON.stringify(out, null, 2);
  }
  let s = '';
  for (const l of lines) s += `${l.line}\n`;
  return s;
}
