/**
 * A bucket's objects as S3 sees them: the files of its folder (what the watcher and the S3
 * triggers see), and for each object written through the endpoint a sidecar in the workspace's
 * state folder (.faaslab/s3/meta/<bucket>/, never in the bucket folder) with its Content-Type,
 * the other headers S3 keeps and its user metadata. A sidecar holds only while its file is the
 * one it describes (same size and modification time): a file replaced by hand has no metadata,
 * as a file S3 was given without any.
 *
 * A key ending in '/' with no bytes (what the S3 console's "Create folder" puts) is a folder of
 * the bucket folder with a sidecar: the sidecar makes it an object, so a folder left empty by
 * deletes or made by hand is no object, as a prefix without objects is none in S3.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, type Stats } from 'node:fs';
import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BucketFolder } from '../../triggers/storage/bucket-folder.js';
import type { ObjectWrite, StorageTriggers } from '../../triggers/storage/storage-triggers.js';
import { AwsError } from '../wire.js';

/** What S3 keeps of an object besides its bytes. Header names as S3 answers them. */
export interface ObjectMeta {
  /** content-type, content-encoding, cache-control, content-disposition, content-language, expires. */
  headers: Record<string, string>;
  /** x-amz-meta-* without the prefix, names lowercased as S3 stores them. */
  user: Record<string, string>;
  /** x-amz-checksum-<algorithm> the object was uploaded with (checksums.ts). */
  checksums?: Record<string, string>;
}

export interface StoredObject {
  key: string;
  size: number;
  lastModified: Date;
  /** Without quotes: the MD5 in hex, or a multipart upload's "md5-N". */
  eTag: string;
  meta: ObjectMeta;
}

interface Sidecar extends ObjectMeta {
  key: string;
  size: number;
  mtimeMs: number;
  eTag: string;
}

/** What S3 stores for an object put without a Content-Type. */
export const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

/** MD5s of files without a sidecar (dropped by hand), so a listing reads each file once. */
const md5Cache = new Map<string, { size: number; mtimeMs: number; eTag: string }>();
const MD5_CACHE_LIMIT = 10_000;

export class ObjectStore {
  private readonly metaDir: string;

  constructor(
    private readonly storage: StorageTriggers,
    readonly bucket: BucketFolder,
  ) {
    this.metaDir = path.join(storage.stateFolder, 's3', 'meta', bucket.bucketName);
  }

  get name(): string {
    return this.bucket.bucketName;
  }

  /** The object, or undefined when there is no such file. */
  async stat(key: string): Promise<StoredObject | undefined> {
    if (isFolderKey(key)) {
      const dir = this.fileOf(key.slice(0, -1));
      const st = dir ? statOf(dir) : undefined;
      const sidecar = st?.isDirectory() ? await this.sidecar(key) : undefined;
      return sidecar && { key, size: 0, lastModified: st!.mtime, eTag: EMPTY_MD5, meta: { headers: sidecar.headers, user: sidecar.user } };
    }
    const file = this.fileOf(key);
    const st = file ? statOf(file) : undefined;
    if (!file || !st?.isFile()) return undefined;
    const sidecar = await this.sidecar(key);
    const fresh = sidecar && sidecar.size === st.size && sidecar.mtimeMs === st.mtimeMs ? sidecar : undefined;
    return {
      key,
      size: st.size,
      lastModified: st.mtime,
      eTag: fresh?.eTag ?? (await fileMd5(file, st)),
      meta: fresh ? { headers: fresh.headers, user: fresh.user, ...(fresh.checksums ? { checksums: fresh.checksums } : {}) } : { headers: {}, user: {} },
    };
  }

