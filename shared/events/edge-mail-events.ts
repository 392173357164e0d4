/** Lambda@Edge (CloudFront) requests and SES email receiving. */
import { DEFAULT_ACCOUNT_ID as ACCOUNT, DEFAULT_REGION as REGION } from '../lambda/limits.js';
import { chars, hex, uuid } from './random.js';
import { defineTemplate } from './template-types.js';

const CLOUDFRONT = { service: 'cloudfront', serviceTitle: 'Amazon CloudFront (Lambda@Edge)' } as const;
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const VIEWER_IP = '203.0.113.178';

const EDGE_FIELDS = [
  { name: 'uri', description: 'The request path', default: '/index.html' },
  { name: 'method', description: 'The HTTP method', default: 'GET' },
  { name: 'querystring', description: "The query string, without '?'", default: 'lang=en' },
] as const;

/** CloudFront's headers: lower-case names, each a list of {key, value} with the name as sent. */
function cfHeaders(headers: Record<string, string>) {
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), [{ key, value }]]));
}

function cloudfrontRecord<R extends object>(eventType: 'viewer-request' | 'origin-request', request: R) {
  const distributionDomainName = `d${chars(13, LOWER)}.cloudfront.net`;
  return {
    Records: [
      {
        cf: {
          config: { distributionDomainName, distributionId: `E${chars(13, UPPER)}`, eventType, requestId: `${chars(54, `${UPPER}abcdefghijklmnopqrstuvwxyz-_`)}==` },
          request: { clientIp: VIEWER_IP, ...request },
        },
      },
    ],
  };
}

export const cloudfrontViewerRequest = defineTemplate({
  ...CLOUDFRONT,
  id: 'cloudfront-viewer-request',
  type: 'viewer-request',
  title: 'Lambda@Edge viewer request',
  description:
    'A viewer request before CloudFront checks its cache: config and request (clientIp, method, uri, querystring, headers as lists of {key, value}). Return the request, changed or not, or a response.',
  fields: EDGE_FIELDS,
  make: (v) =>
    cloudfrontRecord('viewer-request', {
      headers: cfHeaders({ Host: 'www.example.com', 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0', Accept: 'text/html', 'Accept-Language': 'en-GB,en;q=0.8' }),
      method: v.method,
      querystring: v.querystring,
      uri: v.uri,
    }),
});

export const cloudfrontOriginRequest = defineTemplate({
  ...CLOUDFRONT,
  id: 'cloudfront-origin-request',
  type: 'origin-request',
  title: 'Lambda@Edge origin request',
  description: 'A cache miss on its way to the origin: the viewer request with the headers CloudFront forwards and the origin (a custom origin here), which the function may change.',
  fields: [...EDGE_FIELDS, { name: 'origin', description: "The custom origin's domain name", default: 'origin.example.com' }],
  make: (v) =>
    cloudfrontRecord('origin-request', {
      headers: cfHeaders({ Host: v.origin, 'User-Agent': 'Amazon CloudFront', 'X-Forwarded-For': VIEWER_IP, Via: `2.0 ${hex(32)}.cloudfront.net (CloudFront)`, 'Accept-Language': 'en-GB,en;q=0.8' }),
      method: v.method,
      origin: { custom: { customHeaders: {}, domainName: v.origin, keepaliveTimeout: 5, path: '', port: 443, protocol: 'https' as const, readTimeout: 30, sslProtocols: ['TLSv1.2'] } },
      querystring: v.querystring,
      uri: v.uri,
    }),
});

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** An email Date header (RFC 5322): `Wed, 7 Oct 2015 12:34:56 +0000`. */
function mailDate(d: Date): string {
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

export const sesEmailReceiving = defineTemplate({
  id: 'ses-email-receiving',
  service: 'ses',
  type: 'email-receiving',
  serviceTitle: 'Amazon SES',
  title: 'Email received by a receipt rule',
  description: "An email SES received and a receipt rule's Lambda action passes on: the mail's headers and common headers (not the body) and the receipt's spam, virus, SPF, DKIM and DMARC verdicts.",
  fields: [
    { name: 'from', description: 'The sender', default: 'Jane Doe <jane@example.com>' },
    { name: 'to', description: 'The recipient', default: 'orders@example.org' },
    { name: 'subject', description: 'The subject', default: 'Order 1234' },
  ],
  make(v) {
    const now = new Date();
    const sent = new Date(now.getTime() - 1500);
    const address = (/<([^>]+)>/.exec(v.from)?.[1] ?? v.from).trim();
    const messageId = chars(40, 'abcdefghijklmnopqrstuvwxyz0123456789');
    const headerId = `<${uuid()}@${address.split('@')[1] ?? 'example.com'}>`;
    const pass = { status: 'PASS' as const };
    return {
      Records: [
        {
          eventSource: 'aws:ses',
          eventVersion: '1.0',
          ses: {
            mail: {
              timestamp: now.toISOString(),
              source: address,
              messageId,
              destination: [v.to],
              headersTruncated: false,
              headers: [
                { name: 'Return-Path', value: `<${address}>` },
                { name: 'Received', value: `from mail.example.com (mail.example.com [198.51.100.7]) by inbound-smtp.${REGION}.amazonaws.com with SMTP id ${messageId} for ${v.to}; ${mailDate(now)}` },
                { name: 'From', value: v.from },
                { name: 'Date', value: mailDate(sent) },
                { name: 'Message-ID', value: headerId },
                { name: 'Subject', value: v.subject },
                { name: 'To', value: v.to },
                { name: 'MIME-Version', value: '1.0' },
                { name: 'Content-Type', value: 'text/plain; charset=UTF-8' },
              ],
              commonHeaders: { returnPath: address, from: [v.from], date: mailDate(sent), to: [v.to], messageId: headerId, subject: v.subject },
            },
            receipt: {
              timestamp: now.toISOString(),
              processingTimeMillis: 412,
              recipients: [v.to],
              spamVerdict: pass,
              virusVerdict: pass,
              spfVerdict: pass,
              dkimVerdict: pass,
              dmarcVerdict: pass,
              dmarcPolicy: 'none' as const,
              action: { type: 'Lambda' as const, functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:process-email`, invocationType: 'Event' },
            },
          },
        },
      ],
    };
  },
});
