import { readSync } from 'node:fs';
import net from 'node:net';
import { decodeEvent, EVENT_FD } from '../../runtime-protocol.js';
import type { NextInvocation } from './runtime-client.js';

/**
 * The events the host sends on fd 4 after the first (runtime-protocol.ts). Read by blocking the
 * thread while the environment is frozen, or as a stream when the host does not freeze it.
 */
export class EventPipe {
  private buffer: Buffer = Buffer.alloc(0);
  private stream: net.Socket | undefined;
  private waiting: ((inv: NextInvocation) => void) | undefined;

  /** Blocks until the next event has arrived; no timer, callback or promise runs meanwhile. */
  nextBlocking(): NextInvocation {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    for (;;) {
      const inv = this.take();
      if (inv) return inv;
      const n = readSync(EVENT_FD, chunk, 0, chunk.length, null);
      if (n === 0) process.exit(0); // the host closed the pipe: it is gone
      this.buffer = Buffer.concat([this.buffer, chunk.subarray(0, n)]);
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
      this.buffer = Buffer.concat([this.buffer, chunk]);
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

  private take(): NextInvocation | undefined {
    const frame = decodeEvent(this.buffer);
    if (!frame) return undefined;
    this.buffer = this.buffer.subarray(frame.length);
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
