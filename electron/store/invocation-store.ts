/**
 * The invocation history of one workspace (<workspace>/.faaslab/history/): append-only JSONL
 * segment files, one line per finished invocation, written with a synchronous write() before the
 * host reports the invocation to anyone. Once write() returns, the bytes are in the kernel's page
 * cache: a kill -9 of the host cannot lose them (a power loss could; that would need an fsync per
 * record, see bench/history.ts for what it costs). At open the segments are read into a columnar
 * in-memory index (typed arrays) that answers list and metrics queries; details (event, response,
 * logs) stay on disk and are read by offset. A torn last line (a kill in the middle of a write) is
 * skipped at load. Retention drops whole old segments, by count and by age.
 *
 * Why not SQLite: better-sqlite3 is a native module (rebuilt per Electron ABI), Node 20 has no
 * node:sqlite, and sql.js keeps the database in memory and persists by exporting the whole file.
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { InvocationRecord, InvocationStatus } from '../../shared/domain/invocation.js';
import { gbSeconds, PRICES } from '../../shared/lambda/billing.js';

export const STATUSES: InvocationStatus[] = ['success', 'error', 'timeout', 'throttled', 'crashed', 'oom'];
export const EVENT_CAP_BYTES = 256 * 1024;

export interface TriggerRef {
  /** 'http' | 'schedule' | 's3' | 'sqs' | 'dynamodb' | 'sns' | 'invoke-api' | 'ui' | 'cli' | 'async' ... */
  kind: string;
  route?: string;
}

/** One stored invocation: the record `invoke --json` prints, plus what the history keeps. */
export interface StoredInvocation extends InvocationRecord {
  costUsd?: number;
  cancelled?: boolean;
  architecture?: 'x86_64' | 'arm64';
  /** The payload text the function was given, at most EVENT_CAP_BYTES. */
  event?: string;
  eventTruncated?: boolean;
  /** sha256 of the function's code folder when it ran. */
  codeVersion?: string;
  trigger?: TriggerRef;
}

export type InvocationSummary = Omit<StoredInvocation, 'logs' | 'event' | 'response' | 'error'> & { errorType?: string };

export interface Retention {
  maxCount: number;
  maxAgeDays: number;
}

export interface ListQuery {
  logicalId?: string;
  status?: InvocationStatus;
  trigger?: string;
  cold?: boolean;
  /** Epoch ms or ISO, on startedAt. */
  from?: number | string;
  to?: number | string;
  /** Substring of the stored line (event, response, error, logs). */
  text?: string;
  limit?: number;
  /** A requestId: the page continues with older records. */
  before?: string;
}

export interface StoreOptions {
  /** Rotate after this many records... */
  segmentMaxRecords?: number;
  /** ...or this many bytes. */
  segmentMaxBytes?: number;
  /** Never write (the CLI reading a live host's files): no repair, no retention. */
  readOnly?: boolean;
  /** fsync after each record (power-loss safety; slow). */
  fsync?: boolean;
  now?: () => number;
}

export const DEFAULT_RETENTION: Retention = { maxCount: 1_000_000, maxAgeDays: 30 };

interface Segment {
  n: number;
  file: string;
  bytes: number;
  records: number;
  newest: number;
}

const SEGMENT_RE = /^seg-(\d{8})\.jsonl$/;
const segName = (n: number) => `seg-${String(n).padStart(8, '0')}.jsonl`;

/** Columns of the in-memory index: one row per stored invocation, in append order. */
class Columns {
  size = 0;
  cap: number;
  startedAt: Float64Array;
  duration: Float64Array;
  billed: Float64Array;
  init: Float32Array; // NaN: warm
  maxMem: Float32Array;
  memSize: Uint16Array;
  status: Uint8Array;
  fn: Uint16Array; // index into fnNames
  cold: Uint8Array;
  arch: Uint8Array; // 0 x86_64, 1 arm64
  trigger: Uint16Array; // index into triggerNames; 0 none
  seg: Uint32Array;
  offset: Float64Array;
  length: Uint32Array;

  constructor(cap = 1024) {
    this.cap = cap;
    this.startedAt = new Float64Array(cap);
    this.duration = new Float64Array(cap);
    this.billed = new Float64Array(cap);
    this.init = new Float32Array(cap);
    this.maxMem = new Float32Array(cap);
    this.memSize = new Uint16Array(cap);
    this.status = new Uint8Array(cap);
    this.fn = new Uint16Array(cap);
    this.cold = new Uint8Array(cap);
    this.arch = new Uint8Array(cap);
    this.trigger = new Uint16Array(cap);
    this.seg = new Uint32Array(cap);
    this.offset = new Float64Array(cap);
    this.length = new Uint32Array(cap);
  }

