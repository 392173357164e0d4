import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Engine } from '../engine/engine.js';
import { EXPECT_SUFFIX, type TestCaseResult } from '../../shared/testing/expectation.js';
import { toJunitXml } from '../../shared/testing/junit.js';
import { loadTestCases, runTests } from '../services/test-runner.js';
import { findFunction, problemsByFunction } from '../workspace/read/template-loader.js';
import { CliError, parseCommandArgs, UsageError } from './args.js';
import { loadForCli } from './workspace-loading.js';

export const TEST_HELP = `Usage: faaslab test [--workspace DIR] [--function F] [--junit FILE] [--json]

Runs every saved event that has an expected result (events/<name>.expect.json next to
events/<name>.json), one after the other, and checks each result. Prints one line per test and
a last line "N passed, M failed".

An expectation file holds: "function" (the logical id the event is for; may be left out when
the template has one function), "status" (success, error, timeout, crashed, oom, throttled;
default success, or error when errorType is given), "errorType", and either "response" (the
exact JSON) or "responseContains" (a subset: objects match by the keys given, arrays by index).

Options:
  -w, --workspace DIR   The folder with template.yaml (default: the current folder)
  -f, --function F      Only the tests of this function (logical id or FunctionName)
      --junit FILE      Also write a JUnit XML report (a testsuite per function)
      --json            Print the results as one JSON object instead
  -h, --help            Show this help

Exit status: 0 when every test passed (or there are none); 1 when one failed, or the workspace
cannot be loaded; 2 for a usage mistake.`;

export async function testCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    workspace: { type: 'string', short: 'w' },
    function: { type: 'string', short: 'f' },
    junit: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(`${TEST_HELP}\n`);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument: ${positionals.join(' ')}`);

  const ws = await loadForCli(values.workspace, (l) => process.stderr.write(`${l}\n`));
  let logicalId: string | undefined;
  if (values.function !== undefined) {
    const fn = findFunction(ws, values.function);
    if (!fn) throw new CliError(`no function '${values.function}' in ${ws.templatePath}; the functions are: ${ws.functions.map((f) => f.logicalId).join(', ') || '(none)'}`);
    logicalId = fn.logicalId;
  }
  const cases = await loadTestCases(ws.dir);
  const out = (s: string) => process.stdout.write(`${s}\n`);

  const engine = new Engine({ functions: ws.functions, problems: problemsByFunction(ws), spareProcesses: 0 });
  let run: { results: TestCaseResult[]; passed: number; failed: number };
  try {
    run = await runTests({
      cases,
      functions: ws.functions.map((f) => f.logicalId),
      logicalId,
      invoke: async (id, payload) => (await engine.invoke(id, { payload })).record,
      onResult: values.json ? undefined : (r) => out(resultLines(r)),
    });
  } finally {
    await engine.close();
  }

  if (values.junit !== undefined) {
    try {
      await writeFile(path.resolve(values.junit), toJunitXml(run.results));
    } catch (err) {
      throw new CliError(`cannot write the JUnit report ${values.junit}: ${(err as Error).message}`);
    }
  }
  if (values.json) out(JSON.stringify(run));
  else if (run.results.length === 0) out(`no tests: add an expectation to a saved event (events/<name>${EXPECT_SUFFIX})`);
  else out(`${run.passed} passed, ${run.failed} failed`);
  return run.failed > 0 ? 1 : 0;
}

function resultLines(r: TestCaseResult): string {
  const head = `${r.pass ? '✓' : '✗'} ${r.event} -> ${r.function} (${r.status === 'not-run' ? 'not run' : `${Math.round(r.durationMs)} ms`})`;
  return [head, ...r.failures.map((f) => `    ${f}`)].join('\n');
}
