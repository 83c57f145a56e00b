import fc from 'fast-check';
import { ID_PATTERNS } from '../../generated/actions.ts';

/** The JobId rule, read from the spec (not restated): every documented example matches it (spec/common.yaml JobId). */
const JOB_ID_PATTERN = new RegExp(ID_PATTERNS.JobId);
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');

export function isWellFormedJobId(value: string): boolean {
  return JOB_ID_PATTERN.test(value);
}

/** A JobId of the documented form, e.g. `job-rybewp57`. */
export const wellFormedJobIdArb: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...ALNUM), { minLength: 8, maxLength: 8 })
  .map((chars) => `job-${chars.join('')}`);

/**
 * Candidates for a job that does not exist: the documented form, and `job-` ids of other lengths that a service with
 * a laxer rule than decision D-01 would call well-formed. Which of them a target knows is for DescribeJob to say; a
 * busy account may own every id of the documented form.
 */
/** `job-` ids of other lengths than the documented 8: unknown to a service whose rule is laxer than D-01. */
const laxJobIdArb: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...ALNUM), { minLength: 1, maxLength: 16 })
  .filter((chars) => chars.length !== 8)
  .map((chars) => `job-${chars.join('')}`);

export const unknownJobIdArb: fc.Arbitrary<string> = fc.oneof(wellFormedJobIdArb, laxJobIdArb);

/**
 * Strings that are not JobIds: near misses of the format (one character off, wrong length, wrong prefix or case),
 * unicode, whitespace, empty and huge values. Filtered through the spec's own pattern, so a generator slip can never
 * produce a valid id.
 */
export const malformedJobIdArb: fc.Arbitrary<string> = fc
  .oneof(
    wellFormedJobIdArb.map((id) => id.toUpperCase()),
    wellFormedJobIdArb.map((id) => id.slice(0, -1)),
    wellFormedJobIdArb.map((id) => `${id}x`),
    wellFormedJobIdArb.map((id) => id.replace('job-', 'job_')),
    wellFormedJobIdArb.map((id) => id.replace('job-', 'jb-')),
    wellFormedJobIdArb.map((id) => ` ${id}`),
    wellFormedJobIdArb.map((id) => `${id}\n`),
    fc
      .tuple(wellFormedJobIdArb, fc.nat(11), fc.constantFrom('-', '_', '.', 'é', '漢', '😀', '\u0000', '/', '%'))
      .map(([id, at, c]) => id.slice(0, at) + c + id.slice(at + 1)),
    fc.constantFrom('', 'job-', 'job', 'null', 'undefined', '0', 'env-lcpcej85', 'ins-b4tgwxvn'),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.integer({ min: 100, max: 5000 }).map((n) => `job-${'a'.repeat(n)}`),
  )
  .filter((s) => !isWellFormedJobId(s));

/**
 * A few candidates for a job that does not exist, for a scenario to probe with DescribeJob (findUnknownJob). Against a
 * tbc emulator (the `control` capability) only ids of the documented form: it holds them to decision D-01, so a laxer
 * id would be a malformed request, not a probe. Elsewhere laxer ids too, for a busy account that owns every id of the
 * documented form.
 */
export function unknownJobCandidatesArb(capabilities: ReadonlySet<string>): fc.Arbitrary<string[]> {
  if (capabilities.has('control')) return fc.array(wellFormedJobIdArb, { minLength: 1, maxLength: 4 });
  // Always one laxer id last: a busy account may own every id of the documented form, and a run whose candidates
  // DescribeJob all finds observes nothing.
  return fc
    .tuple(fc.array(unknownJobIdArb, { maxLength: 3 }), laxJobIdArb)
    .map(([candidates, lax]) => [...candidates, lax]);
}