  private static readonly KEYS = ['startedAt', 'duration', 'billed', 'init', 'maxMem', 'memSize', 'status', 'fn', 'cold', 'arch', 'trigger', 'seg', 'offset', 'length'] as const;

  grow(): void {
    this.cap *= 2;
    for (const k of Columns.KEYS) {
      const old = this[k];
      const next = new (old.constructor as new (n: number) => typeof old)(this.cap);
      next.set(old as never);
      (this as Record<string, unknown>)[k] = next;
    }
  }

  /** Drops the first n rows. */
  shift(n: number): void {
    for (const k of Columns.KEYS) this[k].copyWithin(0, n, this.size);
    this.size -= n;
  }
}

export interface MetricsQuery {
  logicalId?: string;
  from: number | string;
  to: number | string;
  bucketSeconds: number;
}

export interface MetricsBucket {
  start: string;
  invocations: number;
  errors: number;
  throttles: number;
  coldStarts: number;
  duration: { avg: number; p50: number; p90: number; p99: number; max: number };
  avgInitMs: number | null;
  maxMemoryMb: number;
  gbSeconds: number;
  costUsd: number;
}

export interface MetricsResult {
  from: string;
  to: string;
  bucketSeconds: number;
  buckets: MetricsBucket[];
  totals: {
    invocations: number;
    errors: number;
    throttles: number;
    coldStarts: number;
    /** Billable requests (throttles are not billed). */
    requests: number;
    gbSeconds: number;
    /** Before the free tier. */
    costUsd: number;
    freeTier: { requests: number; gbSeconds: number; coveredUsd: number };
    /** If this were the month's whole usage, what the free tier leaves to pay. */
    costAfterFreeTierUsd: number;
  };
}

const toMs = (t: number | string) => (typeof t === 'number' ? t : Date.parse(t));

export class InvocationStore {
  readonly dir: string;
  private readonly opts: Required<Omit<StoreOptions, 'now'>> & { now: () => number };
  private readonly cols = new Columns();
  private readonly rowOf = new Map<string, number>();
  private ids: string[] = [];
  private readonly fnNames: string[] = [];
  private readonly fnLogical: string[] = [];
  private readonly fnIndex = new Map<string, number>();
  private readonly triggerNames: string[] = [''];
  private readonly triggerIndex = new Map<string, number>([['', 0]]);
  private segments: Segment[] = [];
  private fd: number | undefined;
  private retention: Retention = { ...DEFAULT_RETENTION };
  /** Rows dropped so far from the front (row numbers in rowOf are absolute). */
  private base = 0;

  private constructor(dir: string, opts: StoreOptions) {
    this.dir = dir;
    this.opts = { segmentMaxRecords: 10_000, segmentMaxBytes: 16 * 1024 * 1024, readOnly: false, fsync: false, now: Date.now, ...opts };
  }

  static historyDir(workspaceDir: string): string {
    return path.join(workspaceDir, '.faaslab', 'history');
  }

  /** Opens (and loads) the store in a folder; the folder is created unless readOnly. */
  static open(dir: string, opts: StoreOptions = {}): InvocationStore {
    const store = new InvocationStore(dir, opts);
    store.load();
    return store;
  }

  static openWorkspace(workspaceDir: string, opts: StoreOptions = {}): InvocationStore {
    return InvocationStore.open(InvocationStore.historyDir(workspaceDir), opts);
  }

  get count(): number {
    return this.cols.size;
  }

  /** Every function that has a stored invocation, as it was named when it ran. */
  functions(): Array<{ logicalId: string; functionName: string }> {
    return this.fnLogical.map((logicalId, i) => ({ logicalId, functionName: this.fnNames[i]! }));
  }

  private load(): void {
    if (!existsSync(this.dir)) {
      if (this.opts.readOnly) return;
      mkdirSync(this.dir, { recursive: true });
    }
    try {
      const r = JSON.parse(readFileSync(path.join(this.dir, 'retention.json'), 'utf8')) as Partial<Retention>;
      this.retention = { ...DEFAULT_RETENTION, ...pickRetention(r) };
    } catch {
      // defaults
    }
    const names = readdirSync(this.dir)
      .filter((f) => SEGMENT_RE.test(f))
      .sort();
    for (const name of names) {
      const n = Number(SEGMENT_RE.exec(name)![1]);
      const file = path.join(this.dir, name);
      const seg: Segment = { n, file, bytes: 0, records: 0, newest: 0 };
      this.segments.push(seg);
      this.loadSegment(seg);
    }
    if (!this.opts.readOnly) this.applyRetention();
  }

