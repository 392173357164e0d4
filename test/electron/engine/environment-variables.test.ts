import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { functionConfig, makeTempDir, removeTempDir, writeFiles } from '../../helpers/functions.js';

const HOST_ONLY = 'FAASLAB_HOST_ONLY_SECRET';

/** What a Node.js function sees (ARCHITECTURE.md, Lambda behaviour 4), plus its own two variables. */
const EXPECTED_KEYS = [
  // Set by Lambda, reserved.
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
  'TZ',
  // Set by Lambda, extendable.
  'LANG',
  'PATH',
  'LD_LIBRARY_PATH',
  'NODE_PATH',
  // The environment's own /tmp stand-in.
  ...(process.platform === 'win32' ? ['TEMP', 'TMP'] : ['TMPDIR']),
  // The function's own.
  'GREETING',
  'STAGE',
].sort();

describe('environment variables', { timeout: 20_000 }, () => {
  let dir: string;
  let engine: Engine;

  beforeAll(() => {
    // Only the host has it: it must not reach the function.
    process.env[HOST_ONLY] = 'do-not-leak';
    dir = writeFiles(makeTempDir(), {
      'index.js': `
        exports.handler = async () => ({
          keys: Object.keys(process.env).sort(),
          env: { ...process.env },
          hostOnly: process.env.${HOST_ONLY} ?? null,
        });
      `,
    });
    engine = new Engine({
      functions: [
        functionConfig('EnvProbe', dir, 'index.handler', {
          functionName: 'env-probe',
          memorySizeMb: 192,
          environment: { GREETING: 'hello world', STAGE: '$HOME-literal' },
        }),
      ],
    });
  });

  afterAll(async () => {
    delete process.env[HOST_ONLY];
    await engine?.close();
    removeTempDir(dir);
  });

  it('gives the function exactly the Lambda set plus its own, nothing of the host', async () => {
    const { record } = await engine.invoke('EnvProbe');
    expect(record.status).toBe('success');
    const { keys, hostOnly } = record.response as { keys: string[]; hostOnly: string | null };
    expect(keys).toEqual(EXPECTED_KEYS);
    expect(hostOnly).toBeNull();
    expect(keys).not.toContain(HOST_ONLY);
  });

  it('sets the values Lambda sets', async () => {
    const { record } = await engine.invoke('EnvProbe');
    expect(record.status).toBe('success');
    const { env } = record.response as { env: Record<string, string> };
    expect(env.AWS_LAMBDA_FUNCTION_NAME).toBe('env-probe');
    expect(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE).toBe('192');
    expect(env.AWS_LAMBDA_FUNCTION_VERSION).toBe('$LATEST');
    expect(env.AWS_EXECUTION_ENV).toBe('AWS_Lambda_nodejs20.x');
    expect(env.AWS_LAMBDA_INITIALIZATION_TYPE).toBe('on-demand');
    expect(env.LAMBDA_TASK_ROOT).toBe(dir);
    expect(env.TZ).toBe('UTC');
    expect(env.LANG).toBe('en_US.UTF-8');
    expect(env.AWS_REGION).toBe('us-east-1');
    expect(env.AWS_DEFAULT_REGION).toBe('us-east-1');
    expect(env._HANDLER).toBe('index.handler');
    expect(env.AWS_LAMBDA_LOG_GROUP_NAME).toBe('/aws/lambda/env-probe');
    expect(env.AWS_LAMBDA_LOG_STREAM_NAME).toBe(record.logStream);
    expect(env.AWS_LAMBDA_RUNTIME_API).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(env._X_AMZN_TRACE_ID!.startsWith('Root=1-')).toBe(true);
    // The function's own values, literally (no expansion).
    expect(env.GREETING).toBe('hello world');
    expect(env.STAGE).toBe('$HOME-literal');
  });

  it('gives each invocation its own trace id', async () => {
    const a = (await engine.invoke('EnvProbe')).record.response as { env: Record<string, string> };
    const b = (await engine.invoke('EnvProbe')).record.response as { env: Record<string, string> };
    expect(a.env._X_AMZN_TRACE_ID).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}/);
    expect(b.env._X_AMZN_TRACE_ID).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}/);
    expect(a.env._X_AMZN_TRACE_ID).not.toBe(b.env._X_AMZN_TRACE_ID);
  });
});
