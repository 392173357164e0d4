/** An HTTP request as the trigger server received it, and the views of it that events need. */

export interface HttpRequest {
  /** Upper-case. */
  method: string;
  /** The path as sent, percent-encoding kept, without the query string. */
  rawPath: string;
  /** The query string as sent, without '?'; '' when there is none. */
  rawQueryString: string;
  /** Header pairs as received: original case, duplicates kept, in order. */
  headers: Array<[string, string]>;
  body: Uint8Array;
  sourceIp: string;
  /** 'HTTP/1.1' */
  protocol: string;
}

/**
 * Headers hop-by-hop to the connection between client and API Gateway: API Gateway ends that
 * connection, so the function never sees them.
 */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/** The headers a function sees: hop-by-hop ones dropped. */
export function forwardedHeaders(req: HttpRequest): Array<[string, string]> {
  return req.headers.filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase()));
}

/** The last value of a header (case-insensitive). */
export function headerValue(req: HttpRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  let value: string | undefined;
  for (const [n, v] of req.headers) if (n.toLowerCase() === lower) value = v;
  return value;
}

/**
 * Adds what API Gateway adds in front of a function: X-Forwarded-For/-Port/-Proto and a trace
 * header, unless the client sent them (an X-Forwarded-For is then appended to, as a proxy does).
 */
export function withGatewayHeaders(req: HttpRequest, opts: { port: number; proto: string; traceId: string }): HttpRequest {
  const headers = req.headers.map(([n, v]): [string, string] => (n.toLowerCase() === 'x-forwarded-for' ? [n, `${v}, ${req.sourceIp}`] : [n, v]));
  const has = (name: string) => headers.some(([n]) => n.toLowerCase() === name);
  if (!has('x-forwarded-for')) headers.push(['X-Forwarded-For', req.sourceIp]);
  if (!has('x-forwarded-port')) headers.push(['X-Forwarded-Port', String(opts.port)]);
  if (!has('x-forwarded-proto')) headers.push(['X-Forwarded-Proto', opts.proto]);
  if (!has('x-amzn-trace-id')) headers.push(['X-Amzn-Trace-Id', opts.traceId]);
  return { ...req, headers };
}

/** Query parameters in order, URL-decoded ('+' is a space, as in a form). */
export function queryPairs(rawQueryString: string): Array<[string, string]> {
  if (!rawQueryString) return [];
  return rawQueryString
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      const [k, v] = eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
      return [decodeQuery(k), decodeQuery(v)];
    });
}

function decodeQuery(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** Groups pairs by key, keeping first-seen key order. */
export function groupPairs(pairs: Array<[string, string]>, key: (name: string) => string = (n) => n): Map<string, { name: string; values: string[] }> {
  const out = new Map<string, { name: string; values: string[] }>();
  for (const [name, value] of pairs) {
    const k = key(name);
    const entry = out.get(k);
    if (entry) entry.values.push(value);
    else out.set(k, { name, values: [value] });
  }
  return out;
}

/** The cookies of every Cookie header, one entry per cookie ("name=value"). */
export function requestCookies(req: HttpRequest): string[] {
  return req.headers
    .filter(([n]) => n.toLowerCase() === 'cookie')
    .flatMap(([, v]) => v.split(';'))
    .map((c) => c.trim())
    .filter((c) => c !== '');
}