  private loadSegment(seg: Segment): void {
    const buf = readFileSync(seg.file);
    let start = 0;
    while (start < buf.length) {
      const nl = buf.indexOf(10, start);
      if (nl < 0) break; // a torn last line: the write was cut by a kill; never reported finished
      if (nl > start) {
        try {
          const obj = JSON.parse(buf.toString('utf8', start, nl)) as StoredInvocation | { a: 'trigger'; requestId: string; trigger: TriggerRef };
          if ('a' in obj) this.annotate(obj.requestId, obj.trigger);
          else this.index(obj, seg, start, nl - start);
        } catch {
          // a damaged line: skipped
        }
      }
      start = nl + 1;
    }
    seg.bytes = start;
    if (start < buf.length && !this.opts.readOnly) {
      // Cut the torn tail, so the next record starts on a line of its own.
      const fd = openSync(seg.file, 'r+');
      try {
        ftruncateSync(fd, start);
      } finally {
        closeSync(fd);
      }
    }
  }

  private intern(names: string[], index: Map<string, number>, name: string): number {
    let i = index.get(name);
    if (i === undefined) {
      i = names.length;
      names.push(name);
      index.set(name, i);
    }
    return i;
  }

  private fnOf(logicalId: string, functionName: string): number {
    const key = `${logicalId}\u0000${functionName}`;
    let i = this.fnIndex.get(key);
    if (i === undefined) {
      i = this.fnNames.length;
      this.fnNames.push(functionName);
      this.fnLogical.push(logicalId);
      this.fnIndex.set(key, i);
    }
    return i;
  }

  private triggerKey(t: TriggerRef | undefined): number {
    if (!t) return 0;
    return this.intern(this.triggerNames, this.triggerIndex, t.route ? `${t.kind}\u0000${t.route}` : t.kind);
  }

  private index(r: StoredInvocation, seg: Segment, offset: number, length: number): void {
    const c = this.cols;
    if (c.size === c.cap) c.grow();
    const i = c.size++;
    const t = Date.parse(r.startedAt);
    c.startedAt[i] = t;
    c.duration[i] = r.durationMs;
    c.billed[i] = r.billedDurationMs;
    c.init[i] = r.initDurationMs ?? NaN;
    c.maxMem[i] = r.maxMemoryUsedMb;
    c.memSize[i] = r.memorySizeMb;
    c.status[i] = Math.max(0, STATUSES.indexOf(r.status));
    c.fn[i] = this.fnOf(r.logicalId, r.functionName);
    c.cold[i] = r.coldStart ? 1 : 0;
    c.arch[i] = r.architecture === 'arm64' ? 1 : 0;
    c.trigger[i] = this.triggerKey(r.trigger);
    c.seg[i] = seg.n;
    c.offset[i] = offset;
    c.length[i] = length;
    this.rowOf.set(r.requestId, this.base + i);
    this.ids.push(r.requestId);
    seg.records++;
    if (t > seg.newest) seg.newest = t;
  }

  private annotate(requestId: string, trigger: TriggerRef): void {
    const row = this.rowOf.get(requestId);
    if (row === undefined) return;
    this.cols.trigger[row - this.base] = this.triggerKey(trigger);
  }

  private write(line: string): { seg: Segment; offset: number; length: number } {
    if (this.opts.readOnly) throw new Error('the invocation store is open read-only');
    let seg = this.segments.at(-1);
    if (!seg || seg.records >= this.opts.segmentMaxRecords || seg.bytes >= this.opts.segmentMaxBytes) seg = this.rotate();
    if (this.fd === undefined) this.fd = openSync(seg.file, 'a');
    const data = Buffer.from(`${line}\n`);
    // One write() call: a kill -9 after it returns cannot lose the line.
    let done = 0;
    while (done < data.length) done += writeSync(this.fd, data, done);
    if (this.opts.fsync) fsyncSync(this.fd);
    const offset = seg.bytes;
    seg.bytes += data.length;
    return { seg, offset, length: data.length - 1 };
  }

