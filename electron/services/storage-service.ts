/**
 * buckets.* and tables.*: the workspace's local S3 buckets (folders) and DynamoDB tables (JSON
 * files), as the UI and `faaslab table` use them. Writing through here behaves like writing
 * through AWS: a bucket upload is a file the watcher reports (the same event as a dropped file),
 * a table write appends to the table's stream.
 */
import { statSync } from 'node:fs';
import type { HostContext } from './host-context.js';
import { HostError } from './host-types.js';
import type { Registry } from './registry.js';
import { parseItem, ValidationError } from '../triggers/storage/dynamodb-json.js';
import type { StorageTriggers } from '../triggers/storage/storage-triggers.js';

export function setupStorage(registry: Registry, ctx: HostContext): void {
  const storage = (): StorageTriggers => ctx.session().triggers.storage;
  const bucketOf = (ref: string) => {
    const b = storage().bucket(ref);
    if (!b)
      throw new HostError(
        'NotFound',
        `no bucket ${ref} in the template (buckets: ${
          storage()
            .bucketList()
            .map((x) => x.bucketName)
            .join(', ') || 'none'
        })`,
      );
    return b;
  };
  const tableOf = (ref: string) => {
    const t = storage().table(ref);
    if (!t)
      throw new HostError(
        'NotFound',
        `no table ${ref} in the template (tables: ${
          storage()
            .tableList()
            .map((x) => x.tableName)
            .join(', ') || 'none'
        })`,
      );
    return t;
  };
  const keyPath = (bucket: ReturnType<typeof bucketOf>, key: string) => {
    try {
      return bucket.pathOf(key);
    } catch (err) {
      throw new HostError('ValidationError', (err as Error).message, { key: 'not a valid key here' });
    }
  };
  const validating = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      if (err instanceof ValidationError) throw new HostError('ValidationError', err.message);
      throw err;
    }
  };

  registry.register('buckets.list', async () => storage().bucketList());

  registry.register('buckets.objects', async ({ bucket }) => {
    const b = bucketOf(bucket);
    return b.objects().map((o) => {
      // The index is what the watcher reported; the file's own time when it is still there.
      let mtimeMs = o.mtimeMs;
      try {
        mtimeMs = statSync(b.pathOf(o.key)).mtimeMs;
      } catch {
        // deleted a moment ago: its event is on its way
      }
      return { key: o.key, size: o.size, modified: new Date(mtimeMs).toISOString() };
    });
  });

  registry.register('buckets.put', async ({ bucket, key, contentBase64 }) => {
    const b = bucketOf(bucket);
    keyPath(b, key);
    const content = Buffer.from(contentBase64, 'base64');
    await storage().putObject(b, key, content);
    return { key, size: content.length };
  });

  registry.register('buckets.delete', async ({ bucket, key }) => {
    const b = bucketOf(bucket);
    keyPath(b, key);
    return { deleted: await storage().deleteObject(b, key) };
  });

  registry.register('tables.list', async () => storage().tableList());

  registry.register('tables.scan', async ({ table }) => {
    const t = tableOf(table);
    const items = t.scan();
    return { tableName: t.tableName, items, count: items.length };
  });

  registry.register('tables.put', ({ table, item }) =>
    validating(async () => {
      const t = tableOf(table);
      const write = await storage().putItem(t, parseItem(item));
      return { eventName: write.eventName as 'INSERT' | 'MODIFY', item: write.newItem!, ...(write.oldItem ? { oldItem: write.oldItem } : {}) };
    }),
  );

  registry.register('tables.delete', ({ table, key }) =>
    validating(async () => {
      const t = tableOf(table);
      const write = await storage().deleteItem(t, parseItem(key, 'key'));
      return { deleted: write !== undefined, ...(write?.oldItem ? { oldItem: write.oldItem } : {}) };
    }),
  );
}
