import { create } from 'zustand';
import type { QueueInfo, TopicInfo } from '../../../shared/api/schemas.js';
import type { BucketInfo, TableInfo } from '../../../shared/api/storage-schemas.js';
import { client, errorMessage } from '../api/index.js';
import type { TriggerActivity } from './triggers.js';

export type ResourceKind = 'queue' | 'topic' | 'bucket' | 'table';

/** The resource shown in the main area instead of a function, by logical id. */
export interface OpenResource {
  kind: ResourceKind;
  logicalId: string;
}

export interface ResourcesState {
  queues: QueueInfo[];
  topics: TopicInfo[];
  buckets: BucketInfo[];
  tables: TableInfo[];
  loadError: string | null;
  open: OpenResource | null;
  /** Bumped per bucket name when S3 activity or an upload/delete changed its objects. */
  bucketTicks: Record<string, number>;

  load(): Promise<void>;
  loadBuckets(): Promise<void>;
  applyQueues(queues: QueueInfo[]): void;
  applyTables(tables: TableInfo[]): void;
  applyBuckets(buckets: BucketInfo[], changed: string[]): void;
  onActivity(activity: TriggerActivity): void;
  bumpBucket(bucketName: string): void;
  show(kind: ResourceKind, logicalId: string): void;
  close(): void;
  reset(): void;
}

export const useResources = create<ResourcesState>()((set, get) => ({
  queues: [],
  topics: [],
  buckets: [],
  tables: [],
  loadError: null,
  open: null,
  bucketTicks: {},

  load: async () => {
    try {
      const [queues, topics, buckets, tables] = await Promise.all([client.call('queues.list'), client.call('topics.list'), client.call('buckets.list'), client.call('tables.list')]);
      set({ queues, topics, buckets, tables, loadError: null });
    } catch (error) {
      set({ loadError: errorMessage(error) });
    }
  },

  loadBuckets: async () => {
    try {
      set({ buckets: await client.call('buckets.list') });
    } catch {
      // the next push or load tries again
    }
  },

  applyQueues: (queues) => set({ queues }),
  applyTables: (tables) => set({ tables }),
  applyBuckets: (buckets, changed) => set((s) => ({ buckets, bucketTicks: { ...s.bucketTicks, ...Object.fromEntries(changed.map((n) => [n, (s.bucketTicks[n] ?? 0) + 1])) } })),

  onActivity: (activity) => {
    if (activity.trigger !== 's3') return;
    const bucket = get().buckets.find((b) => activity.route.startsWith(`${b.bucketName} `));
    if (bucket) get().bumpBucket(bucket.bucketName);
  },

  bumpBucket: (bucketName) => {
    set((s) => ({ bucketTicks: { ...s.bucketTicks, [bucketName]: (s.bucketTicks[bucketName] ?? 0) + 1 } }));
    void get().loadBuckets();
  },

  show: (kind, logicalId) => set({ open: { kind, logicalId } }),
  close: () => set({ open: null }),
  reset: () => set({ queues: [], topics: [], buckets: [], tables: [], open: null, bucketTicks: {} }),
}));

/** The name activity routes start with: queue and topic names, bucket and table names. */
export function resourceName(kind: ResourceKind, s: ResourcesState, logicalId: string): string | undefined {
  if (kind === 'queue') return s.queues.find((q) => q.logicalId === logicalId)?.queueName;
  if (kind === 'topic') return s.topics.find((t) => t.logicalId === logicalId)?.topicName;
  if (kind === 'bucket') return s.buckets.find((b) => b.logicalId === logicalId)?.bucketName;
  return s.tables.find((t) => t.logicalId === logicalId)?.tableName;
}

const TRIGGER: Record<ResourceKind, TriggerActivity['trigger']> = { queue: 'sqs', topic: 'sns', bucket: 's3', table: 'dynamodb' };

/** Whether an activity row was started by this resource (its route starts with the name). */
export function activityOf(kind: ResourceKind, name: string, a: TriggerActivity): boolean {
  return a.trigger === TRIGGER[kind] && (a.route === name || a.route.startsWith(`${name} `));
}
