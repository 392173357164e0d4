/**
 * Regression runs of saved events: every events/<name>.json with an events/<name>.expect.json
 * next to it is run once, one after the other, and its record checked against the expectation.
 * Used by the host ('tests.run') and by `faaslab test`.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { InvocationRecord } from '../../shared/domain/invocation.js';
import { checkExpectation, EXPECT_SUFFIX, parseExpectation, type Expectation, type TestCaseResult } from '../../shared/testing/expectation.js';

export interface TestCase {
  event: string;
  /** The event's file. */
  file: string;
  expectation?: Expectation;
  /** The sidecar is not a valid expectation: the test fails with this. */
  error?: string;
}

/** The saved events of a workspace that have an expectation (valid or not), by name. */
export async function loadTestCases(workspaceDir: string): Promise<TestCase[]> {
  const dir = path.join(workspaceDir, 'events');
  const names = await readdir(dir).catch(() => [] as string[]);
  const cases: TestCase[] = [];
  for (const n of names.filter((x) => x.endsWith(EXPECT_SUFFIX)).sort()) {
    const event = n.slice(0, -EXPECT_SUFFIX.length);
    const file = path.join(dir, `${event}.json`);
    if (!names.includes(`${event}.json`)) continue;
    const parsed = parseExpectation(await readFile(path.join(dir, n), 'utf8'));
    cases.push('error' in parsed ? { event, file, error: `events/${n}: ${parsed.error}` } : { event, file, expectation: parsed.expectation });
  }
  return cases.sort((a, b) => a.event.localeCompare(b.event));
}

export interface RunTestsOptions {
  cases: TestCase[];
  /** The logical ids of the workspace's functions. */
  functions: string[];
  /** Only the tests of this function (those whose expectation names it, or all when it is the only function). */
  logicalId?: string;
  invoke(logicalId: string, payload: string): Promise<InvocationRecord>;
  onResult?(result: TestCaseResult): void;
}

/** Which function a case is for: its expectation's, or the workspace's only one. */
export function functionOf(c: TestCase, functions: string[]): string | undefined {
  return c.expectation?.function ?? (functions.length === 1 ? functions[0] : undefined);
}

export async function runTests(opts: RunTestsOptions): Promise<{ results: TestCaseResult[]; passed: number; failed: number }> {
  const results: TestCaseResult[] = [];
  const add = (r: TestCaseResult) => {
    results.push(r);
    opts.onResult?.(r);
  };
  for (const c of opts.cases) {
    const fn = functionOf(c, opts.functions);
    if (opts.logicalId !== undefined && fn !== opts.logicalId) continue;
    const notRun = (failure: string) => add({ event: c.event, function: fn ?? '(none)', pass: false, failures: [failure], status: 'not-run', durationMs: 0 });
    if (c.error !== undefined || !c.expectation) {
      notRun(`invalid expectation: ${c.error ?? 'missing'}`);
      continue;
    }
    if (fn === undefined) {
      notRun(`no function: set "function" to a logical id in events/${c.event}${EXPECT_SUFFIX} (the workspace has ${opts.functions.length} functions)`);
      continue;
    }
    if (!opts.functions.includes(fn)) {
      notRun(`no function ${fn} in the template; the functions are: ${opts.functions.join(', ') || '(none)'}`);
      continue;
    }
    let payload: string;
    try {
      payload = await readFile(c.file, 'utf8');
      JSON.parse(payload);
    } catch (err) {
      notRun(`the event events/${c.event}.json is not readable JSON: ${(err as Error).message}`);
      continue;
    }
    let record: InvocationRecord;
    try {
      record = await opts.invoke(fn, payload);
    } catch (err) {
      notRun(`could not invoke ${fn}: ${(err as Error).message}`);
      continue;
    }
    const { pass, failures } = checkExpectation(c.expectation, record);
    add({ event: c.event, function: fn, pass, failures, status: record.status, durationMs: record.durationMs, requestId: record.requestId });
  }
  const passed = results.filter((r) => r.pass).length;
  return { results, passed, failed: results.length - passed };
}
