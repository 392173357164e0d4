/**
 * Subsequence match for the command palette: every query character in order, scored higher for
 * matches at word starts and in runs. Undefined when the query does not match.
 */
export function fuzzyScore(query: string, text: string): number | undefined {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (!q) return 0;
  const t = text.toLowerCase();
  let score = 0;
  let ti = 0;
  let run = 0;
  for (const ch of q) {
    const found = t.indexOf(ch, ti);
    if (found < 0) return undefined;
    const wordStart = found === 0 || /[\s:/._-]/.test(t[found - 1]!) || (text[found] !== t[found] && text[found - 1] === t[found - 1]);
    run = found === ti ? run + 1 : 0;
    score += 1 + (wordStart ? 3 : 0) + run * 2 - Math.min(found - ti, 5) * 0.1;
    ti = found + 1;
  }
  return score - t.length * 0.01;
}