  /** Bytes start..end (inclusive) of the object's file, or all of it. */
  async read(key: string, range?: { start: number; end: number }): Promise<Buffer> {
    if (isFolderKey(key)) return Buffer.alloc(0);
    const file = this.bucket.pathOf(key);
    if (!range) return readFile(file);
    const handle = await open(file, 'r');
    try {
      const out = Buffer.alloc(range.end - range.start + 1);
      const { bytesRead } = await handle.read(out, 0, out.length, range.start);
      return out.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  /** Writes the object (its file, then its sidecar) and raises its S3 event through the watcher. */
  async put(key: string, body: Buffer, meta: ObjectMeta, write?: ObjectWrite): Promise<StoredObject> {
    if (isFolderKey(key)) return this.putFolder(key, body, meta);
    const file = this.writableFileOf(key);
    const eTag = write?.eTag ?? createHash('md5').update(body).digest('hex');
    try {
      await this.storage.putObject(this.bucket, key, body, write);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST') {
        throw new AwsError(
          'InvalidArgument',
          `faaslab keeps the objects of ${this.name} as files of its folder, where ${JSON.stringify(key)} cannot be a file: a key and a key under it as a folder (a and a/b) cannot both exist`,
          400,
          { ArgumentName: 'key', ArgumentValue: key },
        );
      }
      throw err;
    }
    const st = statSync(file);
    await this.writeSidecar({ key, size: st.size, mtimeMs: st.mtimeMs, eTag, ...meta });
    return { key, size: st.size, lastModified: st.mtime, eTag, meta };
  }

  private async writeSidecar(sidecar: Sidecar): Promise<void> {
    mkdirSync(this.metaDir, { recursive: true });
    const target = this.sidecarPath(sidecar.key);
    const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    await writeFile(tmp, JSON.stringify(sidecar));
    await rename(tmp, target);
  }

  async delete(key: string): Promise<void> {
    if (isFolderKey(key)) {
      const dir = this.fileOf(key.slice(0, -1));
      await rm(this.sidecarPath(key), { force: true });
      // The folder itself only while empty: the objects under it are not this key's.
      if (dir && isEmptyDir(dir)) await rm(dir, { recursive: true });
      return;
    }
    if (!this.fileOf(key)) return;
    await this.storage.deleteObject(this.bucket, key);
    await rm(this.sidecarPath(key), { force: true });
  }

  /** Keys starting with `prefix`, in S3's order (by their UTF-8 bytes). Only the folders the prefix can be under are walked. */
  keys(prefix: string): string[] {
    const base = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const out: string[] = [];
    const visit = (rel: string) => {
      let entries;
      try {
        entries = readdirSync(rel ? path.join(this.bucket.folder, ...rel.split('/')) : this.bucket.folder, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const key = rel ? `${rel}/${e.name}` : e.name;
        // Links are followed, as the bucket folder's watcher follows them.
        const kind = e.isSymbolicLink() ? statOf(path.join(this.bucket.folder, ...key.split('/'))) : e;
        if (kind?.isDirectory()) {
          if (prefix.startsWith(`${key}/`) || key.startsWith(prefix)) visit(key);
          if (`${key}/`.startsWith(prefix) && existsSync(this.sidecarPath(`${key}/`))) out.push(`${key}/`);
        } else if (kind?.isFile()) {
          if (key.startsWith(prefix)) out.push(key);
        }
      }
    };
    visit(base);
    return out.sort(compareKeys);
  }

  private async putFolder(key: string, body: Buffer, meta: ObjectMeta): Promise<StoredObject> {
    if (body.length > 0) {
      throw new AwsError('InvalidArgument', `faaslab keeps the objects of ${this.name} as files of its folder: a key ending in '/' can only be an empty folder, not hold ${body.length} bytes`, 400, {
        ArgumentName: 'key',
        ArgumentValue: key,
      });
    }
    const dir = this.writableFileOf(key.slice(0, -1));
    try {
      mkdirSync(dir, { recursive: true });
    } catch {
      throw new AwsError('InvalidArgument', `faaslab keeps the objects of ${this.name} as files of its folder, where ${JSON.stringify(key)} cannot be a folder`, 400, {
        ArgumentName: 'key',
        ArgumentValue: key,
      });
    }
    const st = statSync(dir);
    await this.writeSidecar({ key, size: 0, mtimeMs: st.mtimeMs, eTag: EMPTY_MD5, ...meta });
    return { key, size: 0, lastModified: st.mtime, eTag: EMPTY_MD5, meta };
  }

  /** The file of a key; an empty segment (a//b) has none, as a file system would fold it into another key's. */
  private fileOf(key: string): string | undefined {
    if (key.split('/').includes('')) return undefined;
    try {
      return this.bucket.pathOf(key);
    } catch {
      return undefined;
    }
  }

  private writableFileOf(key: string): string {
    if (key.split('/').includes('')) {
      throw new AwsError('InvalidArgument', `faaslab keeps the objects of ${this.name} as files of its folder, where a key cannot have an empty segment (//, or a leading /)`, 400, {
        ArgumentName: 'key',
        ArgumentValue: key,
      });
    }
    try {
      return this.bucket.pathOf(key);
    } catch (err) {
      throw new AwsError('InvalidArgument', `faaslab keeps the objects of ${this.name} as files of its folder: ${(err as Error).message}`, 400, { ArgumentName: 'key', ArgumentValue: key });
    }
  }

  private sidecarPath(key: string): string {
    return path.join(this.metaDir, `${createHash('sha256').update(key).digest('hex')}.json`);
  }

  private async sidecar(key: string): Promise<Sidecar | undefined> {
    try {
      const s = JSON.parse(await readFile(this.sidecarPath(key), 'utf8')) as Sidecar;
      return s.key === key ? s : undefined;
    } catch {
      return undefined;
    }
  }
}

const EMPTY_MD5 = createHash('md5').digest('hex');

function isFolderKey(key: string): boolean {
  return key.endsWith('/') && key.length > 1;
}

function isEmptyDir(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch {
    return false;
  }
}

/** S3 orders keys by their UTF-8 bytes (JavaScript's < compares UTF-16 units, which differs past U+FFFF). */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

async function fileMd5(file: string, st: Stats): Promise<string> {
  const cached = md5Cache.get(file);
  if (cached && cached.size === st.size && cached.mtimeMs === st.mtimeMs) return cached.eTag;
  const eTag = createHash('md5')
    .update(await readFile(file))
    .digest('hex');
  if (md5Cache.size >= MD5_CACHE_LIMIT) md5Cache.clear();
  md5Cache.set(file, { size: st.size, mtimeMs: st.mtimeMs, eTag });
  return eTag;
}

function statOf(p: string): Stats | undefined {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}
