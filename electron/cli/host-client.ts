/**
 * A client of a running host (ARCHITECTURE.md "Where each capability lives"): the CLI's commands that act
 * on a running workspace find its host through <workspace>/.faaslab/host.json and call the host
 * API over its WebSocket, as the renderer does in browser mode.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { WebSocket } from 'ws';
import type { HostErrorShape, MethodName, Output, Push, Response } from '../../shared/api/contract.js';
import { hostFilePath, type HostFile } from '../servers/host-file.js';
import { API_PATH } from '../servers/host-server.js';
import { CliError } from './args.js';

/** A host method failed: the host's error code and message. */
export class HostCallError extends CliError {
  constructor(readonly shape: HostErrorShape) {
    super(shape.message);
  }
}

export interface HostClient {
  readonly info: HostFile;
  call<M extends MethodName>(method: M, params?: unknown): Promise<Output<M>>;
  /** Every event the host pushes; returns an unsubscribe function. */
  onPush(listener: (push: Push) => void): () => void;
  close(): Promise<void>;
}

/** How long to wait for the host to accept the connection. */
const CONNECT_TIMEOUT_MS = 10_000;

/** The host.json of a host serving the folder, if its process is alive. */
export function runningHost(workspaceDir: string): HostFile | undefined {
  const info = readHostFile(workspaceDir);
  return info && processAlive(info.pid) ? info : undefined;
}

/** Connects to the host serving the workspace (default: the current folder), through its host.json. */
export async function connectHost(workspace: string | undefined): Promise<HostClient> {
  const workspaceDir = path.resolve(workspace ?? process.cwd());
  const notRunning = new CliError(`no faaslab host is running for ${workspaceDir}: start one with faaslab serve`);
  const info = runningHost(workspaceDir);
  if (!info) throw notRunning;
  const ws = new WebSocket(`ws://127.0.0.1:${info.port}${API_PATH}?token=${encodeURIComponent(info.token)}`);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => (ws.terminate(), reject(new CliError(`the faaslab host for ${workspaceDir} (port ${info.port}) does not answer`))), CONNECT_TIMEOUT_MS);
    ws.once('open', () => (clearTimeout(timer), resolve()));
    ws.once('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      ws.terminate();
      // Another program took the port, or a host.json left by a host that was killed.
      reject(res.statusCode === 401 ? notRunning : new CliError(`the faaslab host for ${workspaceDir} refused the connection (HTTP ${res.statusCode})`));
    });
    ws.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(err.code === 'ECONNREFUSED' ? notRunning : new CliError(`cannot reach the faaslab host for ${workspaceDir}: ${err.message}`));
    });
  });

  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  const listeners = new Set<(push: Push) => void>();
  ws.on('message', (data) => {
    let message: Response | Push;
    try {
      message = JSON.parse(data.toString()) as Response | Push;
    } catch {
      return;
    }
    if ('event' in message) {
      for (const listener of listeners) listener(message);
      return;
    }
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if ('error' in message) call.reject(new HostCallError(message.error));
    else call.resolve(message.result);
  });
  ws.on('close', (code, reason) => {
    const why = new CliError(`the faaslab host closed the connection${reason.length ? `: ${reason.toString()}` : ` (${code})`}`);
    for (const call of pending.values()) call.reject(why);
    pending.clear();
  });
  ws.on('error', () => ws.terminate());

  return {
    info,
    call<M extends MethodName>(method: M, params: unknown = {}): Promise<Output<M>> {
      if (ws.readyState !== ws.OPEN) return Promise.reject(new CliError('the connection to the faaslab host is closed'));
      const id = nextId++;
      return new Promise<Output<M>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        ws.send(JSON.stringify({ id, method, params }));
      });
    },
    onPush(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (ws.readyState === ws.CLOSED) return Promise.resolve();
      return new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close(1000);
        setTimeout(() => (ws.terminate(), resolve()), 1000).unref();
      });
    },
  };
}

function readHostFile(workspaceDir: string): HostFile | undefined {
  try {
    const info = JSON.parse(readFileSync(hostFilePath(workspaceDir), 'utf8')) as Partial<HostFile>;
    if (typeof info.pid !== 'number' || typeof info.port !== 'number' || typeof info.token !== 'string') return undefined;
    return info as HostFile;
  } catch {
    return undefined;
  }
}

/** Signal 0 only checks: ESRCH is gone, EPERM is someone else's process (alive). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
