/** The survey's results, counted per runtime family, as JSON and as a table. */
import type { Family, Outcome } from './classify.js';

export interface FunctionResult extends Outcome {
  /** The template's folder, relative to the corpus. */
  template: string;
  function: string;
  runtime: string;
  family: Family;
}

export interface FamilySummary {
  functions: number;
  reached: number;
  notReached: number;
  /** Reached / functions, leaving out the functions whose dependencies PyPI would have served. */
  reachedExcludingBlocked: { reached: number; functions: number };
  byReason: Record<string, number>;
  failures: Omit<FunctionResult, 'family' | 'reached'>[];
}

export const PYPI_BLOCKED = 'blocked: PyPI unreachable';

export function summarize(results: readonly FunctionResult[]): Record<Family, FamilySummary> {
  const out = {} as Record<Family, FamilySummary>;
  for (const family of ['nodejs', 'python'] as const) {
    const mine = results.filter((r) => r.family === family);
    const reached = mine.filter((r) => r.reached).length;
    const blocked = mine.filter((r) => r.reason === PYPI_BLOCKED).length;
    const byReason: Record<string, number> = {};
    for (const r of mine) if (!r.reached) byReason[r.reason] = (byReason[r.reason] ?? 0) + 1;
    out[family] = {
      functions: mine.length,
      reached,
      notReached: mine.length - reached,
      reachedExcludingBlocked: { reached, functions: mine.length - blocked },
      byReason: Object.fromEntries(Object.entries(byReason).sort((a, b) => b[1] - a[1])),
      failures: mine.filter((r) => !r.reached).map(({ family: _f, reached: _r, ...rest }) => rest),
    };
  }
  return out;
}

const pct = (n: number, d: number) => (d ? `${((n / d) * 100).toFixed(1)}%` : '-');

export function table(summary: Record<Family, FamilySummary>): string {
  const rows = [['runtime', 'functions', 'reached', '%', '% excl. PyPI-blocked', 'top reasons not reached']];
  for (const [family, s] of Object.entries(summary)) {
    const top = Object.entries(s.byReason)
      .slice(0, 4)
      .map(([reason, n]) => `${reason} ${n}`)
      .join('; ');
    const ex = s.reachedExcludingBlocked;
    rows.push([family, String(s.functions), String(s.reached), pct(s.reached, s.functions), pct(ex.reached, ex.functions), top]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
