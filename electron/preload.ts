/**
 * The page's only way to the host: exactly the contract (ARCHITECTURE.md "The top-level layers"), never
 * ipcRenderer itself, so a compromised page cannot reach any other channel. Sandboxed, so this
 * is CommonJS and bundled; the method names come from the main process (window-options.ts),
 * because the contract's zod schemas are too big to load into every page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { HostErrorShape, Push } from '../shared/api/contract.js';
import { METHODS_ARGUMENT } from './window-options.js';

/** What the main process answers on 'faaslab:call': never a thrown error, which IPC would mangle. */
type CallAnswer = { result: unknown } | { error: HostErrorShape };

const known = new Set((process.argv.find((arg) => arg.startsWith(METHODS_ARGUMENT)) ?? METHODS_ARGUMENT).slice(METHODS_ARGUMENT.length).split(',').filter(Boolean));

contextBridge.exposeInMainWorld('faaslab', {
  /** Resolves with the method's result; rejects with the contract's error shape, as over the WebSocket. */
  async call(method: string, params: unknown): Promise<unknown> {
    if (typeof method !== 'string' || !known.has(method)) {
      throw { code: 'ValidationError', message: `unknown method '${String(method)}'` } satisfies HostErrorShape;
    }
    const answer = (await ipcRenderer.invoke('faaslab:call', method, params)) as CallAnswer;
    if ('error' in answer) throw answer.error;
    return answer.result;
  },
  onPush(listener: (push: Push) => void): () => void {
    // A wrapper, so the page never receives the IpcRendererEvent (it carries `sender`).
    const forward = (_event: IpcRendererEvent, push: Push) => listener(push);
    ipcRenderer.on('faaslab:push', forward);
    return () => void ipcRenderer.removeListener('faaslab:push', forward);
  },
  pickFolder(): Promise<string | undefined> {
    return ipcRenderer.invoke('faaslab:pickFolder') as Promise<string | undefined>;
  },
});
