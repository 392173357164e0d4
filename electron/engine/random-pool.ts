import { randomFillSync } from 'node:crypto';

/**
 * Random bytes for ids (trace ids, API Gateway request ids), cut from a pool refilled 4 KB at a
 * time. crypto.randomBytes costs a call into OpenSSL for every few bytes, which was 8% of the
 * host's time under HTTP load; randomUUID pools the same way. Still cryptographically random.
 */
const POOL_SIZE = 4096;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let offset = POOL_SIZE;

export function pooledRandomBytes(size: number): Buffer {
  if (size > POOL_SIZE) return randomFillSync(Buffer.allocUnsafe(size));
  if (offset + size > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = Buffer.from(pool.subarray(offset, offset + size));
  offset += size;
  return out;
}

export function randomHex(size: number): string {
  if (offset + size > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = pool.toString('hex', offset, offset + size);
  offset += size;
  return out;
}
