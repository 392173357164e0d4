/**
 * ProvisionedConcurrencyConfig: N environments initialised ahead with
 * AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency; invocations go to them first and are
 * no cold starts; beyond them, on-demand environments start cold; idle reclaim leaves them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Engine } from '../../../electron/engine/engine.js';
import { loadWorkspace } from '../../../electron/workspace/read/template-loader.js';
import { functionConfig, makeTempDir, payloadJson, removeTempDir, sleep, writeFiles } from '../../helpers/functions.js';

const HANDLER = `exports.handler = async (event) => {
  await new Promise((r) => setTimeout(r, event.ms ?? 0));
  return process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
};
`;

describe('provisioned concurrency', { timeout: 60_000 }, () => {
  let dir: string;
  let engine: Engine;
  beforeAll(() => {
    dir = writeFiles(makeTempDir(), { 'index.js': HANDLER });
    engine = new Engine({ functions: [functionConfig('P', dir, 'index.handler', { provisionedConcurrency: 2 })], idleTimeoutMs: 300 });
  });
  afterAll(async () => {
    await engine?.close();
    removeTempDir(dir);
  });

  it('initialises N environments ahead; they serve first, without a cold start; the next one is on-demand and cold', async () => {
    await engine.provisionedReady();
    expect(engine.environments('P').map((e) => e.state)).toEqual(['idle', 'idle']);
    const results = await Promise.all([0, 1, 2].map(() => engine.invoke('P', { payload: '{"ms":400}' })));
    const seen = results
      .map((r) => ({ type: payloadJson(r.payload), cold: r.record.coldStart, init: r.record.initDurationMs !== undefined }))
      .sort((a, b) => String(a.type).localeCompare(String(b.type)));
    expect(seen).toEqual([
      { type: 'on-demand', cold: true, init: true },
      { type: 'provisioned-concurrency', cold: false, init: false },
      { type: 'provisioned-concurrency', cold: false, init: false },
    ]);
  });

  it('idle reclaim ends the on-demand environment and keeps the provisioned ones', async () => {
    expect(engine.environments('P')).toHaveLength(3);
    for (let i = 0; i < 80 && engine.environments('P').length > 2; i++) await sleep(50);
    expect(engine.environments('P')).toHaveLength(2);
    expect(payloadJson((await engine.invoke('P')).payload)).toBe('provisioned-concurrency');
  });

  it('a provisioned environment that ends is replaced', async () => {
    const [first] = engine.environments('P');
    expect(engine.killEnvironment(first!.id)).toBe(true);
    await engine.provisionedReady();
    const now = engine.environments('P');
    expect(now).toHaveLength(2);
    expect(now.map((e) => e.id)).not.toContain(first!.id);
  });
});

describe('ProvisionedConcurrencyConfig in template.yaml', () => {
  it('is read with AutoPublishAlias; without it, or above the reserved concurrency, an error as SAM gives', async () => {
    const dir = makeTempDir();
    try {
      const fn = (extra: string) => `    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs20.x\n      Handler: index.handler\n      CodeUri: .\n${extra}`;
      writeFileSync(path.join(dir, 'index.js'), HANDLER);
      writeFileSync(
        path.join(dir, 'template.yaml'),
        `Transform: AWS::Serverless-2016-10-31\nResources:\n  Good:\n${fn('      AutoPublishAlias: live\n      ProvisionedConcurrencyConfig:\n        ProvisionedConcurrentExecutions: 3\n')}` +
          `  NoAlias:\n${fn('      ProvisionedConcurrencyConfig:\n        ProvisionedConcurrentExecutions: 1\n')}` +
          `  TooMany:\n${fn('      AutoPublishAlias: live\n      ReservedConcurrentExecutions: 2\n      ProvisionedConcurrencyConfig:\n        ProvisionedConcurrentExecutions: 5\n')}`,
      );
      const ws = await loadWorkspace(dir);
      expect(ws.functions.find((f) => f.logicalId === 'Good')?.provisionedConcurrency).toBe(3);
      const errors = ws.problems.filter((p) => p.severity === 'error').map((p) => `${p.logicalId}: ${p.message}`);
      expect(errors).toContain('NoAlias: To set ProvisionedConcurrencyConfig AutoPublishAlias must be defined on the function');
      expect(errors).toContain('TooMany: ProvisionedConcurrentExecutions (5) cannot be more than ReservedConcurrentExecutions (2)');
    } finally {
      removeTempDir(dir);
    }
  });
});
