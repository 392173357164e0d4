import { afterEach, describe, expect, it, vi } from 'vitest';
import { HostClient, HostError } from '../../renderer/src/api/client.js';
import type { ConnectionState } from '../../renderer/src/api/transport.js';
import { WebSocketTransport, type SocketLike } from '../../renderer/src/api/ws-transport.js';

/** A socket the test drives by hand: open it, answer requests, drop it. */
class FakeSocket implements SocketLike {
  sent: Array<{ id: number; method: string; params: unknown }> = [];
  closed = false;
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.closed = true;
  }
  reply(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const transport = new WebSocketTransport({
    url: 'ws://127.0.0.1:1/api',
    createSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    minDelayMs: 100,
    maxDelayMs: 1000,
    random: () => 0.5,
  });
  const states: ConnectionState['kind'][] = [];
  transport.onState((s) => states.push(s.kind));
  return { transport, client: new HostClient(transport), sockets, states };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('WebSocketTransport and HostClient', () => {
  it('queues calls until the socket opens, then matches answers by request id', async () => {
    const { client, sockets } = setup();
    const recent = client.call('workspace.recent');
    const files = client.call('files.list', { logicalId: 'HelloFunction' });
    expect(sockets[0]!.sent).toEqual([]);
    sockets[0]!.onopen!();
    const [a, b] = sockets[0]!.sent;
    expect(a).toMatchObject({ method: 'workspace.recent', params: {} });
    expect(b).toMatchObject({ method: 'files.list', params: { logicalId: 'HelloFunction' } });
    expect(a!.id).not.toBe(b!.id);
    // Answers may come in any order.
    sockets[0]!.reply({ id: b!.id, result: [{ path: 'index.js', kind: 'file', size: 1 }] });
    sockets[0]!.reply({ id: a!.id, result: ['/w'] });
    await expect(recent).resolves.toEqual(['/w']);
    await expect(files).resolves.toEqual([{ path: 'index.js', kind: 'file', size: 1 }]);
  });

  it("surfaces the host's error shape as a HostError with code and fields", async () => {
    const { client, sockets } = setup();
    sockets[0]!.onopen!();
    const call = client.call('config.update', { logicalId: 'F', settings: { memorySizeMb: 1 } });
    sockets[0]!.reply({ id: sockets[0]!.sent[0]!.id, error: { code: 'ValidationError', message: 'bad', fields: { memorySizeMb: 'too small' } } });
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect(error).toMatchObject({ code: 'ValidationError', message: 'bad', fields: { memorySizeMb: 'too small' } });
  });

  it('delivers pushes to the listeners of their event only', () => {
    const { client, sockets } = setup();
    sockets[0]!.onopen!();
    const logs: string[] = [];
    const files: string[] = [];
    client.on('log', (e) => logs.push(e.line));
    const off = client.on('file', (e) => files.push(e.path));
    sockets[0]!.reply({ event: 'log', data: { logicalId: 'F', logStream: 's', line: 'hello', time: 1 } });
    sockets[0]!.reply({ event: 'file', data: { logicalId: 'F', path: 'index.js' } });
    off();
    sockets[0]!.reply({ event: 'file', data: { logicalId: 'F', path: 'other.js' } });
    expect(logs).toEqual(['hello']);
    expect(files).toEqual(['index.js']);
  });

  it('fails calls in flight when the socket drops, and reconnects with growing delays', async () => {
    vi.useFakeTimers();
    const { client, sockets, states } = setup();
    sockets[0]!.onopen!();
    const call = client.call('events.list');
    sockets[0]!.onclose!();
    await expect(call).rejects.toMatchObject({ code: 'ServiceError' });
    expect(states).toEqual(['connecting', 'open', 'retrying']);
    vi.advanceTimersByTime(99);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    // The handshake fails: the next wait doubles.
    sockets[1]!.onclose!();
    vi.advanceTimersByTime(199);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    sockets[2]!.onopen!();
    expect(states.at(-1)).toBe('open');
    expect(client.state).toEqual({ kind: 'open' });
  });

  it('says whether it ever connected, for "lost" versus "cannot reach"', () => {
    vi.useFakeTimers();
    const { transport, sockets } = setup();
    sockets[0]!.onclose!();
    expect(transport.state).toMatchObject({ kind: 'retrying', attempt: 1, everConnected: false });
    transport.retryNow();
    sockets[1]!.onopen!();
    sockets[1]!.onclose!();
    expect(transport.state).toMatchObject({ kind: 'retrying', attempt: 1, everConnected: true });
  });
});
