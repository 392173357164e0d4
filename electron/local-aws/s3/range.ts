/** The Range header of a GetObject, as S3 reads it: one byte range; a header it cannot read is ignored, a range past the end is InvalidRange. */
import { AwsError } from '../wire.js';

export function byteRange(value: string, size: number): { start: number; end: number } | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    // The last n bytes.
    const n = Number(m[2]);
    if (n === 0 || size === 0) throw invalidRange(value, size);
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== '' && Number(m[2]) < start) return undefined;
    if (start >= size) throw invalidRange(value, size);
  }
  return { start, end };
}

function invalidRange(value: string, size: number): AwsError {
  return new AwsError('InvalidRange', 'The requested range is not satisfiable', 416, { RangeRequested: value, ActualObjectSize: size });
}
