import net from 'node:net';

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

interface Pending {
  resolve(res: HttpResponse): void;
  reject(err: Error): void;
}

const CRLF2 = Buffer.from('\r\n\r\n');

/**
 * A minimal HTTP/1.1 client on one keep-alive socket, for the Runtime API only. Node's
 * http.request costs more than the rest of a warm invocation together; Lambda's own Node.js
 * runtime uses a native client for the same reason. It speaks just what the Runtime API needs:
 * bodies with Content-Length, answers in the order asked. The socket is unref'd while no answer
 * is awaited, so it never keeps a drained event loop alive (callbackWaitsForEmptyEventLoop
 * depends on that).
 */
export class HttpConnection {
  private socket: net.Socket | undefined;
  /** Written, answer not yet read; answers come back in this order. */
  private readonly inflight: Pending[] = [];
  private buffer: Buffer = Buffer.alloc(0);

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  request(method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<HttpResponse> {
    const payload = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
    let head = `${method} ${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\n`;
    for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
    head += `Content-Length: ${payload?.length ?? 0}\r\n\r\n`;
    const bytes = payload ? Buffer.concat([Buffer.from(head, 'latin1'), payload]) : Buffer.from(head, 'latin1');
    return new Promise((resolve, reject) => {
      const socket = this.connect();
      socket.ref();
      this.inflight.push({ resolve, reject });
      socket.write(bytes);
    });
  }

  private connect(): net.Socket {
    if (this.socket && !this.socket.destroyed) return this.socket;
    const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    const fail = (err?: Error) => {
      if (this.socket === socket) this.socket = undefined;
      this.buffer = Buffer.alloc(0);
      for (const p of this.inflight.splice(0)) p.reject(err ?? new Error('Runtime API connection closed'));
    };
    socket.on('error', fail);
    socket.on('close', () => fail());
    this.socket = socket;
    return socket;
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const res = this.takeResponse();
      if (!res) return;
      const pending = this.inflight.shift();
      if (!this.inflight.length) this.socket?.unref();
      pending?.resolve(res);
    }
  }

  /** One whole response from the front of the buffer, or undefined while it is incomplete. */
  private takeResponse(): HttpResponse | undefined {
    const end = this.buffer.indexOf(CRLF2);
    if (end < 0) return undefined;
    const lines = this.buffer.toString('latin1', 0, end).split('\r\n');
    const status = Number(lines[0]!.split(' ')[1]);
    const headers: Record<string, string> = {};
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const total = end + 4 + Number(headers['content-length'] ?? 0);
    if (this.buffer.length < total) return undefined;
    const body = Buffer.from(this.buffer.subarray(end + 4, total));
    this.buffer = this.buffer.subarray(total);
    return { status, headers, body };
  }
}