  private rotate(): Segment {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    const n = (this.segments.at(-1)?.n ?? 0) + 1;
    const seg: Segment = { n, file: path.join(this.dir, segName(n)), bytes: 0, records: 0, newest: 0 };
    this.segments.push(seg);
    this.applyRetention();
    return seg;
  }

  /** Stores a finished invocation. Synchronous: call it before reporting the invocation. */
  append(r: StoredInvocation): void {
    const rec = capEvent(r);
    const line = JSON.stringify(rec);
    const { seg, offset, length } = this.write(line);
    this.index(rec, seg, offset, length);
  }

  /** Records which trigger started an invocation already stored (activity arrives after it ends). */
  setTrigger(requestId: string, trigger: TriggerRef): void {
    const row = this.rowOf.get(requestId);
    if (row === undefined) return;
    // Known already (the trigger said so when it invoked): nothing to write.
    if (this.cols.trigger[row - this.base] === this.triggerKey(trigger)) return;
    this.write(JSON.stringify({ a: 'trigger', requestId, trigger }));
    this.annotate(requestId, trigger);
  }

  has(requestId: string): boolean {
    return this.rowOf.has(requestId);
  }

  /** The whole stored record, read from its segment. */
  get(requestId: string): StoredInvocation | undefined {
    const row = this.rowOf.get(requestId);
    if (row === undefined) return undefined;
    const i = row - this.base;
    const rec = JSON.parse(this.readLine(i)) as StoredInvocation;
    const t = this.triggerOf(i);
    if (t) rec.trigger = t;
    return rec;
  }

  private readLine(i: number): string {
    const seg = this.segments.find((s) => s.n === this.cols.seg[i]);
    if (!seg) throw new Error('segment gone');
    const buf = Buffer.alloc(this.cols.length[i]!);
    const fd = openSync(seg.file, 'r');
    try {
      readSync(fd, buf, 0, buf.length, this.cols.offset[i]!);
    } finally {
      closeSync(fd);
    }
    return buf.toString('utf8');
  }

  private triggerOf(i: number): TriggerRef | undefined {
    const k = this.cols.trigger[i]!;
    if (!k) return undefined;
    const [kind, route] = this.triggerNames[k]!.split('\u0000');
    return route === undefined ? { kind: kind! } : { kind: kind!, route };
  }

  summary(i: number): InvocationSummary {
    const c = this.cols;
    const fn = c.fn[i]!;
    const init = c.init[i]!;
    const s: InvocationSummary = {
      requestId: this.ids[i]!,
      functionName: this.fnNames[fn]!,
      logicalId: this.fnLogical[fn]!,
      status: STATUSES[c.status[i]!]!,
      coldStart: c.cold[i] === 1,
      durationMs: c.duration[i]!,
      billedDurationMs: c.billed[i]!,
      memorySizeMb: c.memSize[i]!,
      maxMemoryUsedMb: c.maxMem[i]!,
      startedAt: new Date(c.startedAt[i]!).toISOString(),
      architecture: c.arch[i] === 1 ? 'arm64' : 'x86_64',
      costUsd: c.status[i] === 3 ? 0 : PRICES.perRequest + gbSeconds(c.memSize[i]!, c.billed[i]!) * PRICES.perGbSecond[c.arch[i] === 1 ? 'arm64' : 'x86_64'],
    };
    if (!Number.isNaN(init)) s.initDurationMs = Math.round(init * 1000) / 1000;
    const t = this.triggerOf(i);
    if (t) s.trigger = t;
    return s;
  }

  /** Newest first. */
  list(q: ListQuery = {}): InvocationSummary[] {
    const c = this.cols;
    const limit = q.limit ?? 200;
    const fns = q.logicalId === undefined ? undefined : new Set(this.fnLogical.flatMap((l, i) => (l === q.logicalId || this.fnNames[i] === q.logicalId ? [i] : [])));
    const status = q.status === undefined ? -1 : STATUSES.indexOf(q.status);
    const triggers = q.trigger === undefined ? undefined : new Set(this.triggerNames.flatMap((t, i) => (i > 0 && matchesTriggerKind(t.split('\u0000')[0]!, q.trigger!) ? [i] : [])));
    const from = q.from === undefined ? -Infinity : toMs(q.from);
    const to = q.to === undefined ? Infinity : toMs(q.to);
    let i = c.size - 1;
    if (q.before !== undefined) {
      const row = this.rowOf.get(q.before);
      if (row !== undefined) i = row - this.base - 1;
    }
    const out: InvocationSummary[] = [];
    for (; i >= 0 && out.length < limit; i--) {
      if (fns && !fns.has(c.fn[i]!)) continue;
      if (status >= 0 && c.status[i] !== status) continue;
      if (triggers && !triggers.has(c.trigger[i]!)) continue;
      if (q.cold !== undefined && (c.cold[i] === 1) !== q.cold) continue;
      const t = c.startedAt[i]!;
      if (t < from || t >= to) continue;
      if (q.text && !this.readLine(i).includes(q.text)) continue;
      out.push(this.summary(i));
    }
    return out;
  }

