import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepResult } from '../../../electron/cli/sweep-command.js';
import { makeTempDir, removeTempDir, writeFiles } from '../../helpers/functions.js';
import { runCli } from '../../helpers/cli.js';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Crunch:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: src/
      Handler: app.handler
      Timeout: 60
`;

describe('faaslab sweep', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(() => {
    // CPU-bound work: its Duration follows the CPU the function gets.
    dir = writeFiles(makeTempDir(), { 'template.yaml': TEMPLATE, 'src/app.js': 'exports.handler = async () => { let x = 0; for (let i = 0; i < 2e7; i++) x += i % 7; return x; };\n' });
  });
  afterAll(() => removeTempDir(dir));

  it('has --help and rejects a memory size Lambda does not have', async () => {
    expect((await runCli(['sweep', '--help'])).stdout).toContain('Usage: faaslab sweep <Function>');
    const bad = await runCli(['sweep', 'Crunch', '-m', '128,64', '-w', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--memory: '64' is not a memory size from 128 to 10240 MB");
  });

  it('runs the event at each size: Duration and cost per size, the cheapest and the fastest; CPU follows memory where it can', async () => {
    const run = await runCli(['sweep', 'Crunch', '-m', '1769,128', '-n', '2', '--json', '-w', dir]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as SweepResult;
    expect(result.rows.map((r) => r.memoryMb)).toEqual([128, 1769]);
    for (const row of result.rows) {
      expect(row.errors).toBe(0);
      expect(row.costUsd).toBeGreaterThan(0);
      expect(row.billedP50Ms).toBe(Math.ceil(row.durationP50Ms));
    }
    expect([128, 1769]).toContain(result.cheapest);
    if (result.cpuScaled) {
      // 128 MB gets 7% of a CPU, 1,769 MB all of one: the same work takes many times longer.
      expect(result.rows[0]!.durationP50Ms).toBeGreaterThan(2 * result.rows[1]!.durationP50Ms);
      expect(result.fastest).toBe(1769);
    } else {
      const text = await runCli(['sweep', 'Crunch', '-m', '128', '-n', '1', '-w', dir]);
      expect(text.stdout).toContain('Durations are NOT scaled');
    }
  });
});
