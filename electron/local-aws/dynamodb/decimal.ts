/**
 * DynamoDB numbers are decimal strings of up to 38 significant digits: compared and added
 * exactly (as BigInt digits and a power of ten), never through a JS double, so
 * 12345678901234567890.1 + 1 keeps every digit.
 */
import { validation } from './errors.js';

/** value = digits * 10^exp, digits without trailing zeros (0 has exp 0). */
export interface Decimal {
  digits: bigint;
  exp: number;
}

const NUMBER = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/;
const MAX_DIGITS = 38;

export function parseDecimal(text: string): Decimal {
  const m = NUMBER.exec(text);
  if (!m || (!m[2] && !m[3])) throw validation('A value provided cannot be converted into a number');
  const frac = m[3] ?? '';
  let digits = BigInt(`${m[2] || '0'}${frac}`);
  if (m[1] === '-') digits = -digits;
  return normalize({ digits, exp: Number(m[4] ?? 0) - frac.length });
}

function normalize(d: Decimal): Decimal {
  if (d.digits === 0n) return { digits: 0n, exp: 0 };
  let { digits, exp } = d;
  while (digits % 10n === 0n) {
    digits /= 10n;
    exp += 1;
  }
  return { digits, exp };
}

/** The number as DynamoDB answers it: no exponent, no trailing zeros ("1.50" is "1.5", "1e2" is "100"). */
export function formatDecimal(d: Decimal): string {
  const negative = d.digits < 0n;
  const abs = (negative ? -d.digits : d.digits).toString();
  let text: string;
  if (d.exp >= 0) text = abs + '0'.repeat(d.exp);
  else {
    const padded = abs.padStart(-d.exp + 1, '0');
    text = `${padded.slice(0, d.exp)}.${padded.slice(d.exp)}`;
  }
  return negative ? `-${text}` : text;
}

export function canonicalNumber(text: string): string {
  const d = parseDecimal(text);
  const significant = (d.digits < 0n ? -d.digits : d.digits).toString().length;
  if (significant > MAX_DIGITS) throw validation('Attempting to store more than 38 significant digits in a Number');
  // DynamoDB stores magnitudes from 1E-130 to below 1E+126.
  if (d.digits !== 0n && significant + d.exp > 126) throw validation('Number overflow. Attempting to store a number with magnitude larger than supported range');
  if (d.digits !== 0n && significant + d.exp < -129) throw validation('Number underflow. Attempting to store a number with magnitude smaller than supported range');
  return formatDecimal(d);
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const exp = Math.min(a.exp, b.exp);
  return [a.digits * 10n ** BigInt(a.exp - exp), b.digits * 10n ** BigInt(b.exp - exp), exp];
}

export function compareNumbers(a: string, b: string): number {
  const [x, y] = align(parseDecimal(a), parseDecimal(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

export function addNumbers(a: string, b: string, sign: 1 | -1 = 1): string {
  const [x, y, exp] = align(parseDecimal(a), parseDecimal(b));
  return canonicalNumber(formatDecimal(normalize({ digits: sign === 1 ? x + y : x - y, exp })));
}
