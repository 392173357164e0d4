/**
 * Which bodies travel as text and which as base64, in one place so the rule is easy to change.
 *
 * - HTTP APIs and Function URLs decide by the request's Content-Type: the text types below are
 *   passed as UTF-8 text, anything else (no Content-Type included) is base64 with
 *   isBase64Encoded true. This is the list Lambda's Function URL documentation and API
 *   Gateway's HTTP APIs show in practice (unconfirmed for the +json / +xml suffixes).
 * - REST APIs pass every body as text unless its Content-Type matches the API's
 *   binaryMediaTypes; a response's base64 body is decoded only when the FIRST type in the
 *   request's Accept header matches them (API Gateway's documented rule).
 */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

const TEXT_TYPES = new Set([
  'application/json',
  'application/javascript',
  'application/ecmascript',
  'application/xml',
  'application/x-www-form-urlencoded',
  'application/yaml',
  'application/x-yaml',
  'application/graphql',
]);

export function isTextContentType(contentType: string | undefined): boolean {
  const type = mediaType(contentType);
  if (!type) return false;
  return type.startsWith('text/') || TEXT_TYPES.has(type) || type.endsWith('+json') || type.endsWith('+xml');
}

/** Does `type` match one of `patterns` (binaryMediaTypes: image/png, image/*, *\/*)? */
export function matchesMediaType(type: string, patterns: readonly string[]): boolean {
  const [main, sub] = mediaType(type).split('/');
  if (!main) return false;
  return patterns.some((pattern) => {
    const [pMain, pSub] = mediaType(pattern).split('/');
    return (pMain === '*' || pMain === main) && (pSub === '*' || pSub === sub);
  });
}

/** The first media type of an Accept header, which is what API Gateway looks at. */
export function firstAccepted(accept: string | undefined): string | undefined {
  const first = accept?.split(',')[0];
  return first ? mediaType(first) : undefined;
}
