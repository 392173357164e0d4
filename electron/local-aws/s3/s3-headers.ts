/**
 * What S3 keeps from a write's headers and gives back on reads, and the body as S3 reads it: a
 * streaming upload (aws-chunked, what the SDKs send with a trailing checksum) decoded to its
 * bytes, a Content-MD5 checked.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { header, type AwsRequest } from '../aws-request.js';
import { AwsError } from '../wire.js';
import { verifiedChecksums } from './checksums.js';
import { DEFAULT_CONTENT_TYPE, type ObjectMeta, type StoredObject } from './object-store.js';

/** The standard headers S3 stores with an object. */
const KEPT = ['content-type', 'content-encoding', 'cache-control', 'content-disposition', 'content-language', 'expires'];
const USER = 'x-amz-meta-';

export function metaFromHeaders(headers: IncomingHttpHeaders): ObjectMeta {
  const kept: Record<string, string> = {};
  for (const name of KEPT) {
    let value = header(headers, name);
    // aws-chunked describes this request's framing, not the object.
    if (name === 'content-encoding' && value)
      value = value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v && v !== 'aws-chunked')
        .join(', ');
    if (value) kept[name] = value;
  }
  const user: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(USER) && value !== undefined) user[name.slice(USER.length)] = Array.isArray(value) ? value.join(',') : value;
  }
  return { headers: kept, user };
}

export function objectHeaders(obj: StoredObject): Record<string, string> {
  const out: Record<string, string> = {
    'content-type': obj.meta.headers['content-type'] ?? DEFAULT_CONTENT_TYPE,
    etag: `"${obj.eTag}"`,
    'last-modified': obj.lastModified.toUTCString(),
    'accept-ranges': 'bytes',
  };
  for (const [name, value] of Object.entries(obj.meta.headers)) if (name !== 'content-type') out[name] = value;
  for (const [name, value] of Object.entries(obj.meta.user)) out[`${USER}${name}`] = value;
  return out;
}

/** The object's bytes from a PutObject or UploadPart body, and the checksums it came with (checked). */
export function payload(req: AwsRequest): { body: Buffer; checksums: Record<string, string> } {
  const sha = header(req.headers, 'x-amz-content-sha256') ?? '';
  const encoding = header(req.headers, 'content-encoding') ?? '';
  const chunked = sha.startsWith('STREAMING-') || /(^|,)\s*aws-chunked\s*(,|$)/.test(encoding);
  const { body, trailers } = chunked ? decodeChunked(req.body) : { body: req.body, trailers: {} };
  const md5 = header(req.headers, 'content-md5');
  if (md5 !== undefined) {
    if (Buffer.from(md5, 'base64').length !== 16) throw new AwsError('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400, { 'Content-MD5': md5 });
    if (createHash('md5').update(body).digest('base64') !== md5) {
      throw new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400, { ExpectedDigest: md5, CalculatedDigest: createHash('md5').update(body).digest('base64') });
    }
  }
  const given: Record<string, string | undefined> = { ...trailers };
  for (const name of Object.keys(req.headers)) given[name] = header(req.headers, name);
  return { body, checksums: verifiedChecksums(body, given) };
}

/** aws-chunked: `<hex size>[;chunk-signature=...]\r\n<bytes>\r\n` ... `0\r\n<trailer: value\r\n>...\r\n`. */
function decodeChunked(raw: Buffer): { body: Buffer; trailers: Record<string, string> } {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = raw.indexOf('\r\n', at);
    if (eol < 0) throw incomplete();
    const size = parseInt(raw.subarray(at, eol).toString('latin1').split(';')[0]!.trim(), 16);
    if (!Number.isFinite(size) || size < 0) throw incomplete();
    at = eol + 2;
    if (size === 0) break;
    if (at + size > raw.length) throw incomplete();
    parts.push(raw.subarray(at, at + size));
    at += size + 2;
  }
  const trailers: Record<string, string> = {};
  for (const line of raw.subarray(at).toString('latin1').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { body: Buffer.concat(parts), trailers };
}

function incomplete(): AwsError {
  return new AwsError('IncompleteBody', 'The request body terminated unexpectedly');
}
