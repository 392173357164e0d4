/**
 * One request to the local AWS endpoint, read once and handed to the service it is for. Which
 * service: the SigV4 credential scope names it (the Authorization header, or X-Amz-Credential in
 * a presigned URL), X-Amz-Target names the JSON protocol services' operations, and an unsigned
 * request (curl, a browser following a presigned link without its query) is S3's.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface AwsRequest {
  method: string;
  /** The path as sent, percent-encoded (S3 keys are decoded by S3 itself). */
  rawPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The SigV4 service name: 's3', 'dynamodb', 'sqs', 'sns', 'events', or another the endpoint does not have. */
  service: string;
  region: string;
  /** The caller's access key id: a function's own, by which its calls land in its invocation. */
  accessKeyId?: string;
  /** X-Amz-Target, for the JSON protocols ('DynamoDB_20120810.PutItem', 'AmazonSQS.SendMessage'). */
  target?: string;
  /** The Host header, for S3's virtual-host style (bucket.localhost:4566). */
  host: string;
  /** Set by the service once it knows the operation, so that an error is recorded against it. */
  operation?: string;
  /** Set by the service: the bucket, table, queue or topic the call is about. */
  resource?: string;
}

const SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

const TARGET_SERVICES: Array<[RegExp, string]> = [
  [/^DynamoDB_\d+\./, 'dynamodb'],
  [/^DynamoDBStreams_\d+\./, 'dynamodb'],
  [/^AmazonSQS\./, 'sqs'],
  [/^AWSEvents\./, 'events'],
];

export function describeRequest(input: { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer }, defaultRegion: string): AwsRequest {
  const url = new URL(input.url, 'http://localhost');
  const auth = header(input.headers, 'authorization') ?? '';
  const presigned = url.searchParams.get('X-Amz-Credential');
  const scope = SCOPE.exec(auth) ?? (presigned ? SCOPE.exec(`Credential=${presigned}`) : null);
  const target = header(input.headers, 'x-amz-target');
  const byTarget = target ? TARGET_SERVICES.find(([re]) => re.test(target))?.[1] : undefined;
  // SigV2 (old S3 clients): "AWS AKID:signature".
  const v2 = /^AWS ([^:\s]+):/.exec(auth);
  return {
    method: input.method,
    // As sent: URL parsing would resolve '.' and '..' segments, which are part of an S3 key.
    rawPath: input.url.startsWith('/') ? input.url.split('?')[0]! : url.pathname,
    query: url.searchParams,
    headers: input.headers,
    body: input.body,
    service: byTarget ?? scope?.[3] ?? (v2 ? 's3' : queryService(url.searchParams, input)) ?? 's3',
    region: scope?.[2] ?? defaultRegion,
    ...(scope?.[1] || v2?.[1] ? { accessKeyId: scope?.[1] ?? v2?.[1] } : {}),
    ...(target ? { target } : {}),
    host: header(input.headers, 'host') ?? '',
  };
}

/** An unsigned query-protocol call (Action=... in the body or the query) is SQS's or SNS's by its action. */
function queryService(query: URLSearchParams, input: { headers: IncomingHttpHeaders; body: Buffer }): string | undefined {
  const form = (header(input.headers, 'content-type') ?? '').startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(input.body.toString('utf8')) : undefined;
  const action = query.get('Action') ?? form?.get('Action');
  if (!action) return undefined;
  if (/^(Publish|PublishBatch|Subscribe|Unsubscribe|ListTopics|CreateTopic|ListSubscriptions|GetTopicAttributes)/.test(action)) return 'sns';
  return 'sqs';
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The query protocol's parameters (SQS's and SNS's older wire format): the form body, or the query string of a GET. */
export function queryParams(req: AwsRequest): URLSearchParams {
  if (req.method === 'GET') return req.query;
  const form = new URLSearchParams(req.body.toString('utf8'));
  for (const [k, v] of req.query) if (!form.has(k)) form.set(k, v);
  return form;
}

/** A query-protocol form as a tree of its dotted names: `Entry.2.Id=x` becomes { Entry: { 2: { Id: 'x' } } }. Action and Version are left out. */
export type FormTree = { [key: string]: FormTree | string };

export function formTree(params: URLSearchParams): FormTree {
  const root: FormTree = {};
  for (const [key, value] of params) {
    if (key === 'Action' || key === 'Version') continue;
    const parts = key.split('.');
    let node = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = value;
      else {
        const next = node[part];
        node = typeof next === 'object' ? next : (node[part] = {});
      }
    });
  }
  return root;
}

/** A JSON protocol's input object; `invalid` makes the service's own error for a body that is not one. */
export function jsonObjectBody(body: Buffer, invalid: (message: string) => Error): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('The request body must be a JSON object.');
  return value as Record<string, unknown>;
}
