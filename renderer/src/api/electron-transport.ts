import type { MethodName, Push } from '../../../shared/api/contract.js';
import type { ConnectionState, Transport } from './transport.js';

/** What electron/preload.ts exposes with contextBridge: exactly the contract, no raw ipcRenderer. */
export interface FaaslabBridge {
  call(method: string, params: unknown): Promise<unknown>;
  onPush(listener: (push: Push) => void): () => void;
  pickFolder(): Promise<string | undefined>;
}

declare global {
  interface Window {
    faaslab?: FaaslabBridge;
  }
}

/** IPC to the main process: always connected while the window lives. */
export class ElectronTransport implements Transport {
  readonly name = 'electron';
  readonly state: ConnectionState = { kind: 'open' };

  constructor(private readonly bridge: FaaslabBridge) {}

  request(method: MethodName, params: unknown): Promise<unknown> {
    return this.bridge.call(method, params);
  }

  onPush(listener: (push: Push) => void): () => void {
    return this.bridge.onPush(listener);
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    listener(this.state);
    return () => {};
  }

  retryNow(): void {}
}
