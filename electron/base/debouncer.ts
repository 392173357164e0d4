/**
 * Collects keys for `ms` after the last one, then hands them over at once: one reload for an
 * editor's burst of writes, one 'tables' push for a run of item writes.
 */
export class Debouncer<K> {
  private pending = new Set<K>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ms: number,
    private readonly flush: (keys: K[]) => void,
  ) {}

  add(key: K): void {
    this.pending.add(key);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const keys = [...this.pending];
      this.pending.clear();
      this.flush(keys);
    }, this.ms);
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.pending.clear();
  }
}
