/**
 * The checksums SQS answers a send and a receive with, which the SDKs recompute and compare:
 * MD5OfMessageBody is the MD5 of the body's UTF-8 bytes; MD5OfMessageAttributes (and
 * MD5OfMessageSystemAttributes) is the MD5 of a binary encoding of the attributes, sorted by
 * name, each as: name, data type (each a 4-byte big-endian length and UTF-8 bytes), one
 * transport byte (1 String or Number, 2 Binary), and the value as a 4-byte length and its bytes
 * (the decoded bytes for Binary). (Amazon SQS Developer Guide: "Calculating the MD5 message
 * digest for message attributes".)
 */
import { createHash } from 'node:crypto';
import type { MessageAttribute } from '../../triggers/messaging/local-queue.js';

const STRING_TRANSPORT = 1;
const BINARY_TRANSPORT = 2;

export function md5OfAttributes(attributes: Record<string, MessageAttribute>): string | undefined {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  const lengthPrefixed = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length);
    hash.update(bytes);
  };
  for (const name of names) {
    const a = attributes[name]!;
    lengthPrefixed(Buffer.from(name, 'utf8'));
    lengthPrefixed(Buffer.from(a.DataType, 'utf8'));
    if (a.DataType.startsWith('Binary')) {
      hash.update(Buffer.from([BINARY_TRANSPORT]));
      lengthPrefixed(Buffer.from(a.BinaryValue ?? '', 'base64'));
    } else {
      hash.update(Buffer.from([STRING_TRANSPORT]));
      lengthPrefixed(Buffer.from(a.StringValue ?? '', 'utf8'));
    }
  }
  return hash.digest('hex');
}
