/** Installing a function's dependencies before its first cold start shows in the host's live log. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_LOG_STREAM } from '../../../electron/services/session-wiring.js';
import { makeTempDir, removeTempDir } from '../../helpers/functions.js';
import { startHost, type HostFixture } from './host-fixture.js';

describe('build progress', () => {
  let h: HostFixture;
  const saved = process.env.FAASLAB_CACHE_DIR;
  const cache = makeTempDir();
  beforeAll(async () => {
    process.env.FAASLAB_CACHE_DIR = cache;
    h = await startHost({
      'template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  DepsFunction:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: fn/, Handler: index.handler, Runtime: nodejs20.x, Timeout: 10 }
`,
      'lib/shout/package.json': '{"name":"shout","version":"1.0.0"}\n',
      'lib/shout/index.js': 'module.exports = (s) => s.toUpperCase();\n',
      'fn/package.json': JSON.stringify({ name: 'fn', dependencies: { shout: 'file:../lib/shout' } }),
      'fn/index.js': "exports.handler = async () => require('shout')('ok');\n",
    });
  });
  afterAll(async () => {
    await h?.close();
    if (saved === undefined) delete process.env.FAASLAB_CACHE_DIR;
    else process.env.FAASLAB_CACHE_DIR = saved;
    removeTempDir(cache);
  });

  it('pushes the install as log lines of its own stream, kept out of the invocation', async () => {
    const run = await h.call('invoke.run', { logicalId: 'DepsFunction', payload: '{}' });
    expect(run).toMatchObject({ status: 'success', response: 'OK' });
    const build = h.pushes.flatMap((p) => (p.event === 'log' && p.data.logStream === BUILD_LOG_STREAM ? [p.data] : []));
    expect(build[0]).toMatchObject({ logicalId: 'DepsFunction', line: expect.stringMatching(/^faaslab: installing the dependencies of .*fn\/package\.json$/) });
    expect(build.some((e) => e.line.startsWith('faaslab: $ npm install --omit=dev'))).toBe(true);
    expect(run.logs.some((l) => l.includes('installing'))).toBe(false);
    // The live log a newly opened panel reads holds them too.
    expect((await h.call('logs.recent', { limit: 100 })).some((e) => e.logStream === BUILD_LOG_STREAM)).toBe(true);
  });
});
