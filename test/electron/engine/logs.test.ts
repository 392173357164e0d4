import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { parseReportLine } from '../../../shared/lambda/log-lines.js';
import { functionConfig, makeTempDir, removeTempDir, writeFiles } from '../../helpers/functions.js';

const ISO = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z';

/** The index of the one text log line `<ISO time>\t<requestId>\t<LEVEL>\t<message>`. */
function findTextLine(logs: string[], requestId: string, level: string, message: string): number {
  const matches = logs
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => {
      const [time, id, lvl, ...rest] = line.split('\t');
      return new RegExp(`^${ISO}$`).test(time ?? '') && id === requestId && lvl === level && rest.join('\t') === message;
    });
  expect(matches, `one ${level} line "${message}" in:\n${logs.join('\n')}`).toHaveLength(1);
  return matches[0]!.i;
}

const HANDLER = `
  exports.handler = async (event) => {
    console.log('hello from', 'faaslab', 42);
    console.info('info line');
    console.warn('careful now');
    console.error('something failed');
    console.debug('debug details');
    console.log('first line\\nsecond line');
    process.stdout.write('raw output line\\n');
    return 'ok';
  };
`;

describe('log lines', { timeout: 20_000 }, () => {
  let dir: string;
  let engine: Engine;

  beforeAll(() => {
    dir = writeFiles(makeTempDir(), {
      'index.js': HANDLER,
      'json.js': `
        exports.handler = async () => {
          console.trace('trace record');
          console.debug('debug record');
          console.info('info record');
          console.log('log record');
          console.warn('warn record');
          console.error('error record', { code: 7 });
          return 'ok';
        };
      `,
    });
    engine = new Engine({
      functions: [functionConfig('TextLogs', dir, 'index.handler'), functionConfig('JsonLogs', dir, 'json.handler', { logFormat: 'JSON', applicationLogLevel: 'WARN' })],
    });
  });

  afterAll(async () => {
    await engine?.close();
    removeTempDir(dir);
  });

  it('writes text lines with time, request id and level, and platform lines around them', async () => {
    const { record } = await engine.invoke('TextLogs');
    expect(record.status).toBe('success');
    const { logs, requestId } = record;

    const info = findTextLine(logs, requestId, 'INFO', 'hello from faaslab 42');
    findTextLine(logs, requestId, 'INFO', 'info line');
    findTextLine(logs, requestId, 'WARN', 'careful now');
    findTextLine(logs, requestId, 'ERROR', 'something failed');
    findTextLine(logs, requestId, 'DEBUG', 'debug details');
    // A newline inside one message stays inside one line.
    findTextLine(logs, requestId, 'INFO', 'first line\nsecond line');
    expect(logs).not.toContain('second line');
    expect(logs.filter((l) => l.includes('second line'))).toHaveLength(1);
    // Raw writes to stdout come out as they are.
    expect(logs.filter((l) => l === 'raw output line')).toHaveLength(1);

    expect(logs[0]).toMatch(/^INIT_START Runtime Version: \S+\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:\S+$/);
    const start = logs.indexOf(`START RequestId: ${requestId} Version: $LATEST`);
    const end = logs.indexOf(`END RequestId: ${requestId}`);
    expect(start).toBeGreaterThan(0);
    expect(info).toBeGreaterThan(start);
    expect(end).toBeGreaterThan(logs.indexOf('raw output line'));
    expect(end).toBe(logs.length - 2);
    expect(logs.at(-1)).toMatch(/^REPORT RequestId: /);
  });

  it('writes a REPORT line with Init Duration on cold starts only', async () => {
    const cold = (await engine.invoke('JsonLogs')).record; // another function: keep TextLogs' environment warm
    expect(cold.status).toBe('success');
    const warm = (await engine.invoke('TextLogs')).record;
    expect(warm.status).toBe('success');
    expect(warm.coldStart).toBe(false);
    expect(warm.logs.some((l) => l.startsWith('INIT_START'))).toBe(false);

    const report = parseReportLine(warm.logs.at(-1)!);
    expect(report).toBeDefined();
    expect(report!.requestId).toBe(warm.requestId);
    expect(report!.initDurationMs).toBeUndefined();
    expect(warm.logs.at(-1)).not.toContain('Init Duration');
    expect(report!.billedDurationMs).toBe(Math.max(1, Math.ceil(report!.durationMs)));
    expect(report!.memorySizeMb).toBe(128);
    expect(report!.maxMemoryUsedMb).toBeGreaterThan(0);
    expect(report!.maxMemoryUsedMb).toBeLessThanOrEqual(128);
    expect(warm.billedDurationMs).toBe(report!.billedDurationMs);
    expect(warm.durationMs).toBe(report!.durationMs);
    expect(warm.maxMemoryUsedMb).toBe(report!.maxMemoryUsedMb);
    expect(warm.initDurationMs).toBeUndefined();
  });

  it('writes Init Duration in the REPORT line of a cold start', async () => {
    const other = new Engine({ functions: [functionConfig('TextLogs', dir, 'index.handler')] });
    try {
      const { record } = await other.invoke('TextLogs');
      expect(record.coldStart).toBe(true);
      const report = parseReportLine(record.logs.at(-1)!);
      expect(report).toBeDefined();
      expect(report!.requestId).toBe(record.requestId);
      expect(report!.initDurationMs).toBeTypeOf('number');
      expect(report!.initDurationMs).toBeGreaterThan(0);
      expect(record.initDurationMs).toBeCloseTo(report!.initDurationMs!, 1);
      expect(report!.billedDurationMs).toBe(Math.max(1, Math.ceil(report!.durationMs)));
      expect(report!.memorySizeMb).toBe(128);
      expect(report!.maxMemoryUsedMb).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });

  it('in the JSON format, filters by ApplicationLogLevel and writes JSON records and platform events', async () => {
    const { record } = await engine.invoke('JsonLogs');
    expect(record.status).toBe('success');
    const parsed = record.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    const app = parsed.filter((r) => !('type' in r));
    expect(app.map((r) => r.level)).toEqual(['WARN', 'ERROR']);
    for (const r of app) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['timestamp', 'level', 'requestId', 'message']));
      expect(r.timestamp).toMatch(new RegExp(`^${ISO}$`));
      expect(r.requestId).toBe(record.requestId);
    }
    expect(app[0]!.message).toBe('warn record');
    expect(app[1]!.message).toBe('error record { code: 7 }');

    const types = parsed.filter((r) => 'type' in r).map((r) => r.type);
    expect(types).toContain('platform.start');
    expect(types).toContain('platform.report');
    const start = parsed.find((r) => r.type === 'platform.start')!;
    expect(start.time).toMatch(new RegExp(`^${ISO}$`));
    expect(start.record).toEqual({ requestId: record.requestId, version: '$LATEST' });
    const report = parsed.find((r) => r.type === 'platform.report')! as { record: { requestId: string; status: string; metrics: Record<string, number> } };
    expect(report.record.requestId).toBe(record.requestId);
    expect(report.record.status).toBe('success');
    expect(report.record.metrics.memorySizeMB).toBe(128);
    expect(report.record.metrics.maxMemoryUsedMB).toBeGreaterThan(0);
    expect(report.record.metrics.billedDurationMs).toBe(Math.max(1, Math.ceil(report.record.metrics.durationMs!)));
    // The platform.report line is the last one.
    expect(parsed.at(-1)!.type).toBe('platform.report');
  });
});

