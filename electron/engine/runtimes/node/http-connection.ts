import net from 'node:net';

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

interface Pending {
  head: Buffer;
  resolve(res: HttpResponse): void;
  reject(err: Error): void;
}

const CRLF2 = Buffer.from('\r\n\r\n');

/**
 * A minimal HTTP/1.1 client on one keep-alive socket, for the Runtime API only. Node's
 * http.request costs more than the rest of a warm invocation together; Lambda's own Node.js
 * runtime uses a native client for the same reason. It speaks just what the Runtime API needs:
 * one request at a time, bodies with Content-Length. The socket is unref'd while idle, so it
 * never keeps a drained event loop alive (callbackWaitsForEmptyEventLoop depends on that).
 */
export class HttpConnection {
  private socket: net.Socket | undefined;
  private readonly queue: Pending[] = [];
  private current: Pending | undefined;
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
      this.queue.push({ head: bytes, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.current || !this.queue.length) return;
    this.current = this.queue.shift()!;
    const socket = this.connect();
    socket.ref();
    socket.write(this.current.head);
  }

  private connect(): net.Socket {
    if (this.socket && !this.socket.destroyed) return this.socket;
    const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    const fail = (err?: Error) => {
      if (this.socket === socket) this.socket = undefined;
      this.buffer = Buffer.alloc(0);
      const current = this.current;
      this.current = undefined;
      current?.reject(err ?? new Error('Runtime API connection closed'));
      this.pump();
    };
    socket.on('error', fail);
    socket.on('close', () => fail());
    this.socket = socket;
    return socket;
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const end = this.buffer.indexOf(CRLF2);
    if (end < 0) return;
    const lines = this.buffer.toString('latin1', 0, end).split('\r\n');
    const status = Number(lines[0]!.split(' ')[1]);
    const headers: Record<string, string> = {};
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    const total = end + 4 + length;
    if (this.buffer.length < total) return;
    const body = Buffer.from(this.buffer.subarray(end + 4, total));
    this.buffer = this.buffer.subarray(total);
    const current = this.current!;
    this.current = undefined;
    if (!this.queue.length) this.socket?.unref();
    current.resolve({ status, headers, body });
    this.pump();
  }
}
