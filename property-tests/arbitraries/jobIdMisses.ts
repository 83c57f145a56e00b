import fc from 'fast-check';
import { isWellFormedJobId, wellFormedJobIdArb } from './malformedJobIdArb.ts';

/** What a miss may draw on besides the id it starts from. */
export interface MissExtras {
  /** A position in the id. */
  at: number;
  /** A character no JobId may hold. */
  stray: string;
  /** Any text. */
  text: string;
}

/**
 * A way a JobId misses the rule (decision D-01), as a change to a well-formed one: case variants, surrounding
 * whitespace, Unicode look-alikes, a character off, the wrong length or prefix, the empty string, a very long value.
 * TTI-07's coverage phase tries each on every wire form, applied to a real job's own id where the run has one, so a
 * lax parser that maps it back to that job is caught changing it.
 */
export interface JobIdMiss {
  readonly label: string;
  make(id: string, extras: MissExtras): string;
}

const miss = (label: string, make: JobIdMiss['make']): JobIdMiss => ({ label, make });

export const JOB_ID_MISSES: readonly JobIdMiss[] = [
  miss('upper case', (id) => id.toUpperCase()),
  miss('capitalised', (id) => `J${id.slice(1)}`),
  miss('leading space', (id) => ` ${id}`),
  miss('trailing space', (id) => `${id} `),
  miss('trailing newline', (id) => `${id}\n`),
  // Look-alikes: a Cyrillic о (U+043E), a Unicode hyphen (U+2010), fullwidth letters (U+FF4A…).
  miss('Cyrillic o', (id) => `j\u043e${id.slice(2)}`),
  miss('Unicode hyphen', (id) => `job\u2010${id.slice(4)}`),
  miss('fullwidth prefix', (id) => `\uff4a\uff4f\uff42${id.slice(3)}`),
  miss('a character off', (id, { at, stray }) => id.slice(0, at) + stray + id.slice(at + 1)),
  miss('one character short', (id) => id.slice(0, -1)),
  miss('one character long', (id) => `${id}x`),
  miss('job_ prefix', (id) => `job_${id.slice(4)}`),
  miss('another kind of id', (id) => `env-${id.slice(4)}`),
  miss('empty', () => ''),
  miss('very long', (id) => `${id}${'a'.repeat(4096)}`),
  miss('any text', (_, { text }) => text),
];

/** Never valid anywhere in a JobId: punctuation, upper case, non-ASCII, control characters. */
const STRAYS = ['-', '_', '.', 'A', 'é', '漢', '😀', '\u0000', '/', '%', ' '];

export const missExtrasArb: fc.Arbitrary<MissExtras> = fc.record({
  at: fc.nat(11),
  stray: fc.constantFrom(...STRAYS),
  text: fc.string({ unit: 'grapheme', maxLength: 20 }),
});

/** A miss applied to `id`: malformed by construction (a text that happens to be a valid id gets a stray appended). */
export function applyMiss(m: JobIdMiss, id: string, extras: MissExtras): string {
  const value = m.make(id, extras);
  return isWellFormedJobId(value) ? `${value}${extras.stray}` : value;
}

export { wellFormedJobIdArb };
