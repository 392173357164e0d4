/** S3's REST/XML answers: the request id headers every answer carries, XML bodies, and errors in S3's <Error> shape. */
import { randomBytes } from 'node:crypto';
import type { AwsRequest } from '../aws-request.js';
import { XML_DECLARATION, xmlFields, type AwsAnswer, type AwsError } from '../wire.js';

export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

export function requestIds(): Record<string, string> {
  return { 'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(), 'x-amz-id-2': randomBytes(32).toString('base64') };
}

export function xmlAnswer(root: string, inner: string, headers: Record<string, string> = {}): AwsAnswer {
  return {
    status: 200,
    headers: { ...requestIds(), 'content-type': 'application/xml', ...headers },
    body: `${XML_DECLARATION}<${root} xmlns="${S3_XMLNS}">${inner}</${root}>`,
  };
}

export function emptyAnswer(status = 200, headers: Record<string, string> = {}): AwsAnswer {
  return { status, headers: { ...requestIds(), ...headers }, body: '' };
}

/** S3's error: <Error><Code/><Message/>(its own fields)<RequestId/><HostId/></Error>; a HEAD gets the status alone, as S3 answers it. */
export function s3Error(err: AwsError, req: AwsRequest): AwsAnswer {
  const ids = requestIds();
  if (req.method === 'HEAD') return { status: err.status, headers: ids };
  const extra: Record<string, string> = {};
  for (const [k, v] of Object.entries(err.extra)) if (v !== undefined) extra[k] = String(v);
  return {
    status: err.status,
    headers: { ...ids, 'content-type': 'application/xml' },
    body: `${XML_DECLARATION}<Error>${xmlFields({ Code: err.code, Message: err.message, ...extra, RequestId: ids['x-amz-request-id'], HostId: ids['x-amz-id-2'] })}</Error>`,
  };
}
