/**
 * Fresh identifiers and times for generated events. Math.random is enough: these are sample
 * payloads that must look real and differ per generation, not secrets.
 */
const HEX = '0123456789abcdef';

export function hex(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += HEX[Math.floor(Math.random() * 16)];
  return out;
}

export function digits(length: number): string {
  let out = String(1 + Math.floor(Math.random() * 9));
  for (let i = 1; i < length; i++) out += String(Math.floor(Math.random() * 10));
  return out;
}

/** A version 4 UUID, as Lambda, SQS and SNS use for ids. */
export function uuid(): string {
  const h = hex(32);
  const variant = HEX[8 + Math.floor(Math.random() * 4)];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** API Gateway's request time: `12/Mar/2020:19:03:58 +0000`. */
export function clfTime(d: Date): string {
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** EventBridge's time: ISO 8601 without milliseconds. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of bytes, without Node's Buffer or the DOM's btoa. */
export function base64Bytes(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (b === undefined ? '=' : B64[(n >> 6) & 63]!) + (c === undefined ? '=' : B64[n & 63]!);
  }
  return out;
}

/** Base64 of UTF-8 text (Kinesis record data). */
export function base64(text: string): string {
  return base64Bytes(new TextEncoder().encode(text));
}

/** Random characters from an alphabet: API Gateway connection ids, Cognito client ids and the like. */
export function chars(length: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}
