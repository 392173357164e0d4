/**
 * Property-based fuzzing of the Invoke API and the HTTP trigger server over real sockets, with a
 * real Engine running real functions: arbitrary request lines, headers, function names,
 * qualifiers, invocation and log types, bodies (invalid JSON, bytes that are not UTF-8, over the
 * 6 MB and 256 KB limits), chunked or not. Every request must get an HTTP answer with a status
 * Lambda or API Gateway (or Node's HTTP parser, for what is not HTTP) gives, never a 500 from an
 * exception of faaslab's own, and the host must still answer a normal invoke after each one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Engine } from '../../electron/engine/engine.js';
import { startInvokeApiServer, type InvokeApiServer } from '../../electron/servers/invoke-api.js';
import { loadWorkspace, problemsByFunction } from '../../electron/workspace/read/template-loader.js';
import { makeTempDir, removeTempDir, writeFiles } from '../helpers/functions.js';
import { startFixture, type Fixture } from '../electron/triggers/http/fixture.js';
import { FUZZ_SEED, runs, TRICKY } from './arbitraries.js';
import { encodeRequest, percentEncode, headerName, headerValue, rawBody, rawExchange, rawMethod, rawVersion, type RawRequest } from './raw-http.js';

const RUNS = runs(150);
const SHORT_TRICKY = TRICKY.filter((t) => t.length < 100);

/** What an answer may be: Lambda's and API Gateway's statuses, and Node's parser's for a request that is not HTTP. */
const PARSER_STATUSES = [400, 413, 431, 505];

const APP = `
exports.echo = async (event) => ({ echoed: event });
exports.fail = async () => { throw new Error('boom'); };
`;

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: src
Resources:
  Echo: { Type: AWS::Serverless::Function, Properties: { Handler: app.echo } }
  Named: { Type: AWS::Serverless::Function, Properties: { Handler: app.echo, FunctionName: my-named-fn } }
  Fails: { Type: AWS::Serverless::Function, Properties: { Handler: app.fail } }
  Blocked: { Type: AWS::Serverless::Function, Properties: { Handler: app.echo, ReservedConcurrentExecutions: 0 } }
  Broken: { Type: AWS::Serverless::Function, Properties: { Handler: app.echo, MemorySize: 1 } }
  Missing: { Type: AWS::Serverless::Function, Properties: { Handler: nothing.here } }
`;

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:';
const FUNCTION_REFS = [
  'Echo',
  'my-named-fn',
  'Fails',
  'Blocked',
  'Broken',
  'Missing',
  'Nope',
  `${ARN}Echo`,
  `${ARN}Echo:$LATEST`,
  `${ARN}Echo:1`,
  '123456789012:function:Echo',
  'Echo:prod',
  `${ARN}Echo:$LATEST:extra`,
  'arn:aws:lambda:eu-west-1:000000000000:function:Echo',
];

const functionRef = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FUNCTION_REFS).map(percentEncode) },
  { weight: 2, arbitrary: fc.constantFrom(...FUNCTION_REFS, ...SHORT_TRICKY) },
  { weight: 1, arbitrary: fc.constantFrom(...SHORT_TRICKY).map(percentEncode) },
  { weight: 1, arbitrary: fc.stringMatching(/^[%A-Za-z0-9:._$-]{0,80}$/) },
);
const query = fc.oneof(
  fc.constant(''),
  fc.constantFrom('$LATEST', '1', 'prod', '', '%', '%24LATEST').map((q) => `?Qualifier=${q}`),
  fc.stringMatching(/^\?[\x21-\x7e]{0,30}$/),
);

const invokeTarget = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(functionRef, query).map(([ref, q]) => `/2015-03-31/functions/${ref}/invocations${q}`) },
  { weight: 1, arbitrary: fc.tuple(functionRef, query).map(([ref, q]) => `/2015-03-31/functions/${ref}${q}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '/2015-03-31/functions',
      '/2015-03-31/functions/?MaxItems=0',
      '/2015-03-31/functions?Marker=-1',
      '/2021-11-15/functions/Echo/response-streaming-invocations',
      '/',
      '*',
      '/2015-03-31/',
      'http://x/2015-03-31/functions/Echo/invocations',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(...SHORT_TRICKY).map((t) => `/2015-03-31/functions/${t}/invocations`) },
);

