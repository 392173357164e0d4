import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvocationRecord } from '../../../shared/domain/invocation.js';
import type { LoadSummary } from '../../../electron/cli/load-runner.js';
import { makeTempDir, removeTempDir, writeFiles } from '../../helpers/functions.js';
import { runCli } from '../../helpers/cli.js';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Busy:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: src/
      Handler: app.handler
      ReservedConcurrentExecutions: 5
`;

describe('faaslab load', { timeout: 120_000 }, () => {
  let dir: string;
  let state: string;
  const env = () => ({ ...process.env, FAASLAB_STATE_DIR: state });
  beforeAll(() => {
    dir = writeFiles(makeTempDir(), { 'template.yaml': TEMPLATE, 'src/app.js': "exports.handler = async () => { await new Promise((r) => setTimeout(r, 100)); return 'ok'; };\n" });
    state = mkdtempSync(path.join(os.tmpdir(), 'faaslab-load-state-'));
  });
  afterAll(() => {
    removeTempDir(dir);
    removeTempDir(state);
  });

  it('has --help and rejects usage mistakes', async () => {
    expect((await runCli(['load', '--help'])).stdout).toContain('Usage: faaslab load <Function>');
    const zero = await runCli(['load', 'Busy', '-n', '0', '-w', dir], { env: env() });
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain("--invocations must be a whole number from 1 to 100,000, not '0'");
    const missing = await runCli(['load', 'Nope', '-w', dir], { env: env() });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no function 'Nope'");
  });

  it('N=40 at C=10 with reserved concurrency 5: ran plus throttled is 40, with progress, and the history holds the same', async () => {
    const run = await runCli(['load', 'Busy', '-n', '40', '-c', '10', '--json', '-w', dir], { env: env() });
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as LoadSummary;
    expect(summary.invocations).toBe(40);
    expect((summary.byStatus.success ?? 0) + (summary.byStatus.throttled ?? 0)).toBe(40);
    expect(summary.throttles).toBeGreaterThan(0);
    expect(summary.byStatus.success).toBeGreaterThanOrEqual(5);
    // At most five environments: at most five cold starts.
    expect(summary.coldStarts).toBeGreaterThan(0);
    expect(summary.coldStarts).toBeLessThanOrEqual(5);
    expect(summary.maxInFlight).toBeLessThanOrEqual(10);
    expect(run.stderr).toContain('[##############################] 40/40');

    const history = await runCli(['history', '--limit', '0', '--json', '-w', dir], { env: env() });
    const records = JSON.parse(history.stdout) as Array<InvocationRecord & { trigger?: { kind: string } }>;
    expect(records).toHaveLength(40);
    expect(records.filter((r) => r.status === 'throttled')).toHaveLength(summary.throttles);
    expect(records.filter((r) => r.coldStart)).toHaveLength(summary.coldStarts);
    expect(new Set(records.map((r) => r.trigger?.kind))).toEqual(new Set(['load']));
  });
});
