import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { functionConfig, makeTempDir, payloadJson, processExists, removeTempDir, waitFor, writeFiles } from '../../helpers/functions.js';

describe('timeouts', { timeout: 30_000 }, () => {
  let dir: string;
  let engine: Engine;

  beforeAll(() => {
    dir = writeFiles(makeTempDir(), {
      'index.js': `
        exports.slow = async (event) => {
          if (event.waitMs) await new Promise((r) => setTimeout(r, event.waitMs));
          return 'finished';
        };
        exports.spin = async (event) => {
          if (event.spin) while (true) {}
          return 'no spin';
        };
      `,
    });
    engine = new Engine({
      functions: [functionConfig('Slow', dir, 'index.slow', { timeoutSeconds: 1 }), functionConfig('Spin', dir, 'index.spin', { timeoutSeconds: 1 })],
    });
  });

  afterAll(async () => {
    await engine?.close();
    removeTempDir(dir);
  });

  /** Starts an invocation and returns it with the pid of the environment that runs it. */
  async function invokeAndCapturePid(logicalId: string, payload: string) {
    const pending = engine.invoke(logicalId, { payload });
    const pid = await waitFor(() => engine.environments(logicalId).find((e) => e.state === 'busy' && e.pid !== undefined)?.pid, `a busy ${logicalId} environment`);
    return { pending, pid };
  }

  it('stops a handler that runs past its timeout, kills its process, and starts cold next time', async () => {
    const { pending, pid } = await invokeAndCapturePid('Slow', '{"waitMs":5000}');
    expect(processExists(pid)).toBe(true);
    const { record, payload, functionError } = await pending;

    expect(record.status).toBe('timeout');
    expect(functionError).toBe('Unhandled');
    expect(payloadJson(payload)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${record.requestId} Error: Task timed out after 1.00 seconds`,
    });
    expect(record.error!.errorType).toBe('Sandbox.Timedout');
    const timedOut = record.logs.filter((l) => /Task timed out after 1\.\d\d seconds/.test(l));
    expect(timedOut).toHaveLength(1);
    expect(timedOut[0]).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z ${record.requestId} Task timed out after 1\\.\\d\\d seconds$`));
    expect(record.logs.at(-1)).toMatch(/^REPORT RequestId: .*\tStatus: timeout$/);

    // The runtime process is gone (polling only until the OS has reaped it).
    await waitFor(() => !processExists(pid), `process ${pid} to end`);
    expect(engine.environments('Slow').some((e) => e.pid === pid)).toBe(false);

    const next = await engine.invoke('Slow', { payload: '{}' });
    expect(next.record.status).toBe('success');
    expect(next.record.response).toBe('finished');
    expect(next.record.coldStart).toBe(true);
    expect(next.record.logStream).not.toBe(record.logStream);
  });

  it('stops and kills a handler stuck in a synchronous infinite loop', async () => {
    const { pending, pid } = await invokeAndCapturePid('Spin', '{"spin":true}');
    const { record, payload } = await pending;

    expect(record.status).toBe('timeout');
    expect((payloadJson(payload) as { errorType: string }).errorType).toBe('Sandbox.Timedout');
    expect(record.logs.some((l) => /Task timed out after 1\.\d\d seconds/.test(l))).toBe(true);
    await waitFor(() => !processExists(pid), `process ${pid} to end`);

    const next = await engine.invoke('Spin', { payload: '{}' });
    expect(next.record.status).toBe('success');
    expect(next.record.response).toBe('no spin');
    expect(next.record.coldStart).toBe(true);
  });
});