const clientContext = fc.oneof(
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify({ custom: v })).toString('base64')),
  fc.constantFrom('', '!!!', 'e30', Buffer.from('[]').toString('base64'), Buffer.from([0xff, 0xfe]).toString('base64')),
);

const lambdaHeaders = fc
  .tuple(
    fc.option(fc.constantFrom('RequestResponse', 'Event', 'Event', 'DryRun', '', 'event', 'Event, Event', 'X'), { freq: 3 }),
    fc.option(fc.constantFrom('None', 'Tail', 'Tail', '', 'tail', 'X'), { freq: 3 }),
    fc.option(clientContext, { freq: 3 }),
    fc.array(fc.tuple(headerName, headerValue), { maxLength: 3 }),
  )
  .map(([type, log, context, others]): Array<[string, string]> => [
    ...(type === null ? [] : [['X-Amz-Invocation-Type', type] as [string, string]]),
    ...(log === null ? [] : [['X-Amz-Log-Type', log] as [string, string]]),
    ...(context === null ? [] : [['X-Amz-Client-Context', context] as [string, string]]),
    ...others,
  ]);

const framing = fc.constantFrom<RawRequest['framing']>('length', 'length', 'length', 'chunked', 'none');

const invokeRequest = fc.record({
  method: fc.oneof({ weight: 4, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: rawMethod }),
  target: invokeTarget,
  version: rawVersion,
  headers: lambdaHeaders,
  body: rawBody,
  framing,
}) satisfies fc.Arbitrary<RawRequest>;

const INVOKE_STATUSES = [200, 202, 204, 400, 404, 413, 429, ...PARSER_STATUSES];

describe('fuzz: the Invoke API over a socket', () => {
  let dir: string;
  let engine: Engine;
  let server: InvokeApiServer;
  const logged: string[] = [];

  beforeAll(async () => {
    dir = writeFiles(makeTempDir(), { 'template.yaml': TEMPLATE, 'src/app.js': APP });
    const ws = await loadWorkspace(dir);
    engine = new Engine({ functions: ws.functions, problems: problemsByFunction(ws) });
    server = await startInvokeApiServer(engine, { log: (m) => logged.push(m) });
  });

  afterAll(async () => {
    await server?.close();
    await engine?.close();
    removeTempDir(dir);
  });

  async function stillInvokes(): Promise<void> {
    const res = await fetch(`${server.url}/2015-03-31/functions/Echo/invocations`, { method: 'POST', body: '{"ping":1}' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ echoed: { ping: 1 } });
  }

  it('answers every request with a Lambda status and keeps invoking', async () => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(invokeRequest, async (request) => {
        const answer = await rawExchange(server.port, encodeRequest(request));
        expect(answer.hung, 'no answer and no close').toBeUndefined();
        expect(answer.status, `no answer to ${JSON.stringify({ ...request, body: request.body.length })}`).toBeDefined();
        statuses.add(answer.status!);
        expect(INVOKE_STATUSES, answer.head).toContain(answer.status);
        if (answer.status! >= 400 && request.method !== 'HEAD' && answer.head.includes('x-amzn-ErrorType')) {
          // faaslab's own errors are Lambda's: a JSON body naming the problem (a throttle's says "message", as Lambda's does).
          const error = JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>;
          expect(typeof (error.Message ?? error.message)).toBe('string');
        }
        expect(logged.filter((m) => m.startsWith('Invoke API:'))).toEqual([]);
        await stillInvokes();
      }),
      { seed: FUZZ_SEED, numRuns: RUNS },
    );
    // The runs reached the function, the error paths and the limits, not only the parser.
    for (const status of [200, 202, 400, 404]) expect(statuses).toContain(status);
  });
});

