import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { GetFunctionCommand, GetFunctionConfigurationCommand, InvokeCommand, LambdaClient, ListFunctionsCommand, paginateListFunctions, type FunctionConfiguration } from '@aws-sdk/client-lambda';
import { Engine } from '../../../electron/engine/engine.js';
import type { InvocationRecord } from '../../../shared/domain/invocation.js';
import { createInvokeApi, logTail, startInvokeApiServer, type InvokeApiServer } from '../../../electron/servers/invoke-api.js';
import { functionErrors, loadWorkspace } from '../../../electron/workspace/read/template-loader.js';
import { makeTempDir, removeTempDir, waitFor, writeFiles } from '../../helpers/functions.js';

const ARN_PREFIX = 'arn:aws:lambda:us-east-1:123456789012:function:';
/** Functions that only exist to make ListFunctions page: more than Lambda's 50 per page. */
const EXTRA = 52;

const APP = `
exports.echo = async (event, context) => {
  console.log('echo called');
  if (typeof event === 'string') return { length: event.length };
  return { event, clientContext: context.clientContext ?? null, requestId: context.awsRequestId };
};
exports.fail = async () => { throw new Error('boom'); };
exports.slow = async (event) => {
  await new Promise((resolve) => setTimeout(resolve, event.ms ?? 1000));
  return 'done';
};
`;

function template(): string {
  const fn = (id: string, handler: string, extra: string[] = []) =>
    [`  ${id}:`, '    Type: AWS::Serverless::Function', '    Properties:', '      CodeUri: src', `      Handler: ${handler}`, ...extra.map((l) => `      ${l}`)].join('\n');
  return [
    'Transform: AWS::Serverless-2016-10-31',
    'Globals:',
    '  Function:',
    '    Runtime: nodejs20.x',
    'Resources:',
    fn('Echo', 'app.echo', ['Environment:', '  Variables:', '    GREETING: hi']),
    fn('Named', 'app.echo', ['FunctionName: my-named-fn']),
    fn('Fails', 'app.fail'),
    fn('Slow', 'app.slow', ['Timeout: 10', 'ReservedConcurrentExecutions: 1']),
    fn('Blocked', 'app.echo', ['ReservedConcurrentExecutions: 0']),
    fn('Broken', 'app.echo', ['MemorySize: 1']),
    ...Array.from({ length: EXTRA }, (_, i) => fn(`Extra${i}`, 'app.echo')),
    '',
  ].join('\n');
}

let dir: string;
let engine: Engine;
let server: InvokeApiServer;
let lambda: LambdaClient;
const logged: string[] = [];
const records: InvocationRecord[] = [];

beforeAll(async () => {
  dir = writeFiles(makeTempDir(), { 'template.yaml': template(), 'src/app.js': APP });
  const ws = await loadWorkspace(dir);
  const problems = Object.fromEntries(ws.functions.map((f) => [f.logicalId, functionErrors(ws, f.logicalId)]));
  engine = new Engine({ functions: ws.functions, problems });
  engine.on('invocation', (r) => records.push(r));
  server = await startInvokeApiServer(engine, { log: (m) => logged.push(m) });
  lambda = client();
});

afterAll(async () => {
  lambda?.destroy();
  await server?.close();
  await engine?.close();
  removeTempDir(dir);
});

/** The real SDK, pointed at faaslab; maxAttempts 1 so a throttle surfaces instead of retrying. */
function client(): LambdaClient {
  return new LambdaClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
}

function post(ref: string, body?: string, headers: Record<string, string> = {}, query = ''): Promise<Response> {
  return fetch(`${server.url}/2015-03-31/functions/${encodeURIComponent(ref)}/invocations${query}`, { method: 'POST', body, headers });
}

async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (err: Error) => err,
  );
}

const text = (s: string) => new TextEncoder().encode(s);
const decode = (bytes: Uint8Array | undefined) => JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;

