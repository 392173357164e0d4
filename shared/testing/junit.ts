/** JUnit XML of a regression run: a testsuite per function, a testcase per saved event. Pure. */
import type { TestCaseResult } from './expectation.js';

export function escapeXml(s: string): string {
  // Characters XML 1.0 cannot hold at all are dropped; the five specials are escaped.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export function toJunitXml(results: TestCaseResult[], name = 'faaslab'): string {
  const byFunction = new Map<string, TestCaseResult[]>();
  for (const r of results) byFunction.set(r.function, [...(byFunction.get(r.function) ?? []), r]);
  const secs = (ms: number) => (ms / 1000).toFixed(3);
  const total = (rs: TestCaseResult[]) => rs.reduce((t, r) => t + r.durationMs, 0);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(`<testsuites name="${escapeXml(name)}" tests="${results.length}" failures="${results.filter((r) => !r.pass).length}" time="${secs(total(results))}">`);
  for (const [fn, rs] of byFunction) {
    lines.push(`  <testsuite name="${escapeXml(fn)}" tests="${rs.length}" failures="${rs.filter((r) => !r.pass).length}" errors="0" skipped="0" time="${secs(total(rs))}">`);
    for (const r of rs) {
      const open = `    <testcase classname="${escapeXml(fn)}" name="${escapeXml(r.event)}" time="${secs(r.durationMs)}"`;
      if (r.pass) {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      lines.push(`      <failure message="${escapeXml(r.failures[0] ?? 'failed')}" type="${escapeXml(r.status)}">${escapeXml(r.failures.join('\n'))}</failure>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
