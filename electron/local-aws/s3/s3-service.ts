/**
 * S3 over its REST/XML protocol, on the workspace's buckets (their folders): the operation is
 * named by the method, whether there is a key, and the query's subresources (?uploads,
 * ?uploadId=, ?delete, ?list-type=2). Presigned URLs are plain requests with X-Amz-* query
 * parameters; their signatures, like every other, are not checked, but an expired one is refused
 * as S3 refuses it.
 */
import { header, type AwsRequest } from '../aws-request.js';
import type { AwsService, LocalResources } from '../service.js';
import { AwsError, type AwsAnswer } from '../wire.js';
import { bucketLocation, deleteObjects, headBucket, listBuckets } from './bucket-ops.js';
import { listObjectsV1, listObjectsV2 } from './list-objects.js';
import { abortMultipartUpload, completeMultipartUpload, createMultipartUpload, listMultipartUploads, listParts, uploadPart, uploadsFolder } from './multipart.js';
import { ObjectStore } from './object-store.js';
import { copyObject, copySource, deleteObject, getObject, headObject, putObject } from './object-ops.js';
import { s3Address, validBucketName } from './s3-address.js';
import { s3Error } from './s3-wire.js';

/** Subresources of buckets and objects faaslab does not keep (ACLs, policies, tags, versions, ...). */
const UNSUPPORTED = [
  'acl',
  'accelerate',
  'analytics',
  'attributes',
  'cors',
  'encryption',
  'intelligent-tiering',
  'inventory',
  'legal-hold',
  'lifecycle',
  'logging',
  'metrics',
  'notification',
  'object-lock',
  'ownershipControls',
  'policy',
  'policyStatus',
  'publicAccessBlock',
  'replication',
  'requestPayment',
  'restore',
  'retention',
  'select',
  'tagging',
  'torrent',
  'versioning',
  'versions',
  'website',
];

function notImplemented(what: string): AwsError {
  return new AwsError('NotImplemented', `A header you provided implies functionality that is not implemented (faaslab's local S3 has no ${what})`, 501);
}

/**
 * A bucket by its name (what `!Ref Bucket` gives a function). An expired presigned request is
 * refused here, once its operation is named for the call log.
 */
function storeOf(req: AwsRequest, resources: LocalResources, bucket: string): ObjectStore {
  checkExpiry(req);
  const folder = bucketNamed(resources, bucket);
  if (folder) return new ObjectStore(resources.triggers.storage, folder);
  if (!validBucketName(bucket)) throw new AwsError('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: bucket });
  throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });
}

/** Not by logical id, which the storage layer also takes: S3 knows buckets by name only. */
function bucketNamed(resources: LocalResources, name: string) {
  const folder = resources.triggers.storage.bucket(name);
  return folder?.bucketName === name ? folder : undefined;
}

/** A presigned URL past its X-Amz-Expires. */
function checkExpiry(req: AwsRequest): void {
  const date = req.query.get('X-Amz-Date');
  const expires = req.query.get('X-Amz-Expires');
  if (!date || !expires) return;
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  if (!m) return;
  const signedAt = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  const expiresAt = signedAt + Number(expires) * 1000;
  if (Date.now() > expiresAt) {
    throw new AwsError('AccessDenied', 'Request has expired', 403, { 'X-Amz-Expires': expires, Expires: new Date(expiresAt).toISOString(), ServerTime: new Date().toISOString() });
  }
}

