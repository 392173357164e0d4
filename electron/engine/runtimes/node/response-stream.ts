/**
 * The `awslambda` global of Lambda's Node.js runtime, for response streaming:
 * `awslambda.streamifyResponse(async (event, responseStream, context) => ...)` and
 * `awslambda.HttpResponseStream.from(responseStream, { statusCode, headers })` (Developer Guide:
 * "Response streaming for Lambda functions"). Code that builds its handler with them fails at
 * import without them. faaslab buffers the stream: what the handler wrote, once it has ended,
 * is the invocation's response, as a buffered Invoke of a streaming function returns it.
 */
import { Writable } from 'node:stream';

/** The bytes a streaming handler wrote: the invocation's response as is, not as JSON. */
export class StreamedResponse {
  constructor(readonly body: Buffer) {}
}

/** The responseStream a handler writes to: a Writable that keeps every chunk. */
class ResponseStream extends Writable {
  readonly chunks: Buffer[] = [];
  contentType = 'application/octet-stream';

  override _write(chunk: Buffer | string, encoding: BufferEncoding, done: (err?: Error) => void): void {
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding));
    done();
  }

  setContentType(type: string): void {
    this.contentType = type;
  }
}

type StreamingHandler = (event: unknown, responseStream: Writable, context: object) => unknown;

const ended = (stream: ResponseStream) =>
  new Promise<void>((resolve, reject) => {
    if (stream.writableFinished) return resolve();
    stream.once('finish', resolve);
    stream.once('error', reject);
  });

/** The handler the runtime calls (event, context), running the streaming one with a stream. */
function streamifyResponse(handler: StreamingHandler): (event: unknown, context: object) => Promise<StreamedResponse> {
  return async (event, context) => {
    const stream = new ResponseStream();
    await handler(event, stream, context);
    // Returning ends the response, as on Lambda, whether or not the handler called end().
    if (!stream.writableEnded) stream.end();
    await ended(stream);
    return new StreamedResponse(Buffer.concat(stream.chunks));
  };
}

/**
 * HttpResponseStream.from: a Function URL's status and headers go first, as JSON followed by
 * eight zero bytes, then the body.
 */
const HttpResponseStream = {
  from(stream: Writable, prelude: Record<string, unknown>): Writable {
    (stream as ResponseStream).setContentType?.('application/vnd.awslambda.http-integration-response');
    stream.write(JSON.stringify(prelude));
    stream.write(Buffer.alloc(8));
    return stream;
  },
};

/** Defines the global before the function's code loads, keeping what a library put there already. */
export function installAwsLambdaGlobal(): void {
  const g = globalThis as { awslambda?: Record<string, unknown> };
  g.awslambda = Object.assign(g.awslambda ?? {}, { streamifyResponse, HttpResponseStream });
}
