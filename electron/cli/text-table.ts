/** Lines of a plain-text table: columns padded to their widest cell, the last one left as it is. */
export function textTable(rows: string[][], gap = '  '): string[] {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((cells) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join(gap));
}
