/**
 * Multipart uploads: each upload is a folder of the workspace's state folder
 * (.faaslab/s3/uploads/<UploadId>/), never the bucket's, holding what the object will be (bucket,
 * key, headers) and its parts as files; completing one concatenates the parts listed into the
 * object, whose ETag is S3's: the MD5 of the parts' MD5s, "-" and the number of parts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AwsRequest } from '../aws-request.js';
import { AwsError, xmlFields, type AwsAnswer } from '../wire.js';
import { compareKeys, type ObjectMeta, type ObjectStore } from './object-store.js';
import { metaFromHeaders, payload } from './s3-headers.js';
import { emptyAnswer, xmlAnswer } from './s3-wire.js';
import { childText, malformedXml, parseXml } from './s3-xml.js';

/** S3's smallest part, but for the last. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;
const MAX_PARTS = 10_000;

interface Upload {
  bucket: string;
  key: string;
  meta: ObjectMeta;
  initiated: string;
}

export function uploadsFolder(stateFolder: string): string {
  return path.join(stateFolder, 's3', 'uploads');
}

function noSuchUpload(uploadId: string): AwsError {
  return new AwsError('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', 404, { UploadId: uploadId });
}

async function openUpload(folder: string, uploadId: string, bucket: string, key: string): Promise<{ dir: string; upload: Upload }> {
  if (!/^[A-Za-z0-9_-]+$/.test(uploadId)) throw noSuchUpload(uploadId);
  const dir = path.join(folder, uploadId);
  let upload: Upload;
  try {
    upload = JSON.parse(await readFile(path.join(dir, 'upload.json'), 'utf8')) as Upload;
  } catch {
    throw noSuchUpload(uploadId);
  }
  if (upload.bucket !== bucket || upload.key !== key) throw noSuchUpload(uploadId);
  return { dir, upload };
}

export async function createMultipartUpload(req: AwsRequest, folder: string, store: ObjectStore, key: string): Promise<AwsAnswer> {
  const uploadId = randomBytes(24).toString('base64url');
  const dir = path.join(folder, uploadId);
  mkdirSync(dir, { recursive: true });
  const upload: Upload = { bucket: store.name, key, meta: metaFromHeaders(req.headers), initiated: new Date().toISOString() };
  await writeFile(path.join(dir, 'upload.json'), JSON.stringify(upload));
  return xmlAnswer('InitiateMultipartUploadResult', xmlFields({ Bucket: store.name, Key: key, UploadId: uploadId }));
}

function partNumberOf(raw: string | null): number {
  const n = Number(raw);
  if (raw === null || !/^\d+$/.test(raw) || n < 1 || n > MAX_PARTS) {
    throw new AwsError('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', 400, { ArgumentName: 'partNumber', ArgumentValue: raw ?? '' });
  }
  return n;
}

export async function uploadPart(req: AwsRequest, folder: string, store: ObjectStore, key: string): Promise<AwsAnswer> {
  const partNumber = partNumberOf(req.query.get('partNumber'));
  const { dir } = await openUpload(folder, req.query.get('uploadId') ?? '', store.name, key);
  const { body, checksums } = payload(req);
  const tmp = path.join(dir, `${partNumber}.${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(tmp, body);
  await rename(tmp, path.join(dir, String(partNumber)));
  return emptyAnswer(200, { etag: `"${createHash('md5').update(body).digest('hex')}"`, ...checksums });
}

export async function abortMultipartUpload(req: AwsRequest, folder: string, store: ObjectStore, key: string): Promise<AwsAnswer> {
  const { dir } = await openUpload(folder, req.query.get('uploadId') ?? '', store.name, key);
  await rm(dir, { recursive: true, force: true });
  return emptyAnswer(204);
}

export async function completeMultipartUpload(req: AwsRequest, folder: string, store: ObjectStore, key: string, location: string): Promise<AwsAnswer> {
  const uploadId = req.query.get('uploadId') ?? '';
  const { dir, upload } = await openUpload(folder, uploadId, store.name, key);
  const root = parseXml(req.body.toString('utf8'));
  if (root.name !== 'CompleteMultipartUpload') throw malformedXml();
  const listed = root.children.filter((c) => c.name === 'Part').map((p) => ({ partNumber: Number(childText(p, 'PartNumber')), eTag: (childText(p, 'ETag') ?? '').replace(/"/g, '').trim() }));
  if (listed.length === 0 || listed.some((p) => !Number.isInteger(p.partNumber))) throw malformedXml();
  for (let i = 1; i < listed.length; i++) {
    if (listed[i]!.partNumber <= listed[i - 1]!.partNumber)
      throw new AwsError('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.', 400, { UploadId: uploadId });
  }
  const parts: Buffer[] = [];
  const md5s: Buffer[] = [];
  for (const p of listed) {
    const invalidPart = new AwsError(
      'InvalidPart',
      "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
      400,
      { UploadId: uploadId, PartNumber: p.partNumber, ETag: p.eTag },
    );
    let content: Buffer;
    try {
      content = await readFile(path.join(dir, String(p.partNumber)));
    } catch {
      throw invalidPart;
    }
    const md5 = createHash('md5').update(content).digest();
    if (md5.toString('hex') !== p.eTag) throw invalidPart;
    parts.push(content);
    md5s.push(md5);
  }
  // Every part listed must exist before their sizes are judged.
  const small = parts.slice(0, -1).find((p) => p.length < MIN_PART_SIZE);
  if (small) throw new AwsError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', 400, { ProposedSize: small.length, MinSizeAllowed: MIN_PART_SIZE });
  const eTag = `${createHash('md5').update(Buffer.concat(md5s)).digest('hex')}-${parts.length}`;
  await store.put(key, Buffer.concat(parts), upload.meta, { eventName: 'ObjectCreated:CompleteMultipartUpload', eTag });
  await rm(dir, { recursive: true, force: true });
  return xmlAnswer('CompleteMultipartUploadResult', xmlFields({ Location: location, Bucket: store.name, Key: key, ETag: `"${eTag}"` }));
}

/** ListParts: the parts uploaded so far, in order (no paging: a local upload's parts are few). */
export async function listParts(req: AwsRequest, folder: string, store: ObjectStore, key: string): Promise<AwsAnswer> {
  const uploadId = req.query.get('uploadId') ?? '';
  const { dir } = await openUpload(folder, uploadId, store.name, key);
  const numbers = readdirSync(dir)
    .filter((n) => /^\d+$/.test(n))
    .map(Number)
    .sort((a, b) => a - b);
  let parts = '';
  for (const n of numbers) {
    const file = path.join(dir, String(n));
    const content = await readFile(file);
    parts += `<Part>${xmlFields({ PartNumber: n, LastModified: statSync(file).mtime.toISOString(), ETag: `"${createHash('md5').update(content).digest('hex')}"`, Size: content.length })}</Part>`;
  }
  return xmlAnswer('ListPartsResult', xmlFields({ Bucket: store.name, Key: key, UploadId: uploadId, StorageClass: 'STANDARD', MaxParts: MAX_PARTS, IsTruncated: false }) + parts);
}

/** ListMultipartUploads: the bucket's uploads not yet completed or aborted, by key. */
export async function listMultipartUploads(folder: string, store: ObjectStore): Promise<AwsAnswer> {
  const uploads: Array<{ id: string; upload: Upload }> = [];
  let ids: string[] = [];
  try {
    ids = readdirSync(folder);
  } catch {
    // no upload was ever started
  }
  for (const id of ids) {
    try {
      const upload = JSON.parse(await readFile(path.join(folder, id, 'upload.json'), 'utf8')) as Upload;
      if (upload.bucket === store.name) uploads.push({ id, upload });
    } catch {
      // completed or aborted meanwhile
    }
  }
  uploads.sort((a, b) => compareKeys(a.upload.key, b.upload.key) || a.upload.initiated.localeCompare(b.upload.initiated));
  const body = uploads.map((u) => `<Upload>${xmlFields({ Key: u.upload.key, UploadId: u.id, Initiated: u.upload.initiated, StorageClass: 'STANDARD' })}</Upload>`).join('');
  return xmlAnswer('ListMultipartUploadsResult', xmlFields({ Bucket: store.name, MaxUploads: 1000, IsTruncated: false }) + body);
}
