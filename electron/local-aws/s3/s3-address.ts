/**
 * Which bucket and key a request is about. Path style (/bucket/key) and virtual-host style
 * (Host: bucket.localhost:port, what the SDKs send to a `localhost` endpoint without
 * forcePathStyle). The path arrives percent-encoded: a key is decoded exactly once, so '+' stays
 * a plus (only query strings make it a space) and %2F inside a key is a slash like any other.
 */
import type { AwsRequest } from '../aws-request.js';
import { AwsError } from '../wire.js';

export interface S3Address {
  bucket?: string;
  key?: string;
}

const VIRTUAL_HOST = /^(.+)\.localhost$/i;

export function s3Address(req: AwsRequest): S3Address {
  const hostname = req.host.replace(/:\d+$/, '');
  const virtual = VIRTUAL_HOST.exec(hostname);
  const path = req.rawPath.startsWith('/') ? req.rawPath.slice(1) : req.rawPath;
  if (virtual) {
    const key = decode(path);
    return { bucket: virtual[1]!, ...(key ? { key } : {}) };
  }
  if (!path) return {};
  const slash = path.indexOf('/');
  const bucket = decode(slash < 0 ? path : path.slice(0, slash));
  const key = slash < 0 ? '' : decode(path.slice(slash + 1));
  return { bucket, ...(key ? { key } : {}) };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new AwsError('InvalidURI', "Couldn't parse the specified URI.");
  }
}

/** S3's rules for bucket names (general purpose buckets): what a name of a bucket that does not exist is checked against. */
export function validBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) && !/\.\.|\.-|-\./.test(name) && !/^\d+\.\d+\.\d+\.\d+$/.test(name) && !name.startsWith('xn--');
}
