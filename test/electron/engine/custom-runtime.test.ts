import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { functionConfig, makeTempDir, payloadJson, removeTempDir, writeFiles } from '../../helpers/functions.js';

// PATH inside an environment is Lambda's, not ours: name the node binary in the shebang.
const NODE_SHEBANG = `#!${process.execPath}`;

/** A Runtime API client in a few lines, shared by the Node bootstraps. */
const NODE_CLIENT = `
const http = require('node:http');
const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
function call(method, route, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port, method, path: '/2018-06-01/runtime/' + route, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
`;

/** Echoes events, and reports what the Runtime API answered to posts for bad request ids. */
const NODE_BOOTSTRAP = `${NODE_SHEBANG}
${NODE_CLIENT}
(async () => {
  console.log('node bootstrap starting');
  let previous = null;
  for (;;) {
    const next = await call('GET', 'invocation/next');
    const id = next.headers['lambda-runtime-aws-request-id'];
    console.log('node bootstrap got ' + id);
    const unknown = await call('POST', 'invocation/not-a-real-request-id/response', '"stray"');
    const answered = previous ? await call('POST', 'invocation/' + previous + '/response', '"late"') : null;
    const answer = {
      event: JSON.parse(next.body),
      requestId: id,
      remainingMs: Number(next.headers['lambda-runtime-deadline-ms']) - Date.now(),
      functionArn: next.headers['lambda-runtime-invoked-function-arn'],
      traceId: next.headers['lambda-runtime-trace-id'],
      handler: process.env._HANDLER,
      executionEnv: process.env.AWS_EXECUTION_ENV ?? null,
      taskRoot: process.env.LAMBDA_TASK_ROOT,
      cwd: process.cwd(),
      unknownId: { status: unknown.status, body: JSON.parse(unknown.body) },
      answeredId: answered && { status: answered.status, body: JSON.parse(answered.body) },
    };
    previous = id;
    await call('POST', 'invocation/' + id + '/response', JSON.stringify(answer), { 'content-type': 'application/json' });
  }
})();
`;

/** The classic shell bootstrap of AWS's custom runtime tutorial, with curl. */
const SH_BOOTSTRAP = `#!/bin/sh
set -eu
API="http://\${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
echo "shell bootstrap starting"
while true; do
  HEADERS="$(mktemp)"
  EVENT="$(curl -sS -D "$HEADERS" "$API/invocation/next")"
  REQUEST_ID="$(grep -i '^lambda-runtime-aws-request-id:' "$HEADERS" | cut -d: -f2 | tr -d '[:space:]')"
  rm -f "$HEADERS"
  echo "shell bootstrap got $REQUEST_ID"
  curl -sS -o /dev/null -X POST -H 'content-type: application/json' -d "{\\"shell\\":true,\\"event\\":$EVENT}" "$API/invocation/$REQUEST_ID/response"
done
`;

/** The same behaviour as SH_BOOTSTRAP, for machines without curl. */
const SH_FALLBACK_BOOTSTRAP = `${NODE_SHEBANG}
${NODE_CLIENT}
(async () => {
  console.log('shell bootstrap starting');
  for (;;) {
    const next = await call('GET', 'invocation/next');
    const id = next.headers['lambda-runtime-aws-request-id'];
    console.log('shell bootstrap got ' + id);
    await call('POST', 'invocation/' + id + '/response', JSON.stringify({ shell: true, event: JSON.parse(next.body) }));
  }
})();
`;

const INIT_ERROR_BOOTSTRAP = `${NODE_SHEBANG}
${NODE_CLIENT}
(async () => {
  console.log('checking configuration');
  const error = { errorType: 'Custom.ConfigMissing', errorMessage: 'DATABASE_URL is not set', stackTrace: [] };
  await call('POST', 'init/error', JSON.stringify(error), { 'Lambda-Runtime-Function-Error-Type': 'Custom.ConfigMissing', 'content-type': 'application/json' });
  process.exit(1);
})();
`;

const hasCurl = fs.existsSync('/usr/bin/curl');

