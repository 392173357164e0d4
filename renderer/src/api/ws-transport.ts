import type { MethodName, Push, Request, Response } from '../../../shared/api/contract.js';
import type { ConnectionState, Transport } from './transport.js';

/** The part of the DOM WebSocket this transport uses, so tests can hand it a fake. */
export interface SocketLike {
  send(data: string): void;
  close(): void;
  onopen: (() => void) | null;
  onclose: (() => void) | null;
  onerror: (() => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

export interface WebSocketTransportOptions {
  url: string;
  createSocket: (url: string) => SocketLike;
  /** Backoff bounds for reconnecting, in ms. */
  minDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Browser mode: the host API over one WebSocket on the page's own origin (the HttpOnly cookie
 * the host set when the page loaded authenticates it). Calls made while the socket is down wait
 * for it; calls in flight when it drops fail, since the host may or may not have run them.
 */
export class WebSocketTransport implements Transport {
  readonly name = 'websocket';
  private socket: SocketLike | undefined;
  private nextId = 1;
  private attempt = 0;
  private everConnected = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly inFlight = new Map<number, Pending>();
  private readonly queue: Array<{ request: Request } & Pending> = [];
  private readonly pushListeners = new Set<(push: Push) => void>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private current: ConnectionState = { kind: 'connecting' };

  constructor(private readonly options: WebSocketTransportOptions) {
    this.connect();
  }

  get state(): ConnectionState {
    return this.current;
  }

  request(method: MethodName, params: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const request: Request = { id: this.nextId++, method, params };
      if (this.current.kind === 'open' && this.socket) this.send(request, { resolve, reject });
      else this.queue.push({ request, resolve, reject });
    });
  }

  onPush(listener: (push: Push) => void): () => void {
    this.pushListeners.add(listener);
    return () => this.pushListeners.delete(listener);
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.current);
    return () => this.stateListeners.delete(listener);
  }

  retryNow(): void {
    if (this.current.kind !== 'retrying') return;
    clearTimeout(this.timer);
    this.connect();
  }

  private connect(): void {
    this.timer = undefined;
    let socket: SocketLike;
    try {
      socket = this.options.createSocket(this.options.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.everConnected = true;
      this.setState({ kind: 'open' });
      for (const item of this.queue.splice(0)) this.send(item.request, item);
    };
    socket.onmessage = (event) => {
      if (this.socket === socket) this.receive(event.data);
    };
    // A failed handshake fires error then close; handle the close only.
    socket.onerror = () => {};
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      for (const [id, pending] of this.inFlight) {
        this.inFlight.delete(id);
        pending.reject({ code: 'ServiceError', message: 'The connection to the faaslab host was lost before it answered' });
      }
      this.scheduleRetry();
    };
  }

  private scheduleRetry(): void {
    const { minDelayMs = 250, maxDelayMs = 5000, random = Math.random } = this.options;
    const delay = Math.min(maxDelayMs, minDelayMs * 2 ** this.attempt) * (0.8 + 0.4 * random());
    this.attempt++;
    this.setState({ kind: 'retrying', attempt: this.attempt, retryAt: Date.now() + delay, everConnected: this.everConnected });
    this.timer = setTimeout(() => this.connect(), delay);
  }

  private send(request: Request, pending: Pending): void {
    this.inFlight.set(request.id, pending);
    try {
      this.socket!.send(JSON.stringify(request));
    } catch (error) {
      this.inFlight.delete(request.id);
      pending.reject({ code: 'ServiceError', message: `Could not send to the faaslab host: ${String(error)}` });
    }
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: Partial<Response & Push>;
    try {
      message = JSON.parse(data) as Partial<Response & Push>;
    } catch {
      console.warn('faaslab: ignoring a message that is not JSON');
      return;
    }
    if (typeof message.id === 'number') {
      const pending = this.inFlight.get(message.id);
      if (!pending) return;
      this.inFlight.delete(message.id);
      if ('error' in message && message.error) pending.reject(message.error);
      else pending.resolve((message as { result?: unknown }).result);
      return;
    }
    if (typeof message.event === 'string') {
      const push = { event: message.event, data: message.data } as Push;
      for (const listener of this.pushListeners) listener(push);
    }
  }

  private setState(state: ConnectionState): void {
    this.current = state;
    for (const listener of this.stateListeners) listener(state);
  }
}