  sizeBytes(): number {
    let n = 0;
    for (const s of this.segments) {
      try {
        n += statSync(s.file).size;
      } catch {
        // not yet written
      }
    }
    return n;
  }

  stats(): { count: number; sizeBytes: number; segments: number; oldest: string | null; newest: string | null; retention: Retention } {
    const c = this.cols;
    let oldest = Infinity;
    let newest = -Infinity;
    for (let i = 0; i < c.size; i++) {
      const t = c.startedAt[i]!;
      if (t < oldest) oldest = t;
      if (t > newest) newest = t;
    }
    return {
      count: c.size,
      sizeBytes: this.sizeBytes(),
      segments: this.segments.length,
      oldest: c.size ? new Date(oldest).toISOString() : null,
      newest: c.size ? new Date(newest).toISOString() : null,
      retention: { ...this.retention },
    };
  }

  setRetention(r: Partial<Retention>): Retention {
    this.retention = { ...this.retention, ...pickRetention(r) };
    if (!this.opts.readOnly) {
      writeFileSync(path.join(this.dir, 'retention.json'), `${JSON.stringify(this.retention, null, 2)}\n`);
      this.applyRetention();
    }
    return { ...this.retention };
  }

  /**
   * Drops whole segments, oldest first, while the rest still hold maxCount records, or while
   * every record of the segment is older than maxAgeDays. The segment being written is kept.
   */
  private applyRetention(): void {
    const cutoff = this.opts.now() - this.retention.maxAgeDays * 86_400_000;
    let drop = 0;
    let rows = 0;
    while (drop < this.segments.length - 1) {
      const s = this.segments[drop]!;
      const tooMany = this.cols.size - rows - s.records >= this.retention.maxCount;
      const tooOld = s.records > 0 && s.newest < cutoff;
      if (!tooMany && !tooOld && s.records > 0) break;
      rows += s.records;
      drop++;
    }
    if (!drop) return;
    for (const s of this.segments.slice(0, drop)) {
      try {
        unlinkSync(s.file);
      } catch {
        // already gone
      }
    }
    this.segments = this.segments.slice(drop);
    for (let i = 0; i < rows; i++) this.rowOf.delete(this.ids[i]!);
    this.ids = this.ids.slice(rows);
    this.cols.shift(rows);
    this.base += rows;
  }

