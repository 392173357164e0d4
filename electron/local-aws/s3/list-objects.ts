/**
 * ListObjectsV2 and ListObjects (v1): a page of a bucket's keys after a marker, rolled up into
 * CommonPrefixes by a delimiter, each prefix counting as one of max-keys as S3 counts it.
 * A continuation token is the last key or prefix of the page before, opaque (base64) as S3's.
 */
import { s3EncodeKey } from '../../../shared/events/data-events.js';
import type { AwsRequest } from '../aws-request.js';
import { AwsError, xmlFields, type AwsAnswer } from '../wire.js';
import { OWNER } from './bucket-ops.js';
import { compareKeys, type ObjectStore } from './object-store.js';
import { xmlAnswer } from './s3-wire.js';

interface Page {
  contents: string[];
  commonPrefixes: string[];
  truncated: boolean;
  /** The last key or prefix of the page: where the next one starts after. */
  last?: string;
}

const DEFAULT_MAX_KEYS = 1000;

export function listPage(keys: readonly string[], o: { prefix: string; delimiter: string; after: string; maxKeys: number }): Page {
  const page: Page = { contents: [], commonPrefixes: [], truncated: false };
  // A marker that is itself a rolled-up prefix skips everything under it.
  const skipUnder = o.delimiter && o.after.startsWith(o.prefix) && o.after.endsWith(o.delimiter) ? o.after : undefined;
  let count = 0;
  for (const key of keys) {
    if (o.after && compareKeys(key, o.after) <= 0) continue;
    if (skipUnder && key.startsWith(skipUnder)) continue;
    let item = key;
    let isPrefix = false;
    if (o.delimiter) {
      const at = key.indexOf(o.delimiter, o.prefix.length);
      if (at >= 0) {
        item = key.slice(0, at + o.delimiter.length);
        isPrefix = true;
        if (item === page.last) continue;
      }
    }
    if (count >= o.maxKeys) {
      page.truncated = o.maxKeys > 0;
      break;
    }
    (isPrefix ? page.commonPrefixes : page.contents).push(item);
    page.last = item;
    count++;
  }
  return page;
}

function maxKeysOf(req: AwsRequest): number {
  const raw = req.query.get('max-keys');
  if (raw === null) return DEFAULT_MAX_KEYS;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n)) {
    throw new AwsError('InvalidArgument', 'Provided max-keys not an integer or within integer range', 400, { ArgumentName: 'max-keys', ArgumentValue: raw });
  }
  return Math.min(n, DEFAULT_MAX_KEYS);
}

async function contentsXml(store: ObjectStore, keys: string[], enc: (s: string) => string, owner: boolean): Promise<string> {
  let out = '';
  for (const key of keys) {
    const obj = await store.stat(key);
    if (!obj) continue; // deleted while listing
    out += `<Contents>${xmlFields({ Key: enc(key), LastModified: obj.lastModified.toISOString(), ETag: `"${obj.eTag}"`, Size: obj.size, StorageClass: 'STANDARD' })}${owner ? `<Owner>${xmlFields(OWNER)}</Owner>` : ''}</Contents>`;
  }
  return out;
}

function encoder(req: AwsRequest): (s: string) => string {
  const encoding = req.query.get('encoding-type');
  if (encoding !== null && encoding !== 'url') throw new AwsError('InvalidArgument', 'Invalid Encoding Method specified in Request', 400, { ArgumentName: 'encoding-type', ArgumentValue: encoding });
  return encoding === 'url' ? s3EncodeKey : (s) => s;
}

export async function listObjectsV2(req: AwsRequest, store: ObjectStore): Promise<AwsAnswer> {
  const prefix = req.query.get('prefix') ?? '';
  const delimiter = req.query.get('delimiter') ?? '';
  const token = req.query.get('continuation-token');
  const startAfter = req.query.get('start-after') ?? '';
  const maxKeys = maxKeysOf(req);
  const enc = encoder(req);
  let after = startAfter;
  if (token !== null) {
    const decoded = Buffer.from(token, 'base64url').toString('utf8');
    if (!token || !decoded.startsWith('1:')) throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect', 400, { ArgumentName: 'continuation-token', ArgumentValue: token });
    after = decoded.slice(2);
  }
  const page = listPage(store.keys(prefix), { prefix, delimiter, after, maxKeys });
  const body =
    xmlFields({ Name: store.name, Prefix: enc(prefix), ...(delimiter ? { Delimiter: enc(delimiter) } : {}), MaxKeys: maxKeys, KeyCount: page.contents.length + page.commonPrefixes.length }) +
    xmlFields({ IsTruncated: page.truncated, ContinuationToken: token ?? undefined, StartAfter: startAfter ? enc(startAfter) : undefined }) +
    (page.truncated ? xmlFields({ NextContinuationToken: Buffer.from(`1:${page.last}`).toString('base64url') }) : '') +
    (req.query.has('encoding-type') ? xmlFields({ EncodingType: 'url' }) : '') +
    (await contentsXml(store, page.contents, enc, req.query.get('fetch-owner') === 'true')) +
    page.commonPrefixes.map((p) => `<CommonPrefixes>${xmlFields({ Prefix: enc(p) })}</CommonPrefixes>`).join('');
  return xmlAnswer('ListBucketResult', body);
}

export async function listObjectsV1(req: AwsRequest, store: ObjectStore): Promise<AwsAnswer> {
  const prefix = req.query.get('prefix') ?? '';
  const delimiter = req.query.get('delimiter') ?? '';
  const marker = req.query.get('marker') ?? '';
  const maxKeys = maxKeysOf(req);
  const enc = encoder(req);
  const page = listPage(store.keys(prefix), { prefix, delimiter, after: marker, maxKeys });
  const body =
    xmlFields({ Name: store.name, Prefix: enc(prefix), Marker: enc(marker), MaxKeys: maxKeys, ...(delimiter ? { Delimiter: enc(delimiter) } : {}), IsTruncated: page.truncated }) +
    // S3 gives NextMarker only with a delimiter; without one the client continues from the last key.
    (page.truncated && delimiter ? xmlFields({ NextMarker: enc(page.last!) }) : '') +
    (req.query.has('encoding-type') ? xmlFields({ EncodingType: 'url' }) : '') +
    // v1 always names each object's owner.
    (await contentsXml(store, page.contents, enc, true)) +
    page.commonPrefixes.map((p) => `<CommonPrefixes>${xmlFields({ Prefix: enc(p) })}</CommonPrefixes>`).join('');
  return xmlAnswer('ListBucketResult', body);
}