describe('custom runtimes (provided.al2023)', { timeout: 20_000 }, () => {
  let dir: string;
  let engine: Engine;

  beforeAll(() => {
    dir = makeTempDir();
    const executable = (folder: string, text: string) => {
      writeFiles(dir, { [`${folder}/bootstrap`]: text });
      fs.chmodSync(path.join(dir, folder, 'bootstrap'), 0o755);
      return path.join(dir, folder);
    };
    const provided = (id: string, codeDir: string) => functionConfig(id, codeDir, 'function.handler', { runtime: 'provided.al2023' });
    fs.mkdirSync(path.join(dir, 'empty'));
    engine = new Engine({
      functions: [
        provided('NodeBootstrap', executable('node', NODE_BOOTSTRAP)),
        provided('ShellBootstrap', executable('shell', hasCurl ? SH_BOOTSTRAP : SH_FALLBACK_BOOTSTRAP)),
        provided('NoBootstrap', path.join(dir, 'empty')),
        provided('InitError', executable('init-error', INIT_ERROR_BOOTSTRAP)),
      ],
    });
  });

  afterAll(async () => {
    await engine?.close();
    removeTempDir(dir);
  });

  it('runs a Node.js bootstrap that speaks the Runtime API', async () => {
    const { record } = await engine.invoke('NodeBootstrap', { payload: '{"order":7}' });
    expect(record.status).toBe('success');
    expect(record.coldStart).toBe(true);
    const answer = record.response as Record<string, unknown>;
    expect(answer.event).toEqual({ order: 7 });
    expect(answer.requestId).toBe(record.requestId);
    expect(answer.functionArn).toBe('arn:aws:lambda:us-east-1:123456789012:function:NodeBootstrap');
    expect(answer.traceId).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=[01]/);
    // Lambda-Runtime-Deadline-Ms is an epoch time within the function's 3 s timeout.
    expect(answer.remainingMs).toBeGreaterThan(0);
    expect(answer.remainingMs).toBeLessThanOrEqual(3000);
    expect(answer.handler).toBe('function.handler');
    expect(answer.executionEnv).toBeNull();
    expect(answer.taskRoot).toBe(path.join(dir, 'node'));
    expect(answer.cwd).toBe(path.join(dir, 'node'));
    // The bootstrap's own output is the function's log.
    expect(record.logs).toContain('node bootstrap starting');
    expect(record.logs).toContain(`node bootstrap got ${record.requestId}`);
    expect(record.logs.indexOf(`START RequestId: ${record.requestId} Version: $LATEST`)).toBeLessThan(record.logs.indexOf(`node bootstrap got ${record.requestId}`));
  });

  it('answers 400 InvalidRequestID to a post for an unknown or already answered request id', async () => {
    const first = await engine.invoke('NodeBootstrap', { payload: '{"n":1}' });
    const second = await engine.invoke('NodeBootstrap', { payload: '{"n":2}' });
    expect(second.record.coldStart).toBe(false);
    for (const { record } of [first, second]) {
      const answer = record.response as { unknownId: { status: number; body: { errorType: string } } };
      expect(answer.unknownId.status).toBe(400);
      expect(answer.unknownId.body.errorType).toBe('InvalidRequestID');
    }
    const answered = (second.record.response as { answeredId: { status: number; body: { errorType: string } } }).answeredId;
    expect(answered.status).toBe(400);
    expect(answered.body.errorType).toBe('InvalidRequestID');
    // The stray posts changed nothing: each invocation got its own answer.
    expect((first.record.response as { event: unknown }).event).toEqual({ n: 1 });
    expect((second.record.response as { event: unknown }).event).toEqual({ n: 2 });
  });

  it(`runs a shell bootstrap${hasCurl ? ' with curl' : ' (no curl here: its Node.js equivalent)'}`, async () => {
    const { record, payload } = await engine.invoke('ShellBootstrap', { payload: '{"greeting":"hi"}' });
    expect(record.status).toBe('success');
    expect(payloadJson(payload)).toEqual({ shell: true, event: { greeting: 'hi' } });
    expect(record.logs).toContain('shell bootstrap starting');
    expect(record.logs).toContain(`shell bootstrap got ${record.requestId}`);

    const warm = await engine.invoke('ShellBootstrap', { payload: '[1,2,3]' });
    expect(warm.record.coldStart).toBe(false);
    expect(warm.record.response).toEqual({ shell: true, event: [1, 2, 3] });
    expect(warm.record.logs).toContain(`shell bootstrap got ${warm.record.requestId}`);
  });

  it('fails with Runtime.InvalidEntrypoint when there is no bootstrap', async () => {
    const { record, functionError } = await engine.invoke('NoBootstrap');
    expect(record.status).toBe('error');
    expect(functionError).toBe('Unhandled');
    expect(record.error!.errorType).toBe('Runtime.InvalidEntrypoint');
    expect(record.error!.errorMessage).toContain('bootstrap');
    // Nothing is left running for it.
    expect(engine.environments('NoBootstrap')).toEqual([]);
  });

  it('reports the error a bootstrap posts to /runtime/init/error', async () => {
    const { record, payload } = await engine.invoke('InitError');
    expect(record.status).toBe('error');
    expect(record.coldStart).toBe(true);
    expect(record.error!.errorType).toBe('Custom.ConfigMissing');
    expect(record.error!.errorMessage).toBe('DATABASE_URL is not set');
    expect(payloadJson(payload)).toMatchObject({ errorType: 'Custom.ConfigMissing', errorMessage: 'DATABASE_URL is not set' });
    expect(engine.environments('InitError').filter((e) => e.state !== 'dead')).toEqual([]);
  });
});
