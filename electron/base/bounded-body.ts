/**
 * Reading an HTTP request's body with a size limit (the Invoke API, the HTTP trigger server, the
 * Runtime API). Past the limit the bytes are read and dropped rather than kept: answering before
 * the client has finished sending makes many clients report a reset connection instead of the
 * 413. Past `drainLimit`, if given, reading stops and the caller closes the connection.
 */
import type { IncomingMessage } from 'node:http';

export type BodyRead = { ok: true; body: Buffer } | { ok: false; size: number; drained: boolean };

export function readBoundedBody(req: IncomingMessage, limit: number, opts: { drainLimit?: number } = {}): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      finish();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
      if (opts.drainLimit !== undefined && size > opts.drainLimit) {
        // Detached, so a caller that goes on reading the rest (to answer before a reset) is not paused again.
        req.off('data', onData);
        req.pause();
        settle(() => resolve({ ok: false, size, drained: false }));
      }
    };
    req.on('data', onData);
    req.on('end', () => settle(() => resolve(size <= limit ? { ok: true, body: Buffer.concat(chunks, size) } : { ok: false, size, drained: true })));
    req.on('error', (err) => settle(() => reject(err)));
    req.on('close', () => {
      if (!req.complete) settle(() => reject(new Error('the client closed the connection before sending the whole body')));
    });
  });
}
