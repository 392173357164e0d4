import { createHash, randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, gzipStore, md5Hex } from '../../../shared/events/encoding.js';
import { base64, base64Bytes } from '../../../shared/events/random.js';

const md5 = (data: Uint8Array | string) => createHash('md5').update(data).digest('hex');

describe('md5Hex', () => {
  it('matches node:crypto at every padding boundary and for text', () => {
    for (const n of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 1000, 70_000]) {
      const bytes = new Uint8Array(randomBytes(n));
      expect(md5Hex(bytes), `${n} bytes`).toBe(md5(bytes));
    }
    expect(md5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Hex('The quick brown fox jumps over the lazy dog')).toBe('9e107d9d372bb6826bd81d3542a419d6');
    expect(md5Hex('héllo wörld ✓ 🎉')).toBe(md5('héllo wörld ✓ 🎉'));
  });
});

describe('gzipStore', () => {
  it('writes gzip that zlib decodes, CRC and length checked, across stored-block boundaries', () => {
    for (const n of [0, 1, 100, 65_535, 65_536, 65_537, 200_000]) {
      const bytes = new Uint8Array(randomBytes(n));
      const gz = gzipStore(bytes);
      expect(Buffer.from(gunzipSync(gz)).equals(Buffer.from(bytes)), `${n} bytes`).toBe(true);
      expect([...gz.subarray(0, 3)]).toEqual([0x1f, 0x8b, 8]);
    }
    expect(gunzipSync(gzipStore('{"ü":"✓"}')).toString('utf8')).toBe('{"ü":"✓"}');
  });

  it('has the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });
});

describe('base64', () => {
  it('matches Buffer for text and bytes', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'héllo wörld ✓']) expect(base64(text)).toBe(Buffer.from(text).toString('base64'));
    const bytes = new Uint8Array(randomBytes(1000));
    expect(base64Bytes(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});
