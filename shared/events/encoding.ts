/**
 * The little binary work some events need, in pure TypeScript (shared/ has no node:crypto or
 * node:zlib): MD5 for SQS's md5OfBody, and gzip for CloudWatch Logs' awslogs.data. The gzip is
 * "store only" (deflate stored blocks, RFC 1951 section 3.2.4): no compression, but a real gzip
 * stream that zlib, gunzip and every AWS SDK example decode.
 */

const utf8 = (text: string) => new TextEncoder().encode(text);

// --- MD5 (RFC 1321) --------------------------------------------------------------------------

const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

/** The MD5 digest of bytes (or UTF-8 text), as 32 lower-case hex digits. */
export function md5Hex(input: Uint8Array | string): string {
  const data = typeof input === 'string' ? utf8(input) : input;
  // Padding: a 1 bit, zeros to 56 mod 64 bytes, then the length in bits as 64-bit little-endian.
  const padded = new Uint8Array((((data.length + 8) >> 6) + 1) * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, (data.length * 8) >>> 0, true);
  view.setUint32(padded.length - 4, Math.floor(data.length / 0x20000000), true);

  let [a0, b0, c0, d0] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  for (let chunk = 0; chunk < padded.length; chunk += 64) {
    let [a, b, c, d] = [a0, b0, c0, d0];
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) [f, g] = [(b & c) | (~b & d), i];
      else if (i < 32) [f, g] = [(d & b) | (~d & c), (5 * i + 1) % 16];
      else if (i < 48) [f, g] = [b ^ c ^ d, (3 * i + 5) % 16];
      else [f, g] = [c ^ (b | ~d), (7 * i) % 16];
      const sum = (a + f + K[i]! + view.getUint32(chunk + g * 4, true)) >>> 0;
      const s = SHIFTS[(i >> 4) * 4 + (i % 4)]!;
      [a, d, c] = [d, c, b];
      b = (b + ((sum << s) | (sum >>> (32 - s)))) >>> 0;
    }
    [a0, b0, c0, d0] = [(a0 + a) >>> 0, (b0 + b) >>> 0, (c0 + c) >>> 0, (d0 + d) >>> 0];
  }
  const out = new DataView(new ArrayBuffer(16));
  [a0, b0, c0, d0].forEach((word, i) => out.setUint32(i * 4, word, true));
  return Array.from(new Uint8Array(out.buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

// --- CRC-32 and gzip (RFC 1952) --------------------------------------------------------------

let crcTable: Uint32Array | undefined;

/** CRC-32 as gzip and zip use it (polynomial 0xEDB88320). */
export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const MAX_STORED = 0xffff;

/** A gzip member holding the bytes (or UTF-8 text) in stored, uncompressed deflate blocks. */
export function gzipStore(input: Uint8Array | string, mtime = 0): Uint8Array {
  const data = typeof input === 'string' ? utf8(input) : input;
  const blocks = Math.max(1, Math.ceil(data.length / MAX_STORED));
  const out = new Uint8Array(10 + blocks * 5 + data.length + 8);
  const view = new DataView(out.buffer);
  // Header: magic, CM 8 (deflate), no flags, MTIME, XFL 0, OS 255 (unknown).
  out.set([0x1f, 0x8b, 8, 0]);
  view.setUint32(4, mtime >>> 0, true);
  out.set([0, 0xff], 8);
  let at = 10;
  for (let i = 0; i < blocks; i++) {
    const chunk = data.subarray(i * MAX_STORED, (i + 1) * MAX_STORED);
    // BFINAL in bit 0, BTYPE 00 (stored) in bits 1-2; the rest of the byte is padding.
    out[at] = i === blocks - 1 ? 1 : 0;
    view.setUint16(at + 1, chunk.length, true);
    view.setUint16(at + 3, ~chunk.length & 0xffff, true);
    out.set(chunk, at + 5);
    at += 5 + chunk.length;
  }
  view.setUint32(at, crc32(data), true);
  view.setUint32(at + 4, data.length >>> 0, true);
  return out;
}
