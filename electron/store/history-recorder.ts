/**
 * The host's side of the invocation history: one InvocationStore per open workspace, fed with
 * every finished invocation before the host pushes it to anyone (create-host.ts), with the
 * trigger that started it (the invocation's source), and stamped with the code version (sha256
 * of the function's code folder), recomputed after the file watcher's 'file' push.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EventData } from '../../shared/api/contract.js';
import type { FunctionConfig } from '../../shared/domain/function-config.js';
import { InvocationStore, type StoredInvocation, type TriggerRef } from './invocation-store.js';

export class HistoryRecorder {
  private current: InvocationStore | undefined;
  private readonly versions = new Map<string, string>();

  /** Switches to the workspace's store (workspace.open). */
  open(workspaceDir: string): void {
    this.current?.close();
    this.versions.clear();
    this.current = InvocationStore.openWorkspace(workspaceDir);
  }

  get store(): InvocationStore {
    if (!this.current) throw new Error('no workspace history is open');
    return this.current;
  }

  /** Synchronous: when it returns, the record is in the kernel's hands. */
  record(rec: EventData<'invocation'>, event: Buffer | undefined, fn: FunctionConfig | undefined, source: string | TriggerRef | undefined): void {
    if (!this.current) return;
    const stored: StoredInvocation = { ...rec, architecture: fn?.architecture ?? 'x86_64' };
    if (event) stored.event = event.toString('utf8');
    if (fn) {
      const v = this.codeVersion(fn.codeDir);
      if (v) stored.codeVersion = v;
    }
    if (source) stored.trigger = typeof source === 'string' ? { kind: source } : source;
    this.current.append(stored);
  }

  /** The watcher saw a change in a code folder: hash it again next time. */
  codeChanged(): void {
    this.versions.clear();
  }

  private codeVersion(codeDir: string): string | undefined {
    let v = this.versions.get(codeDir);
    if (v === undefined) {
      v = hashTree(codeDir);
      this.versions.set(codeDir, v);
    }
    return v || undefined;
  }

  close(): void {
    this.current?.close();
    this.current = undefined;
  }
}

const SKIP = new Set(['node_modules', '.git', '.faaslab']);

/** sha256 over the relative paths and contents of the folder's files, in sorted order; '' when unreadable. */
export function hashTree(dir: string): string {
  const h = createHash('sha256');
  const walk = (rel: string) => {
    let entries;
    try {
      entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP.has(e.name)) walk(r);
      } else if (e.isFile()) {
        h.update(`${r}\u0000`);
        try {
          h.update(readFileSync(path.join(dir, r)));
        } catch {
          // vanished meanwhile
        }
        h.update('\u0000');
      }
    }
  };
  walk('');
  return `sha256:${h.digest('hex')}`;
}
