/**
 * One local DynamoDB table: items in DynamoDB JSON, kept in memory and persisted to
 * <workspace>/.faaslab/tables/<TableName>.json after every write (a temporary file renamed over
 * the old one, so a crash leaves the old or the new table, never half of one), and its stream.
 *
 * Stream records are kept in memory for the session (the last STREAM_RETAINED of them): a
 * mapping with TRIM_HORIZON reads from the oldest retained record, LATEST from the next write.
 * Sequence numbers keep increasing across restarts (the counter is persisted with the items).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { KeyAttribute, StreamViewType, TableDefinition } from '../../../shared/domain/storage.js';
import { checkKey, keyOf, keyString, type Item } from './dynamodb-json.js';

export const STREAM_RETAINED = 10_000;
/** 21 digits, as DynamoDB's own sequence numbers are long decimal strings. */
const FIRST_SEQUENCE = 10n ** 20n;

export interface StreamRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: '1.1';
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  dynamodb: {
    ApproximateCreationDateTime: number;
    Keys: Item;
    NewImage?: Item;
    OldImage?: Item;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: StreamViewType;
  };
  eventSourceARN: string;
}

interface TableFile {
  tableName: string;
  keySchema: KeyAttribute[];
  streamLabel?: string;
  sequence?: string;
  items: Item[];
}

export interface TableWrite {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  oldItem?: Item;
  newItem?: Item;
}

export class LocalTable {
  private items = new Map<string, Item>();
  private sequence = FIRST_SEQUENCE;
  private readonly streamLabel: string;
  private readonly records: StreamRecord[] = [];
  /** Absolute index of records[0]: positions survive trimming. */
  private base = 0;
  private writing: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  /** Problems met reading the file (an item that no longer fits the key schema). */
  readonly problems: string[] = [];

  constructor(
    readonly def: TableDefinition,
    readonly file: string,
    private readonly where: { region: string; accountId: string },
  ) {
    let saved: TableFile | undefined;
    try {
      saved = JSON.parse(readFileSync(file, 'utf8')) as TableFile;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.problems.push(`${file} cannot be read (${(err as Error).message}); the table starts empty`);
    }
    for (const item of Array.isArray(saved?.items) ? saved.items : []) {
      try {
        this.items.set(keyString(keyOf(item, def.keySchema), def.keySchema), item);
      } catch (err) {
        this.problems.push(`${def.tableName}: an item of ${path.basename(file)} was dropped: ${(err as Error).message}`);
      }
    }
    if (saved?.sequence && /^\d+$/.test(saved.sequence)) this.sequence = BigInt(saved.sequence);
    this.streamLabel = saved?.streamLabel ?? new Date().toISOString().replace('Z', '');
    if (!saved || this.problems.length) this.persistSync();
  }

  get tableName(): string {
    return this.def.tableName;
  }

  get itemCount(): number {
    return this.items.size;
  }

  get streamArn(): string | undefined {
    if (!this.def.streamViewType) return undefined;
    return `arn:aws:dynamodb:${this.where.region}:${this.where.accountId}:table/${this.def.tableName}/stream/${this.streamLabel}`;
  }

  scan(): Item[] {
    return [...this.items.values()];
  }

  get(key: Item): Item | undefined {
    return this.items.get(keyString(checkKey(key, this.def.keySchema), this.def.keySchema));
  }

  /** PutItem: replaces the item with the same key. Resolves once the table file is written. */
  async put(item: Item): Promise<TableWrite> {
    const key = keyOf(item, this.def.keySchema);
    const id = keyString(key, this.def.keySchema);
    const oldItem = this.items.get(id);
    this.items.set(id, item);
    const write: TableWrite = { eventName: oldItem ? 'MODIFY' : 'INSERT', newItem: item, ...(oldItem ? { oldItem } : {}) };
    this.record(write, key);
    await this.persist();
    return write;
  }

  /** DeleteItem: undefined when there was no such item (nothing is written, no stream record). */
  async delete(keyItem: Item): Promise<TableWrite | undefined> {
    const key = checkKey(keyItem, this.def.keySchema);
    const id = keyString(key, this.def.keySchema);
    const oldItem = this.items.get(id);
    if (!oldItem) return undefined;
    this.items.delete(id);
    const write: TableWrite = { eventName: 'REMOVE', oldItem };
    this.record(write, key);
    await this.persist();
    return write;
  }

  /** Stream positions: [start, end) of what is retained. */
  get streamStart(): number {
    return this.base;
  }

  get streamEnd(): number {
    return this.base + this.records.length;
  }

  /** Up to `max` records from absolute position `from`. */
  recordsFrom(from: number, max: number): StreamRecord[] {
    const start = Math.max(from, this.base) - this.base;
    return this.records.slice(start, start + max);
  }

  onRecord(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits for writes in flight. */
  flush(): Promise<void> {
    return this.writing;
  }

  private record(write: TableWrite, keys: Item): void {
    const view = this.def.streamViewType;
    if (!view) return;
    this.sequence += 1n;
    const images: Pick<StreamRecord['dynamodb'], 'NewImage' | 'OldImage'> = {};
    if (write.newItem && (view === 'NEW_IMAGE' || view === 'NEW_AND_OLD_IMAGES')) images.NewImage = write.newItem;
    if (write.oldItem && (view === 'OLD_IMAGE' || view === 'NEW_AND_OLD_IMAGES')) images.OldImage = write.oldItem;
    const record: StreamRecord = {
      eventID: randomUUID().replace(/-/g, ''),
      eventName: write.eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: this.where.region,
      dynamodb: {
        ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
        Keys: keys,
        ...images,
        SequenceNumber: this.sequence.toString(),
        SizeBytes: Buffer.byteLength(JSON.stringify({ Keys: keys, ...images })),
        StreamViewType: view,
      },
      eventSourceARN: this.streamArn!,
    };
    this.records.push(record);
    if (this.records.length > STREAM_RETAINED) {
      const drop = this.records.length - STREAM_RETAINED;
      this.records.splice(0, drop);
      this.base += drop;
    }
    for (const listener of this.listeners) listener();
  }

  private snapshot(): string {
    const file: TableFile = { tableName: this.def.tableName, keySchema: this.def.keySchema, streamLabel: this.streamLabel, sequence: this.sequence.toString(), items: this.scan() };
    return `${JSON.stringify(file, null, 1)}\n`;
  }

  /** Writes are chained, each writing the table as it is when its turn comes. */
  private persist(): Promise<void> {
    const next = this.writing.then(async () => {
      mkdirSync(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
      await writeFile(tmp, this.snapshot());
      await rename(tmp, this.file);
    });
    this.writing = next.catch(() => {});
    return next;
  }

  private persistSync(): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, this.snapshot());
    renameSync(tmp, this.file);
  }
}
