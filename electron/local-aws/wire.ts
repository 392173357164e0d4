/**
 * What the four wire formats the local services speak have in common: an error a service throws
 * (AwsError, rendered in its own protocol's shape by the service), XML text, JSON bodies, and the
 * request ids every answer carries.
 */
import { randomUUID } from 'node:crypto';

/** A service's own error: its code (NoSuchKey, ConditionalCheckFailedException, ...), message and HTTP status. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Fields some errors carry besides code and message (S3's Key or BucketName, DynamoDB's Item). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** What a service answers. */
export interface AwsAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

export function newRequestId(): string {
  return randomUUID();
}

export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** <Name>escaped value</Name> for each defined value; arrays repeat the element. */
export function xmlFields(fields: Record<string, string | number | boolean | undefined | Array<string | number>>): string {
  let out = '';
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) out += `<${name}>${xmlEscape(String(v))}</${name}>`;
  }
  return out;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** awsJson 1.0/1.1 answers (DynamoDB, SQS's JSON protocol, EventBridge). */
export function jsonAnswer(value: unknown, contentType = 'application/x-amz-json-1.0', requestId = newRequestId()): AwsAnswer {
  return { status: 200, headers: { 'content-type': contentType, 'x-amzn-requestid': requestId }, body: JSON.stringify(value) };
}

/** awsJson errors: `__type` names the error shape, as the SDKs read it. */
export function jsonError(err: AwsError, typePrefix: string, contentType = 'application/x-amz-json-1.0', requestId = newRequestId()): AwsAnswer {
  return {
    status: err.status,
    headers: { 'content-type': contentType, 'x-amzn-requestid': requestId, 'x-amzn-errortype': err.code },
    body: JSON.stringify({ __type: `${typePrefix}${err.code}`, message: err.message, ...err.extra }),
  };
}

/** Query protocol answers (SNS, SQS's older clients): <ActionResponse><ActionResult>...</ActionResult><ResponseMetadata/></ActionResponse>. */
export function queryAnswer(action: string, resultXml: string, xmlns: string, requestId = newRequestId()): AwsAnswer {
  const result = resultXml ? `<${action}Result>${resultXml}</${action}Result>` : '';
  return {
    status: 200,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: `${XML_DECLARATION}<${action}Response xmlns="${xmlns}">${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

export function queryError(err: AwsError, xmlns: string, requestId = newRequestId()): AwsAnswer {
  const type = err.status >= 500 ? 'Receiver' : 'Sender';
  return {
    status: err.status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: `${XML_DECLARATION}<ErrorResponse xmlns="${xmlns}"><Error><Type>${type}</Type>${xmlFields({ Code: err.code, Message: err.message })}</Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}
