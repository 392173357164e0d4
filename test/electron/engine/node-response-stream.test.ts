/**
 * Response streaming in the Node.js runtime: the `awslambda` global's streamifyResponse and
 * HttpResponseStream exist before the function's code loads, as Lambda defines them; a streaming
 * handler's writes (pipeline included) are the buffered response, the HTTP prelude goes first;
 * what it throws is the invocation's error; and on nodejs24.x its three parameters are not a
 * callback handler.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { functionConfig, makeTempDir, removeTempDir, writeFiles } from '../../helpers/functions.js';

describe('awslambda.streamifyResponse', { timeout: 20_000 }, () => {
  let dir: string;
  let engine: Engine;
  beforeAll(() => {
    dir = writeFiles(makeTempDir(), {
      'stream.mjs': `import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
export const piped = awslambda.streamifyResponse(async (event, responseStream, context) => {
  responseStream.setContentType('text/plain');
  await pipeline(Readable.from(['one ', 'two ', event.n + ' ', context.functionName]), responseStream);
});
export const ended = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream.write('written');
  responseStream.end();
});
export const returned = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream.write('not ended by the handler');
});
export const http = awslambda.streamifyResponse(async (event, responseStream) => {
  const out = awslambda.HttpResponseStream.from(responseStream, { statusCode: 201, headers: { 'x-kind': 'streamed' } });
  out.write('body');
  out.end();
});
export const throws = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream.write('partial');
  throw new RangeError('stream broke');
});
`,
    });
    const fn = (id: string, handler: string, runtime = 'nodejs22.x') => functionConfig(id, dir, handler, { runtime });
    engine = new Engine({
      functions: [fn('Piped', 'stream.piped'), fn('Ended', 'stream.ended', 'nodejs24.x'), fn('Returned', 'stream.returned'), fn('Http', 'stream.http'), fn('Throws', 'stream.throws')],
      spareProcesses: 0,
    });
  });
  afterAll(async () => {
    await engine?.close();
    removeTempDir(dir);
  });

  it('answers with the bytes a piped stream wrote, not JSON', async () => {
    const r = await engine.invoke('Piped', { payload: '{"n":3}' });
    expect(r.record.status).toBe('success');
    expect(r.payload.toString()).toBe('one two 3 Piped');
  });

  it('runs a three-parameter streaming handler on nodejs24.x, and ends a stream the handler left open', async () => {
    expect((await engine.invoke('Ended')).payload.toString()).toBe('written');
    expect((await engine.invoke('Returned')).payload.toString()).toBe('not ended by the handler');
  });

  it('puts the HTTP prelude first: JSON, eight zero bytes, then the body', async () => {
    const r = await engine.invoke('Http');
    expect(r.payload.toString()).toBe(`{"statusCode":201,"headers":{"x-kind":"streamed"}}${'\0'.repeat(8)}body`);
  });

  it("reports what the streaming handler threw as the invocation's error", async () => {
    const r = await engine.invoke('Throws');
    expect(r.record.status).toBe('error');
    expect(r.record.error).toMatchObject({ errorType: 'RangeError', errorMessage: 'stream broke' });
  });
});