const TRIGGER_PATHS = [
  '/items',
  '/items/7',
  '/items/special',
  '/files/a/b',
  '/rest/items/1',
  '/rest/x/y',
  '/reply',
  '/v1/reply',
  '/rest/reply',
  '/nothing',
  '/',
  '/_url/Echo/',
  '/_url/Echo/a?b=c',
  '/_url/Reply/',
  '/_url/Nope/',
  '/blocked',
  '/_url/',
  '//',
  '/items/%',
  '/items/%2F..%2F',
];

const triggerTarget = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...TRIGGER_PATHS), fc.option(fc.stringMatching(/^[\x21-\x7e]{0,30}$/))).map(([p, q]) => (q === null ? p : `${p}?${q}`)) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('/items/', '/files/', '/_url/Echo/', '/rest/'), fc.constantFrom(...SHORT_TRICKY)).map(([p, t]) => `${p}${percentEncode(t)}`) },
  { weight: 1, arbitrary: fc.constantFrom(...SHORT_TRICKY).map((t) => `/${t}`) },
  { weight: 1, arbitrary: fc.constantFrom('*', 'http://localhost/items', `/${'a/'.repeat(3000)}`, '/items?'.padEnd(9000, 'q')) },
);

const triggerHeaders = fc.array(
  fc.oneof(
    fc.constantFrom('https://app.example.com', 'https://evil.example', 'null', '*').map((v): [string, string] => ['Origin', v]),
    fc.constantFrom('GET', 'POST', 'DELETE', '').map((v): [string, string] => ['Access-Control-Request-Method', v]),
    fc.constantFrom('application/json', 'text/plain', 'image/png', 'application/octet-stream', '').map((v): [string, string] => ['Content-Type', v]),
    fc.array(fc.stringMatching(/^[a-z]{1,4}=[^;\s]{0,6}$/), { maxLength: 3 }).map((c): [string, string] => ['Cookie', c.join('; ')]),
    fc.tuple(headerName, headerValue),
  ),
  { maxLength: 6 },
);

const triggerRequest = fc.record({ method: rawMethod, target: triggerTarget, version: rawVersion, headers: triggerHeaders, body: rawBody, framing }) satisfies fc.Arbitrary<RawRequest>;

/** API Gateway's own answers (404, 403, 413, 429, 502 for a function error or a malformed result) and what Echo and Reply return. */
const TRIGGER_STATUSES = [200, 204, 403, 404, 413, 429, 502, ...PARSER_STATUSES];

describe('fuzz: the HTTP trigger server over a socket', () => {
  let fixture: Fixture;

  beforeAll(async () => {
    fixture = await startFixture();
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('answers every request as API Gateway would and keeps serving', async () => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(triggerRequest, async (request) => {
        const answer = await rawExchange(fixture.server.port, encodeRequest(request));
        expect(answer.hung, 'no answer and no close').toBeUndefined();
        expect(answer.status, `no answer to ${JSON.stringify({ ...request, body: request.body.length })}`).toBeDefined();
        statuses.add(answer.status!);
        expect(TRIGGER_STATUSES, answer.head).toContain(answer.status);
        // An exception of the server's own is logged as "HTTP trigger: ..." (then answered 502).
        expect(fixture.logged.filter((m) => m.startsWith('HTTP trigger:') || m.includes('cannot invoke'))).toEqual([]);
        const health = await fetch(`${fixture.server.url}/items/7`);
        expect(health.status).toBe(200);
        expect(((await health.json()) as { event: { pathParameters: unknown } }).event.pathParameters).toEqual({ id: '7' });
      }),
      { seed: FUZZ_SEED, numRuns: RUNS },
    );
    for (const status of [200, 404, 413, 502]) expect(statuses).toContain(status);
  });
});
