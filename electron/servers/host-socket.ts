/**
 * The host API over a WebSocket (browser mode): shared/api/contract.ts's wire protocol. The
 * client sends {id, method, params}; each gets {id, result} or {id, error}; every event the host
 * delivers is pushed as {event, data}.
 */
import type { WebSocket } from 'ws';
import { methods, type HostErrorShape, type MethodName, type Request, type Response } from '../../shared/api/contract.js';
import { HostError, type Host } from '../services/host-types.js';

/** 1003: "received data it cannot accept". The client is broken, not merely wrong. */
export const MALFORMED_CLOSE_CODE = 1003;
/**
 * A page that stops reading (a frozen tab) while functions log would make the host buffer
 * without bound; past this it is cut off and reconnects.
 */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

export function serveHostSocket(ws: WebSocket, host: Host): void {
  const unsubscribe = host.subscribe((push) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return void ws.close(1013, 'the client reads too slowly');
    ws.send(JSON.stringify(push));
  });
  ws.on('close', unsubscribe);
  ws.on('error', () => ws.terminate());
  ws.on('message', (data, isBinary) => {
    const request = isBinary ? undefined : parseRequest(data.toString());
    if (!request) return void ws.close(MALFORMED_CLOSE_CODE, 'expected a JSON request {id, method, params}');
    void answer(host, request).then((response) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(response));
    });
  });
}

/** A request with a numeric id, or undefined for anything that cannot be answered. */
function parseRequest(text: string): Request | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || typeof (value as { id?: unknown }).id !== 'number') return undefined;
  return value as Request;
}

async function answer(host: Host, { id, method, params }: Request): Promise<Response> {
  // Own properties only: 'toString' or '__proto__' are not methods of the contract.
  if (typeof method !== 'string' || !Object.hasOwn(methods, method)) {
    return { id, error: { code: 'ValidationError', message: `unknown method '${String(method)}'` } };
  }
  try {
    return { id, result: await host.call(method as MethodName, params ?? {}) };
  } catch (err) {
    return { id, error: toErrorShape(err) };
  }
}

export function toErrorShape(err: unknown): HostErrorShape {
  if (err instanceof HostError) return err.toShape();
  return { code: 'ServiceError', message: err instanceof Error ? err.message : String(err) };
}