async function route(req: AwsRequest, resources: LocalResources): Promise<AwsAnswer> {
  const { bucket, key } = s3Address(req);
  const q = req.query;
  const method = req.method;
  if (!bucket) {
    req.operation = 'ListBuckets';
    if (method !== 'GET') throw new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, { Method: method, ResourceType: 'SERVICE' });
    checkExpiry(req);
    return listBuckets(req, resources);
  }
  req.resource = key === undefined ? bucket : `${bucket}/${key}`;
  const unsupported = UNSUPPORTED.find((s) => q.has(s));
  if (unsupported) {
    req.operation = `${method} ?${unsupported}`;
    throw notImplemented(`${unsupported} configuration`);
  }
  const state = resources.triggers.storage.stateFolder;
  if (key === undefined) return bucketOperation(req, resources, bucket);
  switch (method) {
    case 'PUT': {
      if (q.has('uploadId')) {
        req.operation = header(req.headers, 'x-amz-copy-source') ? 'UploadPartCopy' : 'UploadPart';
        if (req.operation === 'UploadPartCopy') throw notImplemented('UploadPartCopy');
        return uploadPart(req, uploadsFolder(state), storeOf(req, resources, bucket), key);
      }
      const source = header(req.headers, 'x-amz-copy-source');
      if (source) {
        req.operation = 'CopyObject';
        const target = storeOf(req, resources, bucket);
        const from = copySource(source);
        return copyObject(req, storeOf(req, resources, from.bucket), from.key, target, key);
      }
      req.operation = 'PutObject';
      return putObject(req, storeOf(req, resources, bucket), key);
    }
    case 'GET':
      if (q.has('uploadId')) {
        req.operation = 'ListParts';
        return listParts(req, uploadsFolder(resources.triggers.storage.stateFolder), storeOf(req, resources, bucket), key);
      }
      req.operation = 'GetObject';
      return getObject(req, storeOf(req, resources, bucket), key);
    case 'HEAD':
      req.operation = 'HeadObject';
      return headObject(req, storeOf(req, resources, bucket), key);
    case 'DELETE':
      if (q.has('uploadId')) {
        req.operation = 'AbortMultipartUpload';
        return abortMultipartUpload(req, uploadsFolder(state), storeOf(req, resources, bucket), key);
      }
      req.operation = 'DeleteObject';
      return deleteObject(storeOf(req, resources, bucket), key);
    case 'POST':
      if (q.has('uploads')) {
        req.operation = 'CreateMultipartUpload';
        return createMultipartUpload(req, uploadsFolder(state), storeOf(req, resources, bucket), key);
      }
      if (q.has('uploadId')) {
        req.operation = 'CompleteMultipartUpload';
        const location = `${resources.endpointUrl}/${encodeURIComponent(bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
        return completeMultipartUpload(req, uploadsFolder(state), storeOf(req, resources, bucket), key, location);
      }
      req.operation = 'PostObject';
      throw notImplemented('POST object (browser form uploads)');
    default:
      req.operation = method;
      throw new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, { Method: method, ResourceType: 'OBJECT' });
  }
}

async function bucketOperation(req: AwsRequest, resources: LocalResources, bucket: string): Promise<AwsAnswer> {
  const q = req.query;
  switch (req.method) {
    case 'GET':
      if (q.has('location')) {
        req.operation = 'GetBucketLocation';
        storeOf(req, resources, bucket);
        return bucketLocation(resources);
      }
      if (q.has('uploads')) {
        req.operation = 'ListMultipartUploads';
        return listMultipartUploads(uploadsFolder(resources.triggers.storage.stateFolder), storeOf(req, resources, bucket));
      }
      req.operation = q.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
      return req.operation === 'ListObjectsV2' ? listObjectsV2(req, storeOf(req, resources, bucket)) : listObjectsV1(req, storeOf(req, resources, bucket));
    case 'HEAD':
      req.operation = 'HeadBucket';
      storeOf(req, resources, bucket);
      return headBucket(resources);
    case 'POST':
      if (q.has('delete')) {
        req.operation = 'DeleteObjects';
        return deleteObjects(req, storeOf(req, resources, bucket));
      }
      req.operation = 'PostObject';
      throw notImplemented('POST object (browser form uploads)');
    case 'PUT':
      req.operation = 'CreateBucket';
      if (bucketNamed(resources, bucket)) {
        throw new AwsError('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409, { BucketName: bucket });
      }
      throw notImplemented('CreateBucket: local buckets are the AWS::S3::Bucket resources of template.yaml');
    case 'DELETE':
      req.operation = 'DeleteBucket';
      throw notImplemented('DeleteBucket: local buckets are the AWS::S3::Bucket resources of template.yaml');
    default:
      req.operation = req.method;
      throw new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, { Method: req.method, ResourceType: 'BUCKET' });
  }
}

export const s3Service: AwsService = {
  name: 's3',
  handle: route,
  renderError: s3Error,
};
