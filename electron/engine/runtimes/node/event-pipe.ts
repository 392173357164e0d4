import { readSync } from 'node:fs';
import net from 'node:net';
import { decodeEvent, EVENT_FD } from '../../runtime-protocol.js';
import type { NextInvocation } from './runtime-client.js';

const CHUNK = 64 * 1024;

/**
 * The events the host sends on fd 4 after the first (runtime-protocol.ts). Read by blocking the
 * thread while the environment is frozen, or as a stream when the host does not freeze it.
 * Bytes are gathered in a list and joined once a whole frame is there, so a 6 MB event costs
 * one copy, not one per chunk.
 */
export class EventPipe {
  private chunks: Buffer[] = [];
  private size = 0;
  private stream: net.Socket | undefined;
  private waiting: ((inv: NextInvocation) => void) | undefined;

  /** Read as a stream once: the pipe is non-blocking from then on, so nextBlocking() is out. */
  get streaming(): boolean {
    return this.stream !== undefined;
  }

  /** Blocks until the next event has arrived; no timer, callback or promise runs meanwhile. */
  nextBlocking(): NextInvocation {
    for (;;) {
      const inv = this.take();
      if (inv) return inv;
      // Read straight into a buffer as large as the rest of the frame, once its length is known.
      const chunk = Buffer.allocUnsafe(Math.max(CHUNK, this.missing()));
      const n = readSync(EVENT_FD, chunk, 0, chunk.length, null);
      if (n === 0) process.exit(0); // the host closed the pipe: it is gone
      this.push(chunk.subarray(0, n));
    }
  }

  /** Waits for the next event without blocking: background work runs on meanwhile. */
  next(): Promise<NextInvocation> {
    const ready = this.take();
    if (ready) return Promise.resolve(ready);
    const stream = (this.stream ??= this.open());
    stream.ref();
    return new Promise((resolve) => (this.waiting = resolve));
  }

  private open(): net.Socket {
    const stream = new net.Socket({ fd: EVENT_FD, readable: true, writable: false });
    stream.on('data', (chunk: Buffer) => {
      this.push(chunk);
      const inv = this.waiting && this.take();
      if (!inv) return;
      const resolve = this.waiting!;
      this.waiting = undefined;
      // Not waiting anymore: the pipe must not keep a drained event loop alive.
      stream.unref();
      resolve(inv);
    });
    stream.on('end', () => process.exit(0));
    return stream;
  }

  private push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  /** Bytes still missing from the frame at the front, once its lengths have arrived. */
  private missing(): number {
    const length = this.frameLength();
    return length === undefined ? 0 : length - this.size;
  }

  private frameLength(): number | undefined {
    if (this.size < 8) return undefined;
    if (this.chunks[0]!.length < 8) this.chunks = [Buffer.concat(this.chunks, this.size)];
    const first = this.chunks[0]!;
    return 8 + first.readUInt32BE(0) + first.readUInt32BE(4);
  }

  private take(): NextInvocation | undefined {
    const length = this.frameLength();
    if (length === undefined || this.size < length) return undefined;
    const buf = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
    const frame = decodeEvent(buf);
    if (!frame) return undefined;
    const rest = buf.subarray(frame.length);
    this.chunks = rest.length ? [rest] : [];
    this.size = rest.length;
    const h = frame.header;
    return {
      requestId: h.requestId,
      deadlineMs: h.deadlineMs,
      invokedFunctionArn: h.functionArn,
      traceId: h.traceId,
      clientContext: h.clientContext,
      cognitoIdentity: h.cognitoIdentity,
      event: frame.payload,
    };
  }
}
