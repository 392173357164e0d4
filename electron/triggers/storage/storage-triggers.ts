/**
 * The buckets and tables of one open workspace, and the triggers they fire: S3 notifications
 * (asynchronous invocations, one record each) and DynamoDB stream mappings (pollers invoking
 * synchronously, stream-poller.ts). The trigger manager hands it every template it loads;
 * buckets, tables and pollers whose definition did not change are kept as they are (a poller
 * keeps its position, a table its items and stream).
 */
import { mkdirSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { BucketInfo, TableInfo } from '../../../shared/api/storage-schemas.js';
import type { StorageLoad } from '../../../shared/domain/storage.js';
import type { DynamoDbTrigger, S3Trigger, TriggerActivity } from '../../../shared/domain/triggers.js';
import type { InvocationRecord } from '../../../shared/domain/invocation.js';
import { Debouncer } from '../../base/debouncer.js';
import type { Engine } from '../../engine/engine.js';
import { runOnce, type EventInvoker } from '../event-invoker.js';
import { triggerActivity, triggerRef, type TriggerSource } from '../trigger-source.js';
import { BucketFolder, type ObjectChange, type ObjectCreatedName } from './bucket-folder.js';
import { LocalTable, type StreamRecord, type TableWrite } from './local-table.js';
import { s3Event, s3Matches, Sequencer } from './s3-events.js';
import { StreamPoller } from './stream-poller.js';
import type { Item } from './dynamodb-json.js';

export interface StorageTriggersOptions {
  engine: Engine;
  onActivity(activity: TriggerActivity): void;
  /** The tables changed (items written or deleted, tables added): debounced. */
  onTables?(tables: TableInfo[]): void;
  log(line: string): void;
  /** Objects of buckets changed (debounced): the buckets, and the names of those that changed. */
  onBuckets?(buckets: BucketInfo[], changed: string[]): void;
  /** The session's async invocation queue, which runs S3 notifications; without one each runs once. */
  async?: EventInvoker;
}

export const STATE_DIR = '.faaslab';

/** What an S3 event reports of a write made through the local endpoint. */
export interface ObjectWrite {
  eventName: ObjectCreatedName;
  /** The ETag S3 reports when it is not the content's MD5 (a multipart upload's). */
  eTag?: string;
}
const TABLES_PUSH_MS = 100;

export class StorageTriggers {
  private readonly buckets = new Map<string, { folder: BucketFolder; sequencer: Sequencer }>();
  private readonly tables = new Map<string, LocalTable>();
  private readonly pollers = new Map<string, StreamPoller>();
  private s3: S3Trigger[] = [];
  private dir = '';
  /** Logical ids of tables changed (items written or deleted, tables added or dropped) since the last 'tables' push. */
  private readonly tablesPush: Debouncer<string>;
  /** Names of buckets whose objects changed since the last 'buckets' push. */
  private readonly bucketsPush: Debouncer<string>;
  private closed = false;
  private readonly async: EventInvoker;
  private lastLoad: StorageLoad | undefined;
  /** Folders the user picked (workspace settings), by bucket logical id. */
  private folders: Record<string, string> = {};
  /**
   * How the last write of a path through putObject was made (a copy, a multipart upload), by
   * folder file path: the watcher only sees a file, so the event it raises takes its name (and
   * the multipart ETag S3 reports) from here.
   */
  private readonly writes = new Map<string, ObjectWrite>();

  constructor(private readonly opts: StorageTriggersOptions) {
    this.async = opts.async ?? runOnce(opts.engine, { log: opts.log, onActivity: (a) => void (this.closed || opts.onActivity(a)) });
    this.tablesPush = new Debouncer(TABLES_PUSH_MS, () => this.opts.onTables?.(this.tableList()));
    this.bucketsPush = new Debouncer(TABLES_PUSH_MS, (names) => this.opts.onBuckets?.(this.bucketList(), [...names]));
  }

  apply(load: StorageLoad | undefined, workspaceDir: string): void {
    if (this.closed) return;
    this.dir = workspaceDir;
    this.lastLoad = load;
    const storage = load ?? { buckets: [], tables: [], s3: [], streams: [] };
    const bucketsDir = path.join(workspaceDir, STATE_DIR, 'buckets');
    const tablesDir = path.join(workspaceDir, STATE_DIR, 'tables');

    const keepBuckets = new Set<string>();
    for (const def of storage.buckets) {
      keepBuckets.add(def.logicalId);
      const old = this.buckets.get(def.logicalId);
      const fallback = path.join(bucketsDir, def.bucketName);
      const wanted = this.folders[def.logicalId] ?? fallback;
      if (old && old.folder.bucketName === def.bucketName && old.folder.folder === wanted) continue;
      old?.folder.close();
      const onChange = (change: ObjectChange) => this.objectChanged(def.logicalId, change);
      let folder: BucketFolder;
      try {
        folder = new BucketFolder(def, wanted, onChange);
      } catch (err) {
        // A picked folder that cannot be created (any more): the bucket keeps working in the default one.
        this.opts.log(`bucket ${def.bucketName}: cannot use the folder ${wanted} (${(err as Error).message}); using ${fallback}`);
        folder = new BucketFolder(def, fallback, onChange);
      }
      this.buckets.set(def.logicalId, { folder, sequencer: new Sequencer() });
    }
    for (const [id, b] of this.buckets) {
      if (keepBuckets.has(id)) continue;
      b.folder.close();
      this.buckets.delete(id);
    }
    this.s3 = storage.s3;

    const keepTables = new Set<string>();
    for (const def of storage.tables) {
      keepTables.add(def.logicalId);
      const old = this.tables.get(def.logicalId);
      if (old && JSON.stringify(old.def) === JSON.stringify({ ...def, line: old.def.line })) continue;
      const table = new LocalTable(def, path.join(tablesDir, `${def.tableName}.json`), { region: this.opts.engine.region, accountId: this.opts.engine.accountId });
      for (const p of table.problems) this.opts.log(p);
      this.tables.set(def.logicalId, table);
      this.tableChanged(def.logicalId);
    }
    for (const id of [...this.tables.keys()]) {
      if (keepTables.has(id)) continue;
      this.tables.delete(id);
      this.tableChanged(id);
    }

    const keepPollers = new Set<string>();
    for (const trigger of storage.streams) {
      const id = `${trigger.logicalId}:${trigger.eventName}`;
      const table = this.tables.get(trigger.table);
      if (!table) continue;
      keepPollers.add(id);
      const old = this.pollers.get(id);
      if (old && old.table === table) old.update(trigger);
      else {
        old?.close();
        this.pollers.set(id, new StreamPoller(trigger, table, (t, records) => this.deliverStream(t, table, records), this.opts.log));
      }
    }
    for (const [id, p] of this.pollers) {
      if (keepPollers.has(id)) continue;
      p.close();
      this.pollers.delete(id);
    }
  }

  /** Binds buckets to the folders the user picked (by logical id; the others use .faaslab/buckets/<BucketName>/), rebinding their watchers. */
  setBucketFolders(folders: Record<string, string>): void {
    this.folders = { ...folders };
    if (this.dir && !this.closed) this.apply(this.lastLoad, this.dir);
  }

  bucketList(): BucketInfo[] {
    return [...this.buckets.values()].map(({ folder }) => ({ logicalId: folder.def.logicalId, bucketName: folder.bucketName, folder: folder.folder, objectCount: folder.objectCount }));
  }

  /** A bucket by logical id or name. */
  bucket(ref: string): BucketFolder | undefined {
    return this.buckets.get(ref)?.folder ?? [...this.buckets.values()].find((b) => b.folder.bucketName === ref)?.folder;
  }

  /** The workspace's state folder (.faaslab/), where the local services keep what is not an object or an item. */
  get stateFolder(): string {
    return path.join(this.dir, STATE_DIR);
  }

  /**
   * Writes an object's file (through a temporary file outside the bucket folder, renamed into
   * place, so the watcher never sees it half-written); the watcher reports it as a dropped file,
   * named as `write` says (ObjectCreated:Put by default).
   */
  async putObject(bucket: BucketFolder, key: string, content: Buffer, write: ObjectWrite = { eventName: 'ObjectCreated:Put' }): Promise<void> {
    const file = bucket.pathOf(key);
    if (write.eventName === 'ObjectCreated:Put' && !write.eTag) this.writes.delete(file);
    else this.writes.set(file, write);
    const tmpDir = path.join(this.dir, STATE_DIR, 'tmp');
    mkdirSync(tmpDir, { recursive: true });
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = path.join(tmpDir, `upload-${randomUUID()}`);
    await writeFile(tmp, content);
    try {
      await rename(tmp, file);
    } catch (err) {
      // A picked folder on another file system: no atomic rename there, write the file in place.
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      await rm(tmp, { force: true });
      await writeFile(file, content);
    }
  }

  /** False when there was no such object (S3 answers a delete of a missing key with success too). */
  async deleteObject(bucket: BucketFolder, key: string): Promise<boolean> {
    const file = bucket.pathOf(key);
    const existed = bucket.objects().some((o) => o.key === key);
    this.writes.delete(file);
    await rm(file, { force: true });
    return existed;
  }

  tableList(): TableInfo[] {
    return [...this.tables.values()].map((t) => ({
      logicalId: t.def.logicalId,
      tableName: t.tableName,
      keySchema: t.def.keySchema,
      ...(t.def.streamViewType ? { streamViewType: t.def.streamViewType, streamArn: t.streamArn } : {}),
      itemCount: t.itemCount,
      file: t.file,
    }));
  }

  /** A table by logical id or name. */
  table(ref: string): LocalTable | undefined {
    return this.tables.get(ref) ?? [...this.tables.values()].find((t) => t.tableName === ref);
  }

  async putItem(table: LocalTable, item: Item): Promise<TableWrite> {
    const write = await table.put(item);
    this.tableChanged(table.def.logicalId);
    return write;
  }

  async deleteItem(table: LocalTable, key: Item): Promise<TableWrite | undefined> {
    const write = await table.delete(key);
    if (write) this.tableChanged(table.def.logicalId);
    return write;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.tablesPush.cancel();
    this.bucketsPush.cancel();
    for (const b of this.buckets.values()) b.folder.close();
    for (const p of this.pollers.values()) p.close();
    await Promise.all([...this.tables.values()].map((t) => t.flush()));
  }

  private tableChanged(logicalId: string): void {
    if (this.opts.onTables && !this.closed) this.tablesPush.add(logicalId);
  }

  private objectChanged(bucketId: string, change: ObjectChange): void {
    const b = this.buckets.get(bucketId);
    if (!b || this.closed) return;
    if (this.opts.onBuckets) this.bucketsPush.add(b.folder.bucketName);
    if (change.eventName !== 'ObjectRemoved:Delete') {
      const file = b.folder.pathOf(change.key);
      const write = this.writes.get(file);
      this.writes.delete(file);
      if (write) change = { ...change, eventName: write.eventName, ...(write.eTag ? { eTag: write.eTag } : {}) };
    }
    for (const trigger of this.s3) {
      if (trigger.bucket !== bucketId || !s3Matches(trigger, change)) continue;
      const event = s3Event(change, { bucketName: b.folder.bucketName, region: this.opts.engine.region, configurationId: `${trigger.logicalId}${trigger.eventName}`, sequencer: b.sequencer.next() });
      this.notify(trigger, b.folder.bucketName, change, JSON.stringify(event));
    }
  }

  /**
   * S3 runs a notification as an Event invocation; the async queue reports each attempt as 's3'
   * activity.
   */
  private notify(trigger: S3Trigger, bucketName: string, change: ObjectChange, payload: string): void {
    this.async.enqueue(trigger.logicalId, { payload }, { trigger: 's3', kind: 's3', route: `${bucketName} ${change.eventName} ${change.key}` });
  }

  private async deliverStream(trigger: DynamoDbTrigger, table: LocalTable, records: StreamRecord[]): Promise<InvocationRecord | undefined> {
    const at = new Date();
    const first = records[0]!.dynamodb.SequenceNumber;
    const source: TriggerSource = { trigger: 'dynamodb', kind: 'dynamodb', route: `${table.tableName} stream ${records.length} record${records.length === 1 ? '' : 's'} from ${first}` };
    try {
      const result = await this.opts.engine.invoke(trigger.logicalId, { payload: JSON.stringify({ Records: records }), source: triggerRef(source) });
      if (!this.closed) this.opts.onActivity(triggerActivity(source, trigger.logicalId, at, { requestId: result.record.requestId, status: result.record.status }));
      return result.record;
    } catch (err) {
      if (!this.closed) this.opts.onActivity(triggerActivity(source, trigger.logicalId, at));
      throw err;
    }
  }
}
