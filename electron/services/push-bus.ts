/**
 * The host's event stream: every push (a log line, a finished invocation, trigger activity, a
 * changed workspace) goes to every subscriber, the renderer's windows and clients among them.
 */
import type { Push } from './host-types.js';

export class PushBus {
  private readonly listeners = new Set<(p: Push) => void>();

  publish(p: Push): void {
    for (const listener of this.listeners) {
      try {
        listener(p);
      } catch {
        // One broken subscriber (a closed socket) must not keep the others from their events.
      }
    }
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: (p: Push) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  has(listener: (p: Push) => void): boolean {
    return this.listeners.has(listener);
  }

  /** Drops every subscriber (the host closed). */
  clear(): void {
    this.listeners.clear();
  }
}
