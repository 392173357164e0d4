import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Debouncer } from '../../../electron/base/debouncer.js';

describe('Debouncer', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('hands the keys over once, each once, when none came for its delay', () => {
    const flushed: string[][] = [];
    const d = new Debouncer<string>(100, (keys) => flushed.push(keys));
    d.add('a');
    vi.advanceTimersByTime(80);
    d.add('b');
    d.add('a');
    vi.advanceTimersByTime(80);
    expect(flushed).toEqual([]);
    vi.advanceTimersByTime(20);
    expect(flushed).toEqual([['a', 'b']]);
    d.add('c');
    vi.advanceTimersByTime(100);
    expect(flushed).toEqual([['a', 'b'], ['c']]);
  });

  it('cancel drops what is pending', () => {
    const flush = vi.fn();
    const d = new Debouncer<number>(100, flush);
    d.add(1);
    d.cancel();
    vi.advanceTimersByTime(500);
    expect(flush).not.toHaveBeenCalled();
    d.add(2);
    vi.advanceTimersByTime(100);
    expect(flush).toHaveBeenCalledWith([2]);
  });
});
