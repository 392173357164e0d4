import type { LogEntryShape } from '../../shared/api/schemas.js';

/** The last log lines of all functions, for a panel opened after they were written. */
export class LogRing {
  private readonly entries: LogEntryShape[] = [];
  private next = 0;

  constructor(private readonly capacity = 10_000) {}

  add(entry: LogEntryShape): void {
    if (this.entries.length < this.capacity) this.entries.push(entry);
    else this.entries[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
  }

  /** The newest `limit` entries, oldest first. */
  recent(limit: number): LogEntryShape[] {
    const ordered = this.entries.length < this.capacity ? this.entries : [...this.entries.slice(this.next), ...this.entries.slice(0, this.next)];
    return ordered.slice(-limit);
  }

  clear(): void {
    this.entries.length = 0;
    this.next = 0;
  }
}
