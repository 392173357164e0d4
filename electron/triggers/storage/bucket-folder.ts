/**
 * A bucket bound to a local folder (<workspace>/.faaslab/buckets/<BucketName>/): every file is
 * an object whose key is its path with '/' separators. The folder is watched (base/file-watch.ts's
 * watchTree: natively recursive on macOS and Windows, folder by folder on Linux) and reconciled
 * with an index of the objects it knows:
 * - changes are debounced per path (DEBOUNCE_MS), and a file is reported only once its size and
 *   modification time stayed the same across one more DEBOUNCE_MS, so a file still being
 *   written is not reported half-written;
 * - a new file, or one whose modification time or size changed, is ObjectCreated:Put (with the
 *   MD5 of its content as eTag); a file that is gone is ObjectRemoved:Delete; a folder that
 *   appears or disappears is scanned, so moving a whole folder in or out reports each object.
 * Files present when the bucket opens are indexed silently.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BucketDefinition } from '../../../shared/domain/storage.js';
import { watchTree, type Closable } from '../../base/file-watch.js';

export const DEBOUNCE_MS = 100;

export interface ObjectEntry {
  key: string;
  size: number;
  mtimeMs: number;
  eTag?: string;
}

/** How an object came to be: a dropped or uploaded file is a Put; the local S3 endpoint's copies and multipart uploads name themselves. */
export type ObjectCreatedName = 'ObjectCreated:Put' | 'ObjectCreated:Copy' | 'ObjectCreated:CompleteMultipartUpload';

export interface ObjectChange {
  eventName: ObjectCreatedName | 'ObjectRemoved:Delete';
  key: string;
  size?: number;
  eTag?: string;
}

export class BucketFolder {
  private readonly index = new Map<string, ObjectEntry>();
  private readonly pending = new Map<string, { timer: NodeJS.Timeout; last?: string }>();
  private watcher: Closable | undefined;
  private closed = false;

  constructor(
    readonly def: BucketDefinition,
    readonly folder: string,
    private readonly onChange: (change: ObjectChange) => void,
  ) {
    mkdirSync(folder, { recursive: true });
    for (const entry of this.walk('')) this.index.set(entry.key, entry);
    this.watcher = watchTree(folder, (rel) => this.touch(rel));
  }

  get bucketName(): string {
    return this.def.bucketName;
  }

  get objectCount(): number {
    return this.index.size;
  }

  objects(): ObjectEntry[] {
    return [...this.index.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** The file of a key, refusing keys that would leave the folder. */
  pathOf(key: string): string {
    const parts = key.split('/');
    if (!key || key.startsWith('/') || parts.some((p) => p === '..' || p === '.') || key.includes('\\') || key.includes('\0')) {
      throw new Error(`the key ${JSON.stringify(key)} cannot be a file in the bucket folder (no leading '/', '.' or '..' segments, no backslashes)`);
    }
    return path.join(this.folder, ...parts);
  }

  close(): void {
    this.closed = true;
    this.watcher?.close();
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
  }

  /** A path changed: settle it, then reconcile. */
  private touch(rel: string): void {
    if (this.closed) return;
    const p = this.pending.get(rel);
    if (p) clearTimeout(p.timer);
    this.pending.set(rel, { timer: setTimeout(() => void this.settle(rel), DEBOUNCE_MS), last: p?.last });
  }

  private async settle(rel: string): Promise<void> {
    if (this.closed) return;
    const p = this.pending.get(rel);
    if (!p) return;
    const st = statOf(path.join(this.folder, rel));
    const signature = st ? `${st.isDirectory() ? 'd' : 'f'}:${st.size}:${st.mtimeMs}` : 'gone';
    if (st?.isFile() && signature !== p.last) {
      // Still changing (or first look): look again after another quiet period.
      p.last = signature;
      p.timer = setTimeout(() => void this.settle(rel), DEBOUNCE_MS);
      return;
    }
    this.pending.delete(rel);
    await this.reconcile(rel, st);
  }

  private async reconcile(rel: string, st: Stats | undefined): Promise<void> {
    const key = rel.split(path.sep).join('/');
    if (!st || !st.isDirectory()) {
      // Everything known at or under this path that is gone now.
      for (const known of [...this.index.keys()]) {
        if ((known === key || known.startsWith(`${key}/`)) && !(known === key && st?.isFile())) {
          if (!statOf(path.join(this.folder, known))?.isFile()) this.removed(known);
        }
      }
      if (st?.isFile()) await this.created({ key, size: st.size, mtimeMs: st.mtimeMs });
      return;
    }
    // A folder: new or changed files under it, and known objects under it that are gone.
    const present = new Map(this.walk(key).map((e) => [e.key, e]));
    for (const known of [...this.index.keys()]) if (known.startsWith(`${key}/`) && !present.has(known)) this.removed(known);
    for (const entry of present.values()) {
      const old = this.index.get(entry.key);
      if (!old || old.mtimeMs !== entry.mtimeMs || old.size !== entry.size) this.touch(entry.key);
    }
  }

  private async created(entry: ObjectEntry): Promise<void> {
    const old = this.index.get(entry.key);
    if (old && old.mtimeMs === entry.mtimeMs && old.size === entry.size) return; // read, chmod: not a write
    let content: Buffer;
    try {
      content = await readFile(path.join(this.folder, entry.key));
    } catch {
      return; // gone again meanwhile: its own event follows
    }
    if (this.closed) return;
    const eTag = createHash('md5').update(content).digest('hex');
    this.index.set(entry.key, { ...entry, size: content.length, eTag });
    this.onChange({ eventName: 'ObjectCreated:Put', key: entry.key, size: content.length, eTag });
  }

  private removed(key: string): void {
    this.index.delete(key);
    this.onChange({ eventName: 'ObjectRemoved:Delete', key });
  }

  /** Files under a folder of the bucket ('' for all), as objects. */
  private walk(prefix: string): ObjectEntry[] {
    const out: ObjectEntry[] = [];
    const visit = (rel: string) => {
      let names: string[];
      try {
        names = readdirSync(path.join(this.folder, rel));
      } catch {
        return;
      }
      for (const name of names) {
        const childRel = rel ? `${rel}/${name}` : name;
        const st = statOf(path.join(this.folder, childRel));
        if (st?.isDirectory()) visit(childRel);
        else if (st?.isFile()) out.push({ key: childRel, size: st.size, mtimeMs: st.mtimeMs });
      }
    };
    visit(prefix);
    return out;
  }
}

function statOf(p: string): Stats | undefined {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}
