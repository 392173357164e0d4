/** PutObject, GetObject (with Range and conditions), HeadObject, DeleteObject and CopyObject on a bucket's folder. */
import { header, type AwsRequest } from '../aws-request.js';
import { AwsError, xmlFields, type AwsAnswer } from '../wire.js';
import type { ObjectStore, StoredObject } from './object-store.js';
import { byteRange } from './range.js';
import { metaFromHeaders, objectHeaders, payload } from './s3-headers.js';
import { emptyAnswer, requestIds, xmlAnswer } from './s3-wire.js';

export function noSuchKey(key: string): AwsError {
  return new AwsError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
}

export async function putObject(req: AwsRequest, store: ObjectStore, key: string): Promise<AwsAnswer> {
  const { body, checksums } = payload(req);
  const obj = await store.put(key, body, { ...metaFromHeaders(req.headers), checksums });
  return emptyAnswer(200, { etag: `"${obj.eTag}"`, ...checksums });
}

async function existing(store: ObjectStore, key: string): Promise<StoredObject> {
  const obj = await store.stat(key);
  if (!obj) throw noSuchKey(key);
  return obj;
}

/** GetObject's response-* query parameters (presigned links use them) replace the stored headers. */
const OVERRIDES = ['content-type', 'content-language', 'expires', 'cache-control', 'content-disposition', 'content-encoding'];

export async function getObject(req: AwsRequest, store: ObjectStore, key: string): Promise<AwsAnswer> {
  const obj = await existing(store, key);
  const headers = objectHeaders(obj);
  const unchanged = preconditions(req, obj);
  if (unchanged) return unchanged;
  for (const name of OVERRIDES) {
    const v = req.query.get(`response-${name}`);
    if (v !== null) headers[name] = v;
  }
  const rangeHeader = header(req.headers, 'range');
  const range = rangeHeader ? byteRange(rangeHeader, obj.size) : undefined;
  if (range) {
    // S3 gives no whole-object checksum with a part of it.
    const body = await store.read(key, range);
    return { status: 206, headers: { ...requestIds(), ...headers, 'content-range': `bytes ${range.start}-${range.end}/${obj.size}` }, body };
  }
  return { status: 200, headers: { ...requestIds(), ...headers, ...checksumHeaders(req, obj) }, body: await store.read(key) };
}

export async function headObject(req: AwsRequest, store: ObjectStore, key: string): Promise<AwsAnswer> {
  const obj = await existing(store, key);
  const unchanged = preconditions(req, obj);
  if (unchanged) return unchanged;
  const rangeHeader = header(req.headers, 'range');
  const range = rangeHeader ? byteRange(rangeHeader, obj.size) : undefined;
  const length = range ? range.end - range.start + 1 : obj.size;
  return {
    status: range ? 206 : 200,
    headers: {
      ...requestIds(),
      ...objectHeaders(obj),
      'content-length': String(length),
      ...(range ? { 'content-range': `bytes ${range.start}-${range.end}/${obj.size}` } : checksumHeaders(req, obj)),
    },
  };
}

function checksumHeaders(req: AwsRequest, obj: StoredObject): Record<string, string> {
  return header(req.headers, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED' ? (obj.meta.checksums ?? {}) : {};
}

/** If-Match and If-Unmodified-Since fail with 412; If-None-Match and If-Modified-Since answer 304 (RFC 7232's order, as S3 follows it). */
function preconditions(req: AwsRequest, obj: StoredObject): AwsAnswer | undefined {
  const ifMatch = header(req.headers, 'if-match');
  const ifNoneMatch = header(req.headers, 'if-none-match');
  const ifModifiedSince = header(req.headers, 'if-modified-since');
  const ifUnmodifiedSince = header(req.headers, 'if-unmodified-since');
  const seconds = Math.floor(obj.lastModified.getTime() / 1000) * 1000;
  const matches = (list: string) => list.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '').replace(/"/g, '') === obj.eTag);
  if (ifMatch !== undefined && !matches(ifMatch)) throw preconditionFailed('If-Match');
  if (ifMatch === undefined && ifUnmodifiedSince !== undefined && seconds > Date.parse(ifUnmodifiedSince)) throw preconditionFailed('If-Unmodified-Since');
  const notModified = { status: 304, headers: { ...requestIds(), etag: `"${obj.eTag}"`, 'last-modified': obj.lastModified.toUTCString() } };
  if (ifNoneMatch !== undefined) return matches(ifNoneMatch) ? notModified : undefined;
  if (ifModifiedSince !== undefined && seconds <= Date.parse(ifModifiedSince)) return notModified;
  return undefined;
}

function preconditionFailed(condition: string): AwsError {
  return new AwsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: condition });
}

export async function deleteObject(store: ObjectStore, key: string): Promise<AwsAnswer> {
  await store.delete(key);
  return emptyAnswer(204);
}

/** x-amz-copy-source: "bucket/key" or "/bucket/key", percent-encoded, perhaps with ?versionId=. */
export function copySource(value: string): { bucket: string; key: string } {
  const path = value.replace(/\?versionId=.*$/, '').replace(/^\//, '');
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1)
    throw new AwsError('InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey', 400, { ArgumentName: 'x-amz-copy-source', ArgumentValue: value });
  try {
    return { bucket: decodeURIComponent(path.slice(0, slash)), key: decodeURIComponent(path.slice(slash + 1)) };
  } catch {
    throw new AwsError('InvalidArgument', 'Invalid copy source encoding', 400, { ArgumentName: 'x-amz-copy-source', ArgumentValue: value });
  }
}

export async function copyObject(req: AwsRequest, source: ObjectStore, sourceKey: string, target: ObjectStore, key: string): Promise<AwsAnswer> {
  const obj = await existing(source, sourceKey);
  const directive = (header(req.headers, 'x-amz-metadata-directive') ?? 'COPY').toUpperCase();
  if (directive !== 'COPY' && directive !== 'REPLACE') {
    throw new AwsError('InvalidArgument', 'Unknown metadata directive.', 400, { ArgumentName: 'x-amz-metadata-directive', ArgumentValue: directive });
  }
  if (directive === 'COPY' && source.name === target.name && sourceKey === key) {
    throw new AwsError(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  const meta = directive === 'REPLACE' ? metaFromHeaders(req.headers) : obj.meta;
  const copied = await target.put(key, await source.read(sourceKey), meta, { eventName: 'ObjectCreated:Copy' });
  return xmlAnswer('CopyObjectResult', xmlFields({ LastModified: copied.lastModified.toISOString(), ETag: `"${copied.eTag}"` }));
}