describe("raw writes to the Node.js runtime's stdout and stderr", { timeout: 20_000 }, () => {
  let dir: string;
  let engine: Engine;
  beforeAll(() => {
    dir = writeFiles(makeTempDir(), {
      'raw.js': `
        exports.handler = async () => {
          process.stdout.write('crlf line\\r\\nsplit ');
          process.stdout.write(new Uint8Array(Buffer.from('across writes\\nno newline at the end')));
          process.stderr.write('on stderr\\r\\n\\r\\n', () => {});
          process.stderr.write('stderr tail');
          return 'ok';
        };
      `,
    });
    engine = new Engine({ functions: [functionConfig('RawLogs', dir, 'raw.handler')] });
  });
  afterAll(async () => {
    await engine?.close();
    removeTempDir(dir);
  });

  it('become one line per newline, as written (a \\r kept), and a last line without a newline still comes out', async () => {
    const { record } = await engine.invoke('RawLogs');
    expect(record.status).toBe('success');
    const start = record.logs.findIndex((l) => l.startsWith('START '));
    const end = record.logs.findIndex((l) => l.startsWith('END '));
    expect(record.logs.slice(start + 1, end)).toEqual(['crlf line\r', 'split across writes', 'on stderr\r', '\r', 'no newline at the end', 'stderr tail']);
  });
});
