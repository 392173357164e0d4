import { randomFillSync } from 'node:crypto';

/**
 * Random bytes for ids (trace ids, API Gateway request ids), cut from a pool refilled 4 KB at a
 * time. crypto.randomBytes costs a call into OpenSSL for every few bytes, which was 8% of the
 * host's time under HTTP load; randomUUID pools the same way. Still cryptographically random.
 */
const POOL_SIZE = 4096;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let offset = POOL_SIZE;

/** The next `size` bytes of the pool, refilled when they run out (sizes up to the pool's). */
function take(size: number): number {
  if (size > POOL_SIZE) throw new RangeError(`at most ${POOL_SIZE} random bytes at a time`);
  if (offset + size > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  offset += size;
  return offset - size;
}

export function pooledRandomBytes(size: number): Buffer {
  const at = take(size);
  return Buffer.from(pool.subarray(at, at + size));
}

export function randomHex(size: number): string {
  const at = take(size);
  return pool.toString('hex', at, at + size);
}
