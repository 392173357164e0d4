import { HostClient } from './client.js';
import { ElectronTransport } from './electron-transport.js';
import type { Transport } from './transport.js';
import { WebSocketTransport, type SocketLike } from './ws-transport.js';

export { HostClient, HostError, errorFields, errorMessage } from './client.js';
export type { ConnectionState } from './transport.js';

/** Electron's preload bridge when it is there; otherwise the host's WebSocket on this origin. */
function pickTransport(): Transport {
  if (window.faaslab) return new ElectronTransport(window.faaslab);
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return new WebSocketTransport({ url: `${scheme}://${location.host}/api`, createSocket: (url) => new WebSocket(url) as unknown as SocketLike });
}

export const client = new HostClient(pickTransport());

/** The native folder picker, where there is one (Electron); browser mode asks for a path instead. */
export function nativeFolderPicker(): (() => Promise<string | undefined>) | undefined {
  const bridge = window.faaslab;
  return bridge ? () => bridge.pickFolder() : undefined;
}
