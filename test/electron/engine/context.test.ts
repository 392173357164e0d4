import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { functionConfig, makeTempDir, removeTempDir, writeFiles } from '../../helpers/functions.js';

const LOG_STREAM = /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/;

describe('the context object', { timeout: 20_000 }, () => {
  let dir: string;
  let engine: Engine;

  beforeAll(() => {
    dir = writeFiles(makeTempDir(), {
      'index.js': `
        exports.handler = async (event, context) => ({
          functionName: context.functionName,
          functionVersion: context.functionVersion,
          invokedFunctionArn: context.invokedFunctionArn,
          memoryLimitInMB: context.memoryLimitInMB,
          awsRequestId: context.awsRequestId,
          logGroupName: context.logGroupName,
          logStreamName: context.logStreamName,
          remaining: context.getRemainingTimeInMillis(),
          clientContext: context.clientContext ?? 'absent',
          identity: context.identity ?? 'absent',
          callbackWaitsForEmptyEventLoop: context.callbackWaitsForEmptyEventLoop,
        });
      `,
    });
    engine = new Engine({
      functions: [functionConfig('ContextProbe', dir, 'index.handler', { functionName: 'context-probe', memorySizeMb: 256, timeoutSeconds: 3 })],
    });
  });

  afterAll(async () => {
    await engine?.close();
    removeTempDir(dir);
  });

  it('carries every field Lambda sets', async () => {
    const { record } = await engine.invoke('ContextProbe', { payload: '{}' });
    expect(record.status).toBe('success');
    const ctx = record.response as Record<string, unknown>;
    expect(ctx.functionName).toBe('context-probe');
    expect(ctx.functionVersion).toBe('$LATEST');
    expect(ctx.invokedFunctionArn).toBe('arn:aws:lambda:us-east-1:123456789012:function:context-probe');
    expect(ctx.memoryLimitInMB).toBe('256');
    expect(ctx.awsRequestId).toBe(record.requestId);
    expect(ctx.logGroupName).toBe('/aws/lambda/context-probe');
    expect(ctx.logStreamName).toBe(record.logStream);
    expect(ctx.logStreamName).toMatch(LOG_STREAM);
    expect(ctx.remaining).toBeTypeOf('number');
    expect(ctx.remaining).toBeGreaterThan(0);
    expect(ctx.remaining).toBeLessThanOrEqual(3000);
    expect(ctx.clientContext).toBe('absent');
    expect(ctx.identity).toBe('absent');
    expect(ctx.callbackWaitsForEmptyEventLoop).toBe(true);
  });

  it('passes the client context and Cognito identity as parsed JSON', async () => {
    const clientContext = { client: { app_title: 'probe', installation_id: 'i-1' }, custom: { tenant: 'acme' }, env: { locale: 'en' } };
    const identity = { cognitoIdentityId: 'us-east-1:abc', cognitoIdentityPoolId: 'us-east-1:pool' };
    const { record } = await engine.invoke('ContextProbe', { clientContext: JSON.stringify(clientContext), cognitoIdentity: JSON.stringify(identity) });
    expect(record.status).toBe('success');
    const ctx = record.response as Record<string, unknown>;
    expect(ctx.clientContext).toEqual(clientContext);
    expect(ctx.identity).toEqual(identity);
    // A warm invocation: same environment, its own request id.
    expect(record.coldStart).toBe(false);
    expect(ctx.awsRequestId).toBe(record.requestId);
    expect(ctx.logStreamName).toBe(record.logStream);
  });
});