  /** Per-bucket metrics over [from, to): exact percentiles from the duration column. */
  metrics(q: MetricsQuery): MetricsResult {
    const c = this.cols;
    const from = toMs(q.from);
    const to = toMs(q.to);
    const bucketMs = Math.max(1, q.bucketSeconds) * 1000;
    const nb = Math.max(1, Math.ceil((to - from) / bucketMs));
    const fns = q.logicalId === undefined ? undefined : new Uint8Array(this.fnNames.length).map((_, i) => (this.fnLogical[i] === q.logicalId || this.fnNames[i] === q.logicalId ? 1 : 0));
    const count = new Uint32Array(nb);
    const ran = new Uint32Array(nb);
    const errors = new Uint32Array(nb);
    const throttles = new Uint32Array(nb);
    const colds = new Uint32Array(nb);
    const durSum = new Float64Array(nb);
    const durMax = new Float64Array(nb);
    const initSum = new Float64Array(nb);
    const initN = new Uint32Array(nb);
    const mem = new Float64Array(nb);
    const gbs = new Float64Array(nb);
    const cost = new Float64Array(nb);
    const bucketOf = new Int32Array(c.size);
    const perGbS = PRICES.perGbSecond;
    for (let i = 0; i < c.size; i++) {
      const t = c.startedAt[i]!;
      if (t < from || t >= to || (fns && !fns[c.fn[i]!])) {
        bucketOf[i] = -1;
        continue;
      }
      const b = Math.floor((t - from) / bucketMs);
      bucketOf[i] = b;
      count[b]!++;
      const st = c.status[i]!;
      if (st === 3) {
        throttles[b]!++;
        bucketOf[i] = -1; // a throttled request never ran: no duration, no cost
        continue;
      }
      ran[b]!++;
      if (st !== 0) errors[b]!++;
      if (c.cold[i]) colds[b]!++;
      const d = c.duration[i]!;
      durSum[b]! += d;
      if (d > durMax[b]!) durMax[b] = d;
      const init = c.init[i]!;
      if (init === init) {
        initSum[b]! += init;
        initN[b]!++;
      }
      if (c.maxMem[i]! > mem[b]!) mem[b] = c.maxMem[i]!;
      const g = (c.memSize[i]! / 1024) * (c.billed[i]! / 1000);
      gbs[b]! += g;
      cost[b]! += PRICES.perRequest + g * (c.arch[i] ? perGbS.arm64 : perGbS.x86_64);
    }
    // Counting sort by bucket, then one typed-array sort per bucket for exact percentiles.
    const startOf = new Uint32Array(nb + 1);
    for (let b = 0; b < nb; b++) startOf[b + 1] = startOf[b]! + ran[b]!;
    const fill = startOf.slice(0, nb);
    const durs = new Float64Array(startOf[nb]!);
    for (let i = 0; i < c.size; i++) {
      const b = bucketOf[i]!;
      if (b >= 0) durs[fill[b]!++] = c.duration[i]!;
    }
    const buckets: MetricsBucket[] = [];
    const totals = { invocations: 0, errors: 0, throttles: 0, coldStarts: 0, requests: 0, gbSeconds: 0, costUsd: 0 };
    for (let b = 0; b < nb; b++) {
      const d = durs.subarray(startOf[b]!, startOf[b + 1]!);
      d.sort();
      const pct = (p: number) => (d.length ? d[Math.min(d.length - 1, Math.ceil((p / 100) * d.length) - 1)]! : 0);
      buckets.push({
        start: new Date(from + b * bucketMs).toISOString(),
        invocations: count[b]!,
        errors: errors[b]!,
        throttles: throttles[b]!,
        coldStarts: colds[b]!,
        duration: { avg: ran[b] ? durSum[b]! / ran[b]! : 0, p50: pct(50), p90: pct(90), p99: pct(99), max: durMax[b]! },
        avgInitMs: initN[b] ? initSum[b]! / initN[b]! : null,
        maxMemoryMb: mem[b]!,
        gbSeconds: gbs[b]!,
        costUsd: cost[b]!,
      });
      totals.invocations += count[b]!;
      totals.errors += errors[b]!;
      totals.throttles += throttles[b]!;
      totals.coldStarts += colds[b]!;
      totals.requests += ran[b]!;
      totals.gbSeconds += gbs[b]!;
      totals.costUsd += cost[b]!;
    }
    const freeRequests = Math.min(totals.requests, PRICES.freeTier.requests);
    const freeGbS = Math.min(totals.gbSeconds, PRICES.freeTier.gbSeconds);
    // The free tier's GB-s are valued at the x86 price (an estimate when arm64 is mixed in).
    const coveredUsd = freeRequests * PRICES.perRequest + freeGbS * PRICES.perGbSecond.x86_64;
    return {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      bucketSeconds: bucketMs / 1000,
      buckets,
      totals: { ...totals, freeTier: { requests: freeRequests, gbSeconds: freeGbS, coveredUsd }, costAfterFreeTierUsd: Math.max(0, totals.costUsd - coveredUsd) },
    };
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

function pickRetention(r: Partial<Retention>): Partial<Retention> {
  const out: Partial<Retention> = {};
  if (typeof r.maxCount === 'number' && r.maxCount > 0) out.maxCount = Math.floor(r.maxCount);
  if (typeof r.maxAgeDays === 'number' && r.maxAgeDays > 0) out.maxAgeDays = r.maxAgeDays;
  return out;
}

function capEvent(r: StoredInvocation): StoredInvocation {
  if (r.event === undefined || Buffer.byteLength(r.event) <= EVENT_CAP_BYTES) return r;
  // Cut on a byte boundary; a split last character decodes as U+FFFD, acceptable for a preview.
  return { ...r, event: Buffer.from(r.event).subarray(0, EVENT_CAP_BYTES).toString('utf8'), eventTruncated: true };
}

/** 'async' matches every asynchronous source ('async:sns', 'async:s3', ...). */
function matchesTriggerKind(kind: string, wanted: string): boolean {
  return kind === wanted || kind.startsWith(`${wanted}:`);
}
