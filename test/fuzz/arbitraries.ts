/**
 * What the fuzz tests share: one seed, so a failure is the same failure on every machine (fast-check
 * prints the seed and path of a failing run; FAASLAB_FUZZ_SEED picks another seed for a new
 * search), bounded run counts, and text that breaks naive parsers.
 */
import fc from 'fast-check';

export const FUZZ_SEED = Number(process.env.FAASLAB_FUZZ_SEED ?? 20261203);

/** A property's run count: `npm test` keeps it small; FAASLAB_FUZZ_SCALE=20 makes a longer search. */
export function runs(n: number): number {
  return Math.max(1, Math.round(n * Number(process.env.FAASLAB_FUZZ_SCALE ?? 1)));
}

/** Strings a parser of names, paths or text tends to get wrong. */
export const TRICKY = [
  '',
  ' ',
  '..',
  '../',
  '/',
  '//',
  '%',
  '%2e%2e',
  '%2F',
  '%00',
  '\u0000',
  '\r\n',
  '\t',
  '\u00e9',
  '\u{1F600}',
  '\ud800',
  '\ufeff',
  '\u202e',
  '__proto__',
  'constructor',
  'null',
  'true',
  '{}',
  '[]',
  '"',
  "'",
  '\\',
  '*',
  '?',
  '#',
  '&',
  '=',
  ';',
  ',',
  '$default',
  'x'.repeat(5000),
];

export const trickyText = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom(...TRICKY), { maxLength: 4 }).map((parts) => parts.join('')),
);
