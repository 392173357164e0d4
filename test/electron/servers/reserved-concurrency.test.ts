/**
 * A burst far past a function's reserved concurrency, over real sockets into a real host: Lambda
 * answers a synchronous invoke over the limit with 429 TooManyRequestsException (API Gateway
 * with its own 429), and every request, run or throttled, is an invocation in the history.
 * Nothing here depends on speed: how many get through is whatever the machine allows; only
 * that both kinds happen and that none is lost or mis-recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { startHostServer, type HostServer } from '../../../electron/servers/host-server.js';
import { startHost, type HostFixture } from '../services/host-fixture.js';

const BURST = 1000;
const RESERVED = 10;

const FILES = {
  'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  BusyFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: busy/
      Handler: index.handler
      Runtime: nodejs20.x
      ReservedConcurrentExecutions: ${RESERVED}
      Events:
        Busy:
          Type: HttpApi
          Properties:
            Path: /busy
            Method: POST
`,
  // Long enough that a burst finds every reserved environment busy.
  'busy/index.mjs': `export const handler = async (event, context) => {
  await new Promise((r) => setTimeout(r, 50));
  return { n: (event.body === undefined ? event : JSON.parse(event.body)).n, requestId: context.awsRequestId };
};
`,
};

interface Answer {
  status: number;
  body: string;
  requestId: string | undefined;
  errorType: string | undefined;
}

/** One connection per request (no shared agent), so all 1,000 are in flight at once. */
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

function post(url: string, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          body: text,
          requestId: res.headers['x-amzn-requestid'] as string | undefined,
          errorType: res.headers['x-amzn-errortype'] as string | undefined,
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

let f: HostFixture;
let server: HostServer;
let apiUrl: string;

beforeAll(async () => {
  f = await startHost(FILES);
  server = await startHostServer(f.host, { log: () => undefined });
  apiUrl = (await f.call('triggers.list')).apiUrl!;
  // A cold start first, so the burst measures throttling and not the first build of the code.
  const warm = await post(`${server.url}/2015-03-31/functions/BusyFunction/invocations`, '{}');
  expect(warm.status).toBe(200);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await f?.close();
  agent.destroy();
});

/** Every record of the function whose requestId is in `ids`, from the history's whole listing. */
async function recordsOf(ids: Set<string>) {
  const all = await f.call('history.list', { logicalId: 'BusyFunction', limit: 10_000 });
  return all.filter((r) => ids.has(r.requestId));
}

describe(`${BURST} concurrent requests at reserved concurrency ${RESERVED}`, { timeout: 120_000 }, () => {
  it('the Invoke API answers each with 200 or 429 TooManyRequestsException, and the history holds all of them', async () => {
    const url = `${server.url}/2015-03-31/functions/BusyFunction/invocations`;
    const answers = await Promise.all(Array.from({ length: BURST }, (_, n) => post(url, JSON.stringify({ n }))));

    const ok = answers.filter((a) => a.status === 200);
    const throttled = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status !== 200 && a.status !== 429).map((a) => `${a.status} ${a.body}`)).toEqual([]);
    expect(ok.length + throttled.length).toBe(BURST);
    expect(ok.length).toBeGreaterThan(0);
    expect(throttled.length).toBeGreaterThan(0);
    // Each success answered its own request, under the id its answer carries.
    const ran = ok.map((a) => ({ ...(JSON.parse(a.body) as { n: number; requestId: string }), header: a.requestId }));
    expect(new Set(ran.map((r) => r.n)).size).toBe(ok.length);
    for (const r of ran) expect(r.requestId).toBe(r.header);
    for (const a of throttled) {
      expect(a.errorType).toBe('TooManyRequestsException');
      expect(JSON.parse(a.body)).toEqual({ Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', Type: 'User', message: 'Rate Exceeded.' });
    }

    const ids = new Set(answers.map((a) => a.requestId!));
    expect(ids.size).toBe(BURST);
    const records = await recordsOf(ids);
    expect(records).toHaveLength(BURST);
    const statusOf = new Map(records.map((r) => [r.requestId, r.status]));
    for (const a of ok) expect(statusOf.get(a.requestId!)).toBe('success');
    for (const a of throttled) expect(statusOf.get(a.requestId!)).toBe('throttled');
    // A throttled record says why, and that it never ran.
    const one = await f.call('history.get', { requestId: throttled[0]!.requestId! });
    expect(one).toMatchObject({ status: 'throttled', error: { errorType: 'TooManyRequestsException' }, durationMs: 0, billedDurationMs: 0 });
  });

  it('an HTTP API route answers each with 200 or 429, and the history holds all of them with their trigger', async () => {
    const answers = await Promise.all(Array.from({ length: BURST }, (_, n) => post(`${apiUrl}/busy`, JSON.stringify({ n }))));

    const ok = answers.filter((a) => a.status === 200);
    const throttled = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status !== 200 && a.status !== 429).map((a) => `${a.status} ${a.body}`)).toEqual([]);
    expect(ok.length + throttled.length).toBe(BURST);
    expect(ok.length).toBeGreaterThan(0);
    expect(throttled.length).toBeGreaterThan(0);
    const ran = ok.map((a) => JSON.parse(a.body) as { n: number; requestId: string });
    expect(new Set(ran.map((r) => r.n)).size).toBe(ok.length);
    for (const a of throttled) expect(JSON.parse(a.body)).toEqual({ message: 'Too Many Requests' });

    // API Gateway's answer names its own request id, not Lambda's: the ones that ran name
    // theirs in the body, and the route tells this burst's records from the Invoke API's.
    const all = await f.call('history.list', { logicalId: 'BusyFunction', limit: 10_000 });
    const records = all.filter((r) => r.trigger?.kind === 'http');
    expect(records).toHaveLength(BURST);
    expect(records.every((r) => r.trigger?.route === 'http-api POST /busy')).toBe(true);
    const statusOf = new Map(records.map((r) => [r.requestId, r.status]));
    for (const r of ran) expect(statusOf.get(r.requestId)).toBe('success');
    expect(records.filter((r) => r.status === 'success')).toHaveLength(ok.length);
    expect(records.filter((r) => r.status === 'throttled')).toHaveLength(throttled.length);
  });
});