describe('Invoke through the AWS SDK', () => {
  it('runs a RequestResponse invocation and returns the payload and headers', async () => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'Echo', Payload: text('{"a":1}') }));
    expect(out.StatusCode).toBe(200);
    expect(out.ExecutedVersion).toBe('$LATEST');
    expect(out.FunctionError).toBeUndefined();
    const body = decode(out.Payload);
    expect(body.event).toEqual({ a: 1 });
    // x-amzn-RequestId is the invocation's own id, so a caller can find it in the logs.
    expect(out.$metadata.requestId).toBe(body.requestId);
  });

  it('returns the tail of the log with LogType Tail', async () => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'Echo', Payload: text('{}'), LogType: 'Tail' }));
    const log = Buffer.from(out.LogResult!, 'base64').toString('utf8');
    const { requestId } = decode(out.Payload);
    expect(log).toContain(`START RequestId: ${requestId} Version: $LATEST`);
    expect(log).toContain('echo called');
    expect(log).toMatch(new RegExp(`REPORT RequestId: ${requestId}\\tDuration: [\\d.]+ ms`));
  });

  it('passes ClientContext to context.clientContext', async () => {
    const custom = { custom: { tenant: 'acme' }, env: { locale: 'en' } };
    const ClientContext = Buffer.from(JSON.stringify(custom)).toString('base64');
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'Echo', ClientContext }));
    expect(decode(out.Payload).clientContext).toEqual(custom);
  });

  it('answers Event with 202 at once and runs the function in the background', async () => {
    const before = records.length;
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'Echo', InvocationType: 'Event', Payload: text('{"queued":true}') }));
    expect(out.StatusCode).toBe(202);
    expect(out.Payload?.length ?? 0).toBe(0);
    const record = await waitFor(() => records.slice(before).find((r) => (r.response as { event?: unknown })?.event !== undefined), 'the Event invocation');
    expect((record.response as { event: unknown }).event).toEqual({ queued: true });
  });

  it('answers DryRun with 204 without running the function', async () => {
    const before = records.length;
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'Echo', InvocationType: 'DryRun', Payload: text('{}') }));
    expect(out.StatusCode).toBe(204);
    expect(records.length).toBe(before);
  });

  it('surfaces service errors as the SDK exception classes', async () => {
    const missing = await rejection(lambda.send(new InvokeCommand({ FunctionName: 'nope' })));
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(missing.message).toBe(`Function not found: ${ARN_PREFIX}nope`);

    const badJson = await rejection(lambda.send(new InvokeCommand({ FunctionName: 'Echo', Payload: text('{not json') })));
    expect(badJson.name).toBe('InvalidRequestContentException');
    expect(badJson.message).toMatch(/^Could not parse request body into json: /);

    const throttled = await rejection(lambda.send(new InvokeCommand({ FunctionName: 'Blocked' })));
    expect(throttled.name).toBe('TooManyRequestsException');
    expect((throttled as unknown as { Reason: string }).Reason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');

    const tooLarge = await rejection(lambda.send(new InvokeCommand({ FunctionName: 'Echo', Payload: text(`"${'x'.repeat(6_291_456)}"`) })));
    expect(tooLarge.name).toBe('RequestTooLargeException');
    expect(tooLarge.$metadata?.httpStatusCode).toBe(413);

    // Event payloads have the smaller async limit (1 MB).
    const asyncTooLarge = await rejection(lambda.send(new InvokeCommand({ FunctionName: 'Echo', InvocationType: 'Event', Payload: text(`"${'x'.repeat(1_048_576)}"`) })));
    expect(asyncTooLarge.name).toBe('RequestTooLargeException');
  });

  it('refuses a qualifier other than $LATEST, and accepts $LATEST', async () => {
    const err = await rejection(lambda.send(new InvokeCommand({ FunctionName: 'Echo', Qualifier: 'live' })));
    expect(err.name).toBe('ResourceNotFoundException');
    expect(err.message).toContain('$LATEST only');
    const byQuery = await lambda.send(new InvokeCommand({ FunctionName: 'Echo', Qualifier: '$LATEST' }));
    expect(byQuery.StatusCode).toBe(200);
    const byName = await lambda.send(new InvokeCommand({ FunctionName: `${ARN_PREFIX}my-named-fn:$LATEST` }));
    expect(byName.StatusCode).toBe(200);
  });

  it('refuses a function whose configuration Lambda would reject, naming the problem', async () => {
    const err = await rejection(lambda.send(new InvokeCommand({ FunctionName: 'Broken' })));
    expect(err.name).toBe('InvalidParameterValueException');
    expect(err.message).toContain('MemorySize 1');
  });
});

