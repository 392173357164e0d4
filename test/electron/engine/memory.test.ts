import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { parseReportLine } from '../../../shared/lambda/log-lines.js';
import { functionConfig, makeTempDir, payloadJson, removeTempDir, writeFiles } from '../../helpers/functions.js';

describe('memory', { timeout: 30_000 }, () => {
  let dir: string;
  let engine: Engine;

  beforeAll(() => {
    dir = writeFiles(makeTempDir(), {
      'index.js': `
        const kept = [];
        exports.hog = async (event) => {
          if (!event.allocate) return 'small';
          // About 300 MB, every page written so it is resident.
          for (let i = 0; i < 30; i++) {
            kept.push(Buffer.alloc(10 * 1024 * 1024, i + 1));
            await new Promise((r) => setTimeout(r, 5));
          }
          return kept.length;
        };
        exports.normal = async () => ({ ok: true });
      `,
    });
    engine = new Engine({
      functions: [
        // A generous timeout: this test is about memory, not time.
        functionConfig('Hog', dir, 'index.hog', { memorySizeMb: 128, timeoutSeconds: 20 }),
        functionConfig('Normal', dir, 'index.normal', { memorySizeMb: 128 }),
      ],
    });
  });

  afterAll(async () => {
    await engine?.close();
    removeTempDir(dir);
  });

  it('stops a function that uses more than its Memory Size; the next invocation is cold', async () => {
    const { record, payload, functionError } = await engine.invoke('Hog', { payload: '{"allocate":true}' });
    expect(record.status).toBe('oom');
    expect(functionError).toBe('Unhandled');
    expect(record.error!.errorType).toBe('Runtime.OutOfMemory');
    expect((payloadJson(payload) as { errorType: string }).errorType).toBe('Runtime.OutOfMemory');
    expect(record.maxMemoryUsedMb).toBe(128);
    const report = parseReportLine(record.logs.at(-1)!);
    expect(report!.maxMemoryUsedMb).toBe(128);
    expect(report!.memorySizeMb).toBe(128);

    const next = await engine.invoke('Hog', { payload: '{}' });
    expect(next.record.status).toBe('success');
    expect(next.record.response).toBe('small');
    expect(next.record.coldStart).toBe(true);
    expect(next.record.logStream).not.toBe(record.logStream);
  });

  it('measures Max Memory Used of a normal function', async () => {
    const { record } = await engine.invoke('Normal');
    expect(record.status).toBe('success');
    expect(record.maxMemoryUsedMb).toBeGreaterThan(20);
    expect(record.maxMemoryUsedMb).toBeLessThanOrEqual(128);
    expect(parseReportLine(record.logs.at(-1)!)!.maxMemoryUsedMb).toBe(record.maxMemoryUsedMb);
  });
});
