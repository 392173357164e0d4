/**
 * faaslab's Python runtime with a real interpreter: handlers in modules and packages, the context
 * object, print and logging in text and JSON, Lambda's error shapes for every load failure,
 * timeouts, memory, warm reuse, spare processes and sys.exit. Beside each, where the behaviour is
 * shared, what the Node.js runtime does for the same function.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { functionConfig, makeTempDir, payloadJson, removeTempDir, writeFiles } from '../../helpers/functions.js';

const RUNTIME = 'python3.12';

const APP = `import json
import logging
import os
import sys
import time

logger = logging.getLogger()
logger.setLevel(logging.INFO)
COUNT = 0
print("init ran")


def handler(event, context):
    global COUNT
    COUNT += 1
    print("event", json.dumps(event))
    logger.info("count is %d\\nsecond line", COUNT)
    return {"count": COUNT, "cwd": os.getcwd(), "tmp": os.environ.get("TMPDIR"), "home": os.environ.get("HOME")}


def context_fields(event, context):
    return {
        "aws_request_id": context.aws_request_id,
        "function_name": context.function_name,
        "function_version": context.function_version,
        "memory_limit_in_mb": context.memory_limit_in_mb,
        "invoked_function_arn": context.invoked_function_arn,
        "log_group_name": context.log_group_name,
        "log_stream_name": context.log_stream_name,
        "remaining": context.get_remaining_time_in_millis(),
        "identity_id": context.identity.cognito_identity_id,
        "client_custom": context.client_context.custom if context.client_context else None,
        "trace": os.environ.get("_X_AMZN_TRACE_ID"),
        "execution_env": os.environ.get("AWS_EXECUTION_ENV"),
    }


class OrderError(Exception):
    pass


def fails(event, context):
    raise OrderError("order 7 is invalid")


def sleeps(event, context):
    time.sleep(event.get("s", 5))
    return "woke"


def hogs(event, context):
    blocks = []
    for _ in range(400):
        blocks.append(bytearray(1024 * 1024))
    return len(blocks)


def exits(event, context):
    sys.exit(3)


def unserializable(event, context):
    return {"when": object()}
`;

describe('Python runtime', { timeout: 30_000 }, () => {
  let dir: string;
  let engine: Engine;

  beforeAll(async () => {
    dir = writeFiles(makeTempDir(), {
      'app.py': APP,
      'pkg/__init__.py': '',
      'pkg/nested/__init__.py': '',
      'pkg/nested/mod.py': 'from pkg import helper\ndef handler(event, context):\n    return helper.greet(event["name"])\n',
      'pkg/helper.py': 'def greet(name):\n    return "hello " + name\n',
      'imports_missing.py': 'import requests_that_do_not_exist\ndef handler(e, c):\n    return 1\n',
      'broken.py': 'def handler(event, context):\n    return {\n',
      'init_raises.py': 'raise RuntimeError("no config")\ndef handler(e, c):\n    return 1\n',
      // No logger.setLevel here: the application log level of the template decides.
      'levels.py':
        'import logging\n\n\ndef levels(event, context):\n    logging.getLogger("orders").debug("debug line")\n    logging.getLogger("orders").info("info line", extra={"order": 7})\n    logging.getLogger("orders").error("error line")\n    print("plain print")\n    return "ok"\n',
      'app.js': "exports.fails = async () => { const e = new Error('order 7 is invalid'); e.name = 'OrderError'; throw e; };\n",
    });
    const py = (id: string, handler: string, more = {}) => functionConfig(id, dir, handler, { runtime: RUNTIME, ...more });
    engine = new Engine({
      functions: [
        py('Counter', 'app.handler'),
        py('Context', 'app.context_fields', { memorySizeMb: 256, timeoutSeconds: 7 }),
        py('Nested', 'pkg/nested/mod.handler'),
        py('Dotted', 'pkg.nested.mod.handler'),
        py('Fails', 'app.fails'),
        py('Missing', 'app.nope'),
        py('NoModule', 'nowhere.handler'),
        py('ImportsMissing', 'imports_missing.handler'),
        py('Broken', 'broken.handler'),
        py('Malformed', 'nodots'),
        py('InitRaises', 'init_raises.handler'),
        py('Sleeps', 'app.sleeps', { timeoutSeconds: 1 }),
        py('Hogs', 'app.hogs', { memorySizeMb: 128, timeoutSeconds: 20 }),
        py('Exits', 'app.exits'),
        py('Unserializable', 'app.unserializable'),
        py('Levels', 'levels.levels', { logFormat: 'JSON' }),
        py('LevelsDebug', 'levels.levels', { logFormat: 'JSON', applicationLogLevel: 'DEBUG' }),
        functionConfig('NodeFails', dir, 'app.fails'),
      ],
    });
    await engine.sparesReady();
  });

  afterAll(async () => {
    await engine?.close();
    removeTempDir(dir);
  });

  it('runs a handler, keeps module state while warm, and logs print lines and logging records', async () => {
    const first = await engine.invoke('Counter', { payload: '{"n":1}' });
    expect(first.record.status).toBe('success');
    expect(first.record.coldStart).toBe(true);
    const body = payloadJson(first.payload) as { count: number; cwd: string; tmp: string; home: string | null };
    expect(body.count).toBe(1);
    expect(body.cwd).toBe(dir);
    expect(body.tmp).toBeTruthy();
    // Lambda gives a function no HOME of the host.
    expect(body.home).toBeNull();
    const logs = first.record.logs;
    expect(logs[0]).toMatch(/^INIT_START Runtime Version: python:3\.12\.local-python-\d+\.\d+\.\d+\t/);
    expect(logs).toContain('init ran');
    expect(logs).toContain('event {"n": 1}');
    // A logging record with two lines stays one record, in Lambda's text format.
    expect(logs.some((l) => new RegExp(`^\\[INFO\\]\\t\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z\\t${first.record.requestId}\\tcount is 1\\nsecond line$`).test(l))).toBe(true);
    expect(logs.at(-1)).toMatch(/^REPORT RequestId: .*Init Duration: [\d.]+ ms/);

    const second = await engine.invoke('Counter', { payload: '{"n":2}' });
    expect(second.record.coldStart).toBe(false);
    expect(second.record.logStream).toBe(first.record.logStream);
    expect((payloadJson(second.payload) as { count: number }).count).toBe(2);
    expect(second.record.logs).not.toContain('init ran');
  });

  it('gives the context object and the variables Lambda sets', async () => {
    const { record, payload } = await engine.invoke('Context', {
      payload: '{}',
      cognitoIdentity: JSON.stringify({ cognitoIdentityId: 'us-east-1:abc', cognitoIdentityPoolId: 'us-east-1:pool' }),
      clientContext: JSON.stringify({ custom: { tenant: 't1' }, env: { platform: 'test' } }),
    });
    expect(record.status).toBe('success');
    const c = payloadJson(payload) as Record<string, unknown>;
    expect(c).toMatchObject({
      aws_request_id: record.requestId,
      function_name: 'Context',
      function_version: '$LATEST',
      memory_limit_in_mb: '256',
      invoked_function_arn: 'arn:aws:lambda:us-east-1:123456789012:function:Context',
      log_group_name: '/aws/lambda/Context',
      log_stream_name: record.logStream,
      identity_id: 'us-east-1:abc',
      client_custom: { tenant: 't1' },
      execution_env: 'AWS_Lambda_python3.12',
    });
    expect(c.remaining).toBeGreaterThan(5000);
    expect(c.remaining).toBeLessThanOrEqual(7000);
    expect(c.trace).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}/);
  });

  it('finds handlers in packages, by path or by dots', async () => {
    for (const id of ['Nested', 'Dotted']) {
      const { record, payload } = await engine.invoke(id, { payload: '{"name":"py"}' });
      expect(record.status).toBe('success');
      expect(payloadJson(payload)).toBe('hello py');
    }
  });

  it('shapes a handler exception as Lambda does, beside Node.js; the environment lives on', async () => {
    const py = await engine.invoke('Fails');
    const node = await engine.invoke('NodeFails');
    for (const r of [py, node]) {
      expect(r.record.status).toBe('error');
      expect(r.functionError).toBe('Unhandled');
      expect(r.record.error).toMatchObject({ errorType: 'OrderError', errorMessage: 'order 7 is invalid' });
    }
    const body = payloadJson(py.payload) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['errorMessage', 'errorType', 'requestId', 'stackTrace']);
    expect(body.requestId).toBe(py.record.requestId);
    expect(body.stackTrace).toEqual([expect.stringMatching(/^ {2}File ".*app\.py", line \d+, in fails\n {4}raise OrderError\("order 7 is invalid"\)\n$/)]);
    expect(py.record.logs.some((l) => l.startsWith('[ERROR] OrderError: order 7 is invalid\nTraceback (most recent call last):\n  File '))).toBe(true);
    expect((await engine.invoke('Fails')).record.coldStart).toBe(false);
  });

  it('reports each load failure with its Lambda error type and message', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['Missing', 'Runtime.HandlerNotFound', /^Handler 'nope' missing on module 'app'$/],
      ['NoModule', 'Runtime.ImportModuleError', /^Unable to import module 'nowhere': No module named 'nowhere'$/],
      ['ImportsMissing', 'Runtime.ImportModuleError', /^Unable to import module 'imports_missing': No module named 'requests_that_do_not_exist'$/],
      ['Broken', 'Runtime.UserCodeSyntaxError', /^Syntax error in module 'broken': /],
      ['Malformed', 'Runtime.MalformedHandlerName', /^Bad handler 'nodots': /],
      ['InitRaises', 'RuntimeError', /^no config$/],
    ];
    for (const [id, type, message] of cases) {
      const { record, payload } = await engine.invoke(id);
      expect(record.status, id).toBe('error');
      expect(record.error!.errorType, id).toBe(type);
      expect(record.error!.errorMessage, id).toMatch(message);
      expect((payloadJson(payload) as { errorType: string }).errorType).toBe(type);
      expect(
        record.logs.some((l) => l.startsWith(`[ERROR] ${type}: `)),
        id,
      ).toBe(true);
      // An init failure ends the environment: the next try is cold again.
      expect((await engine.invoke(id)).record.coldStart, id).toBe(true);
    }
  });

  it('times out with Sandbox.Timedout and starts a new environment afterwards', async () => {
    const { record } = await engine.invoke('Sleeps', { payload: '{"s": 5}' });
    expect(record.status).toBe('timeout');
    expect(record.error!.errorType).toBe('Sandbox.Timedout');
    expect(record.logs.some((l) => /Task timed out after 1\.0\d seconds/.test(l))).toBe(true);
    const next = await engine.invoke('Sleeps', { payload: '{"s": 0}' });
    expect(next.record.status).toBe('success');
    expect(next.record.coldStart).toBe(true);
  });

  it('ends a function that uses more than its memory with Runtime.OutOfMemory', async () => {
    const { record } = await engine.invoke('Hogs');
    expect(record.status).toBe('oom');
    expect(record.error!.errorType).toBe('Runtime.OutOfMemory');
    expect(record.maxMemoryUsedMb).toBe(128);
  });

  it('sys.exit ends the environment with Runtime.ExitError', async () => {
    const { record } = await engine.invoke('Exits');
    expect(record.status).toBe('crashed');
    expect(record.error!.errorType).toBe('Runtime.ExitError');
    expect(record.error!.errorMessage).toContain('exit status 3');
  });

  it('a result that is not JSON is Runtime.MarshalError', async () => {
    const { record } = await engine.invoke('Unserializable');
    expect(record.status).toBe('error');
    expect(record.error!.errorType).toBe('Runtime.MarshalError');
    expect(record.error!.errorMessage).toMatch(/^Unable to marshal response: /);
  });

  it('JSON log format: logging records as JSON with the level filter; print stays text', async () => {
    const info = await engine.invoke('Levels');
    const records = info.record.logs.filter((l) => l.startsWith('{"timestamp"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => r.level)).toEqual(['INFO', 'ERROR']);
    expect(records[0]).toMatchObject({ message: 'info line', logger: 'orders', requestId: info.record.requestId, order: 7 });
    expect(records[0]!.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(info.record.logs).toContain('plain print');
    const debug = await engine.invoke('LevelsDebug');
    expect(debug.record.logs.filter((l) => l.startsWith('{"timestamp"')).map((l) => (JSON.parse(l) as { level: string }).level)).toEqual(['DEBUG', 'INFO', 'ERROR']);
  });
});

describe('Python runtime: freezing between invocations', { timeout: 30_000 }, () => {
  let dir: string;
  let engine: Engine;
  beforeAll(() => {
    dir = writeFiles(makeTempDir(), {
      'ticker.py': `import threading, time

ticks = 0

def tick():
    global ticks
    while True:
        ticks += 1
        time.sleep(0.02)

def handler(event, context):
    at_start = ticks
    if not getattr(handler, "started", False):
        handler.started = True
        threading.Thread(target=tick, daemon=True).start()
    time.sleep(0.2)
    return {"start": at_start, "end": ticks}
`,
    });
    engine = new Engine({ functions: [functionConfig('Ticker', dir, 'ticker.handler', { runtime: RUNTIME })] });
  });
  afterAll(async () => {
    await engine?.close();
    removeTempDir(dir);
  });

  it('a background thread does not run while the environment waits (it is stopped), and runs again when invoked', async () => {
    // The function counts its thread's ticks itself: its /tmp is its own, out of the test's sight.
    const first = payloadJson((await engine.invoke('Ticker')).payload) as { start: number; end: number };
    expect(first.end).toBeGreaterThan(2);
    await new Promise((r) => setTimeout(r, 500));
    const second = payloadJson((await engine.invoke('Ticker')).payload) as { start: number; end: number };
    // Running, the thread would have ticked about 25 times in the 500 ms between; stopped, at most
    // the tick under way when the answer went out and one as the next event arrived.
    expect(second.start - first.end).toBeLessThanOrEqual(2);
    expect(second.end).toBeGreaterThan(second.start + 2);
  });
});
