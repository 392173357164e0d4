/** ListBuckets, HeadBucket, GetBucketLocation and DeleteObjects: the workspace's buckets and many keys at once. */
import { statSync } from 'node:fs';
import type { AwsRequest } from '../aws-request.js';
import type { LocalResources } from '../service.js';
import { AwsError, xmlFields, type AwsAnswer } from '../wire.js';
import { compareKeys, type ObjectStore } from './object-store.js';
import { emptyAnswer, xmlAnswer } from './s3-wire.js';
import { childText, malformedXml, parseXml } from './s3-xml.js';

/** The one owner of every local bucket and object. */
export const OWNER = { ID: 'faaslab-local-owner', DisplayName: 'faaslab' };

/** The workspace's buckets by name, as S3 orders them; ?prefix= filters them as ListBuckets' Prefix does. */
export function listBuckets(req: AwsRequest, resources: LocalResources): AwsAnswer {
  const prefix = req.query.get('prefix') ?? '';
  const buckets = resources.triggers.storage
    .bucketList()
    .filter((b) => b.bucketName.startsWith(prefix))
    .sort((a, b) => compareKeys(a.bucketName, b.bucketName))
    .map((b) => {
      let created = new Date(0);
      try {
        created = statSync(b.folder).birthtime;
      } catch {
        // a folder being rebound: listed without its time
      }
      return `<Bucket>${xmlFields({ Name: b.bucketName, CreationDate: created.toISOString(), BucketRegion: resources.region })}</Bucket>`;
    })
    .join('');
  return xmlAnswer('ListAllMyBucketsResult', `<Owner>${xmlFields(OWNER)}</Owner><Buckets>${buckets}</Buckets>${prefix ? xmlFields({ Prefix: prefix }) : ''}`);
}

export function headBucket(resources: LocalResources): AwsAnswer {
  return emptyAnswer(200, { 'x-amz-bucket-region': resources.region });
}

export function bucketLocation(resources: LocalResources): AwsAnswer {
  // us-east-1 is S3's empty location constraint.
  return xmlAnswer('LocationConstraint', resources.region === 'us-east-1' ? '' : resources.region);
}

const MAX_DELETE = 1000;

export async function deleteObjects(req: AwsRequest, store: ObjectStore): Promise<AwsAnswer> {
  const root = parseXml(req.body.toString('utf8'));
  if (root.name !== 'Delete') throw malformedXml();
  const objects = root.children.filter((c) => c.name === 'Object');
  if (objects.length === 0 || objects.length > MAX_DELETE) throw malformedXml();
  const quiet = childText(root, 'Quiet')?.trim() === 'true';
  let out = '';
  for (const o of objects) {
    const key = childText(o, 'Key');
    if (key === undefined) throw malformedXml();
    try {
      await store.delete(key);
      if (!quiet) out += `<Deleted>${xmlFields({ Key: key })}</Deleted>`;
    } catch (err) {
      const e = err instanceof AwsError ? err : new AwsError('InternalError', (err as Error).message, 500);
      out += `<Error>${xmlFields({ Key: key, Code: e.code, Message: e.message })}</Error>`;
    }
  }
  return xmlAnswer('DeleteResult', out);
}
