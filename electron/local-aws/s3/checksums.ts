/**
 * The additional checksums S3 takes with an upload (x-amz-checksum-<algorithm>, in a header or
 * an aws-chunked trailer; the SDKs send CRC32 by default): checked as S3 checks them, kept with
 * the object, and given back to a GetObject or HeadObject that asks (x-amz-checksum-mode:
 * ENABLED), so the SDK checks the bytes it reads. Algorithms Node cannot compute here (CRC32C,
 * CRC64NVME) are taken unchecked and not kept.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { AwsError } from '../wire.js';

const ALGORITHMS: Record<string, { label: string; digest(body: Buffer): string }> = {
  crc32: {
    label: 'CRC32',
    digest(body) {
      const out = Buffer.alloc(4);
      out.writeUInt32BE(crc32(body));
      return out.toString('base64');
    },
  },
  sha1: { label: 'SHA1', digest: (body) => createHash('sha1').update(body).digest('base64') },
  sha256: { label: 'SHA256', digest: (body) => createHash('sha256').update(body).digest('base64') },
};

const PREFIX = 'x-amz-checksum-';

/** The checksums given (header or trailer fields, names lowercased) that match the body; a mismatch is S3's BadDigest. */
export function verifiedChecksums(body: Buffer, fields: Record<string, string | undefined>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (!name.startsWith(PREFIX) || value === undefined || name === `${PREFIX}mode` || name === `${PREFIX}type`) continue;
    const algorithm = ALGORITHMS[name.slice(PREFIX.length)];
    if (!algorithm) continue;
    if (algorithm.digest(body) !== value.trim()) {
      throw new AwsError('BadDigest', `The ${algorithm.label} you specified did not match the calculated checksum.`);
    }
    kept[name] = value.trim();
  }
  return kept;
}