describe('Invoke over plain HTTP', () => {
  it('invokes by full ARN, partial ARN, name and logical id', async () => {
    for (const ref of [`${ARN_PREFIX}my-named-fn`, '123456789012:function:my-named-fn', 'my-named-fn', 'Named']) {
      const res = await post(ref, '{"ref":1}');
      expect(res.status, ref).toBe(200);
      expect(((await res.json()) as { event: unknown }).event).toEqual({ ref: 1 });
    }
  });

  it('returns the payload bytes exactly, with Lambda headers', async () => {
    const res = await post('Slow', '{"ms":1}');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-amz-executed-version')).toBe('$LATEST');
    expect(await res.text()).toBe('"done"');
  });

  it('treats an empty body as {}', async () => {
    const res = await post('Echo');
    expect(((await res.json()) as { event: unknown }).event).toEqual({});
  });

  it('answers a function error with 200 and X-Amz-Function-Error', async () => {
    const res = await post('Fails', '{}');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-amz-function-error')).toBe('Unhandled');
    expect(await res.json()).toMatchObject({ errorType: 'Error', errorMessage: 'boom' });
  });

  it('answers an unknown function with 404 and x-amzn-ErrorType', async () => {
    const res = await post('nope', '{}');
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toEqual({ Type: 'User', Message: `Function not found: ${ARN_PREFIX}nope` });
  });

  it('answers a body that is not JSON with 400 InvalidRequestContentException', async () => {
    const res = await post('Echo', 'hello');
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('InvalidRequestContentException');
    expect(((await res.json()) as { Message: string }).Message).toMatch(/^Could not parse request body into json: /);
  });

  it('checks X-Amz-Invocation-Type and X-Amz-Client-Context', async () => {
    const badType = await post('Echo', '{}', { 'X-Amz-Invocation-Type': 'Later' });
    expect(badType.status).toBe(400);
    expect(badType.headers.get('x-amzn-errortype')).toBe('InvalidParameterValueException');
    for (const context of ['not base64!', Buffer.from('not json').toString('base64')]) {
      const res = await post('Echo', '{}', { 'X-Amz-Client-Context': context });
      expect(res.status, context).toBe(400);
      expect(res.headers.get('x-amzn-errortype')).toBe('InvalidRequestContentException');
    }
  });

  it('accepts exactly 6,291,456 bytes and answers 413 one byte over', async () => {
    const exact = `"${'x'.repeat(6_291_456 - 2)}"`;
    const ok = await post('Echo', exact);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ length: 6_291_454 });
    const over = await post('Echo', `${exact} `);
    expect(over.status).toBe(413);
    expect(over.headers.get('x-amzn-errortype')).toBe('RequestTooLargeException');
  });

  it('throttles a function with ReservedConcurrentExecutions 0', async () => {
    const res = await post('Blocked', '{}');
    expect(res.status).toBe(429);
    expect(res.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
    expect(res.headers.get('retry-after')).toBeTruthy();
    expect(await res.json()).toEqual({ Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', Type: 'User', message: 'Rate Exceeded.' });
  });

  it('throttles the second of two concurrent invocations with ReservedConcurrentExecutions 1', async () => {
    const [a, b] = await Promise.all([post('Slow', '{"ms":1500}'), post('Slow', '{"ms":1500}')]);
    expect([a.status, b.status].sort()).toEqual([200, 429]);
    const throttled = a.status === 429 ? a : b;
    expect(((await throttled.json()) as { Reason: string }).Reason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
  });

  it('logs, and does not throw, when an Event invocation is throttled', async () => {
    const res = await post('Blocked', '{}', { 'X-Amz-Invocation-Type': 'Event' });
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    await waitFor(() => logged.some((l) => l.includes('Blocked') && l.includes('throttled')), 'the throttle to be logged');
  });

  it('refuses response streaming honestly', async () => {
    const res = await fetch(`${server.url}/2021-11-15/functions/Echo/response-streaming-invocations`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('InvalidParameterValueException');
    expect(((await res.json()) as { Message: string }).Message).toContain('does not support response streaming');
  });

  it('answers unknown operations under /2015-03-31/ with UnknownOperationException', async () => {
    const res = await fetch(`${server.url}/2015-03-31/functions/Echo/policy`);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });

  it('leaves other paths to the host server', async () => {
    const handle = createInvokeApi(engine);
    const host = http.createServer((req, res) => {
      if (!handle(req, res)) res.end('someone else');
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
      expect(await (await fetch(`${base}/index.html`)).text()).toBe('someone else');
      expect((await fetch(`${base}/2015-03-31/functions/Echo/invocations`, { method: 'POST' })).status).toBe(200);
    } finally {
      host.closeAllConnections();
      await new Promise((resolve) => host.close(resolve));
    }
    expect((await fetch(`${server.url}/index.html`)).status).toBe(404);
  });
});

describe('ListFunctions, GetFunction and GetFunctionConfiguration', () => {
  it('pages through every function, 50 at most per page', async () => {
    const first = await lambda.send(new ListFunctionsCommand({}));
    expect(first.Functions).toHaveLength(50);
    expect(first.NextMarker).toBeTruthy();

    const one = await lambda.send(new ListFunctionsCommand({ MaxItems: 1 }));
    expect(one.Functions!.map((f) => f.FunctionName)).toEqual(['Echo']);
    const next = await lambda.send(new ListFunctionsCommand({ MaxItems: 1, Marker: one.NextMarker }));
    expect(next.Functions!.map((f) => f.FunctionName)).toEqual(['my-named-fn']);

    const names: string[] = [];
    for await (const page of paginateListFunctions({ client: lambda }, {})) names.push(...page.Functions!.map((f) => f.FunctionName!));
    expect(names).toHaveLength(6 + EXTRA);
    expect(new Set(names).size).toBe(names.length);
  });

  it('describes a function as Lambda does', async () => {
    const { Functions } = await lambda.send(new ListFunctionsCommand({ MaxItems: 1 }));
    const echo = Functions![0]!;
    expect(echo).toMatchObject<FunctionConfiguration>({
      FunctionName: 'Echo',
      FunctionArn: `${ARN_PREFIX}Echo`,
      Runtime: 'nodejs20.x',
      Handler: 'app.echo',
      Description: '',
      Timeout: 3,
      MemorySize: 128,
      Version: '$LATEST',
      Environment: { Variables: { GREETING: 'hi' } },
      Architectures: ['x86_64'],
      EphemeralStorage: { Size: 512 },
      LoggingConfig: { LogFormat: 'Text', LogGroup: '/aws/lambda/Echo' },
      PackageType: 'Zip',
      State: 'Active',
      LastUpdateStatus: 'Successful',
      Role: 'arn:aws:iam::123456789012:role/faaslab-local',
      TracingConfig: { Mode: 'PassThrough' },
    });
    expect(echo.CodeSize).toBe(Buffer.byteLength(APP));
    expect(Number.isNaN(Date.parse(echo.LastModified!))).toBe(false);
  });

  it('answers GetFunction with Configuration, Code, Tags and Concurrency', async () => {
    const out = await lambda.send(new GetFunctionCommand({ FunctionName: 'Slow' }));
    expect(out.Configuration?.FunctionName).toBe('Slow');
    expect(out.Configuration?.Timeout).toBe(10);
    expect(out.Code?.RepositoryType).toBe('Local');
    expect(fileURLToPath(out.Code!.Location!)).toBe(path.join(dir, 'src'));
    expect(out.Tags).toEqual({});
    expect(out.Concurrency).toEqual({ ReservedConcurrentExecutions: 1 });
    const echo = await lambda.send(new GetFunctionCommand({ FunctionName: `${ARN_PREFIX}Echo` }));
    expect(echo.Concurrency).toBeUndefined();
    const missing = await rejection(lambda.send(new GetFunctionCommand({ FunctionName: 'nope' })));
    expect(missing.name).toBe('ResourceNotFoundException');
  });

  it('answers GetFunctionConfiguration', async () => {
    const out = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'my-named-fn' }));
    expect(out.FunctionName).toBe('my-named-fn');
    expect(out.Environment).toBeUndefined(); // Lambda leaves it out when there are no variables
  });
});

describe('logTail', () => {
  it('keeps the last 4 KB and never starts inside a UTF-8 character', () => {
    const lines = ['START', 'é'.repeat(3000), 'REPORT'];
    const tail = Buffer.from(logTail(lines), 'base64');
    expect(tail.length).toBeLessThanOrEqual(4096);
    expect(tail.length).toBeGreaterThanOrEqual(4093);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(tail);
    expect(text.endsWith('é\nREPORT')).toBe(true);
    expect(text.startsWith('é')).toBe(true);
  });

  it('keeps a short log whole', () => {
    expect(Buffer.from(logTail(['a', 'b']), 'base64').toString()).toBe('a\nb');
  });
});
