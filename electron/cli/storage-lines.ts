/** What `faaslab serve` prints about the workspace's local buckets and tables. */
import path from 'node:path';
import type { BucketInfo, TableInfo } from '../../shared/api/storage-schemas.js';

export function storageLines(buckets: BucketInfo[], tables: TableInfo[], cwd = process.cwd()): string[] {
  const lines: string[] = [];
  const where = (p: string) => {
    const rel = path.relative(cwd, p);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
  };
  if (buckets.length) lines.push(`faaslab: ${buckets.length} bucket${buckets.length === 1 ? '' : 's'} (files added, changed or deleted in a bucket's folder are S3 events)`);
  for (const b of buckets)
    lines.push(`  ${b.bucketName}${b.bucketName === b.logicalId ? '' : ` (${b.logicalId})`}  ${where(b.folder)}${path.sep}  ${b.objectCount} object${b.objectCount === 1 ? '' : 's'}`);
  if (tables.length) lines.push(`faaslab: ${tables.length} table${tables.length === 1 ? '' : 's'} (faaslab table put|delete|scan <Table> ... writes or reads one)`);
  for (const t of tables) {
    const key = t.keySchema.map((k) => `${k.name} ${k.type}${k.keyType === 'RANGE' ? ' (range)' : ''}`).join(', ');
    lines.push(
      `  ${t.tableName}${t.tableName === t.logicalId ? '' : ` (${t.logicalId})`}  key ${key}  ${t.itemCount} item${t.itemCount === 1 ? '' : 's'}  ${t.streamViewType ? `stream ${t.streamViewType}` : 'no stream'}`,
    );
  }
  return lines;
}
