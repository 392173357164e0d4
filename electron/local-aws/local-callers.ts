/**
 * Who may use the local AWS endpoint: programs on this machine (functions, the AWS CLI, SDKs),
 * never a web page. It holds the workspace's buckets, tables, queues and topics, and checks no
 * signature (like LocalStack), so two browser tricks would otherwise reach them:
 * - DNS rebinding: a page on evil.example whose name now points at 127.0.0.1 is same-origin
 *   with itself, and may read every object and item; only its Host header gives it away.
 * - Cross-site requests: any page may POST a form (`Action=SendMessage&...`, no preflight) that
 *   runs the queue's function with its data; only its Origin header gives it away.
 * Clients on this machine name a loopback host (S3's virtual-host style adds a bucket in front
 * of `localhost`), and send no Origin, or, from a page served on this machine, a loopback one.
 */
import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** localhost, 127.0.0.1, [::1], or <bucket>.localhost (RFC 6761: every *.localhost is loopback). */
export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase();
  return LOOPBACK_NAMES.has(name) || name.endsWith('.localhost');
}

/** Why the endpoint refuses this request, or undefined when it may be served. */
export function foreignCaller(req: IncomingMessage): string | undefined {
  const host = req.headers.host;
  if (!host || !isLoopbackHostname(host.replace(/:\d*$/, ''))) {
    return `faaslab's local AWS endpoint answers clients on this machine only: unexpected Host header '${host ?? ''}' (use 127.0.0.1 or localhost)`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !loopbackOrigin(origin)) return `faaslab's local AWS endpoint does not answer web pages from ${origin}`;
  return undefined;
}

function loopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHostname(url.hostname);
  } catch {
    return false; // 'null': a sandboxed frame or a file:// page
  }
}
