import type { ErrorCode } from '../../generated/errorCodes.ts';
import { ACTIONS } from '../../generated/actions.ts';
import type { DecisionId } from '../../generated/decisions.ts';

/** TerminateTaskInstance's required parameters, read from the spec (not restated). */
export const REQUIRED_PARAMS = ACTIONS.TerminateTaskInstance.request.required as readonly string[];

/** A JSON value of another type than the parameter's (type confusion: the common case first, a digit string). */
export interface Confusion {
  readonly label: string;
  readonly value: unknown;
}

const confusion = (value: unknown): Confusion => ({ label: JSON.stringify(value), value });

/** For the integer TaskInstanceIndex: digit strings (what a lax reader turns into an index), and every other type. */
export const INTEGER_CONFUSIONS: readonly Confusion[] = ['0', '1', '0x0', true, null, [], {}, 0.5].map(confusion);
/** For the string parameters (JobId, TaskName). */
export const STRING_CONFUSIONS: readonly Confusion[] = [1, true, null, [], {}].map(confusion);

/**
 * What a query or form value of TaskInstanceIndex means (decision D-22: decimal digits with an optional leading minus,
 * nothing else): an index, or an error code and the decision that says so.
 */
export type TextMeaning =
  | { index: number }
  /** In range, but past what any task has (D-23): names no instance; which code that gets is TTI-08's to judge. */
  | { none: true }
  | { code: ErrorCode; decision: DecisionId };

export interface IndexText {
  readonly label: string;
  readonly text: string;
  readonly means: TextMeaning;
}

const invalid = (text: string): IndexText => ({
  label: JSON.stringify(text),
  text,
  means: { code: 'InvalidParameter', decision: 'D-22' },
});
const index = (text: string, n: number): IndexText => ({ label: JSON.stringify(text), text, means: { index: n } });

/**
 * Boundary texts for TaskInstanceIndex on the flat forms, around index 1: what JavaScript's `Number()` would read as
 * 1 (and a lax target would terminate instance 1 with), the texts D-22 reads as an index, and the int64 edges.
 */
export const INDEX_TEXTS: readonly IndexText[] = [
  invalid('0x1'),
  invalid('1e0'),
  invalid(' 1'),
  invalid('1 '),
  invalid('+1'),
  invalid('1.0'),
  invalid(''),
  index('01', 1),
  index('-0', 0),
  // Past 2^53: in the int64 range, so no error, but no task has that many instances (D-23).
  {
    label: '"9007199254740993"',
    text: '9007199254740993',
    means: { none: true },
  },
  // 2^63, the first value past int64 (D-03).
  {
    label: '"9223372036854775808"',
    text: '9223372036854775808',
    means: { code: 'InvalidParameterValue', decision: 'D-03' },
  },
  { label: '"-1"', text: '-1', means: { code: 'InvalidParameterValue', decision: 'D-03' } },
];

/** How a flat value is put on the wire: the kit's one encoding, or every byte percent-encoded (same value decoded). */
export const TEXT_ENCODINGS = ['as is', 'every byte'] as const;

/** JSON numbers past the int64 range of TaskInstanceIndex (decision D-03). */
export const OUT_OF_RANGE: readonly number[] = [-1, -(2 ** 31), 2 ** 63, 2 ** 64, 1e300];

/** TaskName values outside decision D-02 (non-empty, at most 128 characters). */
export const BAD_TASK_NAMES: readonly Confusion[] = [
  { label: 'empty', value: '' },
  { label: '129 characters', value: 'A'.repeat(129) },
];

/**
 * Names the action does not have (decision D-10): an option other APIs have, a neighbour's list names, a common
 * parameter in the business parameters, a case variant of a real one.
 */
export const EXTRA_NAMES = ['Force', 'JobIds', 'TaskInstanceIndexes', 'jobId'] as const;
/** `Region` as a business parameter: only where the common parameters travel apart from them (TC3's headers). */
export const COMMON_AS_EXTRA = 'Region';
