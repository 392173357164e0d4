import type { HostErrorShape, MethodName, Push } from '../../../shared/api/contract.js';

/**
 * How the renderer reaches the host. Both implementations carry the contract's wire protocol
 * (shared/api/contract.ts: Request, Response, Push); the typed client sits on top.
 */
export type ConnectionState =
  /** First attempt, nothing answered yet. */
  | { kind: 'connecting' }
  | { kind: 'open' }
  /** Lost or never reached; the next attempt is at `retryAt` (ms since epoch). */
  | { kind: 'retrying'; attempt: number; retryAt: number; everConnected: boolean };

export interface Transport {
  readonly name: 'electron' | 'websocket';
  /** Resolves with the method's result; rejects with a HostErrorShape. */
  request(method: MethodName, params: unknown): Promise<unknown>;
  onPush(listener: (push: Push) => void): () => void;
  onState(listener: (state: ConnectionState) => void): () => void;
  readonly state: ConnectionState;
  /** Skips the backoff wait and tries to connect now. */
  retryNow(): void;
}

export function isHostErrorShape(value: unknown): value is HostErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string' && ['ValidationError', 'NotFound', 'Conflict', 'ServiceError'].includes(v.code);
}

/** Whatever a transport or the host threw, as the contract's error shape. */
export function toHostErrorShape(error: unknown): HostErrorShape {
  if (isHostErrorShape(error)) return error;
  if (error instanceof Error) {
    // Electron's ipcRenderer.invoke wraps a rejection as "Error invoking remote method 'x': <message>";
    // a preload that forwards the host's shape as JSON in the message is unwrapped here.
    const json = /\{.*\}\s*$/s.exec(error.message)?.[0];
    if (json) {
      try {
        const parsed: unknown = JSON.parse(json);
        if (isHostErrorShape(parsed)) return parsed;
        if (typeof parsed === 'object' && parsed && isHostErrorShape((parsed as { error?: unknown }).error)) return (parsed as { error: HostErrorShape }).error;
      } catch {
        // not JSON: fall through
      }
    }
    return { code: 'ServiceError', message: error.message.replace(/^Error invoking remote method '[^']+': (Error: )?/, '') };
  }
  return { code: 'ServiceError', message: String(error) };
}
