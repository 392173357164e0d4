/**
 * The answers API Gateway (and the Function URL front end) gives on its own, without the
 * function's say. Kept together so a difference found against AWS is one edit.
 *
 * ARCHITECTURE.md, Lambda behaviour 9: a function error or a malformed result is 502
 * {"message":"Internal server error"}. (Real HTTP APIs are reported to answer a function error
 * with 500 "Internal Server Error"; unconfirmed, so faaslab follows the spec for every kind.)
 */
export interface GatewayError {
  statusCode: number;
  message: string;
}

export const GATEWAY_ERRORS = {
  internal: { statusCode: 502, message: 'Internal server error' },
  notFound: { statusCode: 404, message: 'Not Found' },
  /** A REST API's answer for a path or method it does not have. */
  missingToken: { statusCode: 403, message: 'Missing Authentication Token' },
  tooLarge: { statusCode: 413, message: 'Request Entity Too Large' },
  throttled: { statusCode: 429, message: 'Too Many Requests' },
  /** HTTP API integration timeout (30 s, or the route's TimeoutInMillis). */
  serviceUnavailable: { statusCode: 503, message: 'Service Unavailable' },
  /** REST API integration timeout (29 s). */
  endpointTimeout: { statusCode: 504, message: 'Endpoint request timed out' },
} as const satisfies Record<string, GatewayError>;

export function gatewayErrorBody(error: GatewayError): string {
  return JSON.stringify({ message: error.message });
}
