import { InvalidArgumentError, Option } from 'commander';
import { DOC_REVISIONS } from '../../generated/transitions.ts';

/** Commander argument parsers: a bad value is a usage error (exit 2) with a message naming the flag's rule. */
export function parsePort(value: string): number {
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || n > 65535) {
    throw new InvalidArgumentError('expected an integer from 0 to 65535 (0 picks a free port).');
  }
  return n;
}

export function parsePositiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number.');
  return n;
}

export function parseNonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer.');
  return n;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function parsePositiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer.');
  return n;
}

/** `--doc-revision <revision>`: which wording of the documentation to hold requests and answers to (default seed). */
export function docRevisionOption(description: string): Option {
  return new Option('--doc-revision <revision>', description).choices(DOC_REVISIONS).default('seed');
}

const DURATION_UNITS_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `90s`, `15m`, `1h`, `500ms` (a bare number is seconds): a duration in milliseconds. */
export function parseDuration(value: string): number {
  const match = /^([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)?$/.exec(value.trim());
  const amount = Number(match?.[1]);
  const unit = DURATION_UNITS_MS[match?.[2] ?? 's'];
  if (match === null || unit === undefined || !(amount > 0)) {
    throw new InvalidArgumentError('expected a duration such as 90s, 15m or 1h.');
  }
  return Math.round(amount * unit);
}

/** A duration as parseDuration reads it, or 0 (`0`, `0s`): for a wait the user may turn off. */
export function parseDurationOrZero(value: string): number {
  return /^0+(?:\.0+)?(ms|s|m|h)?$/.test(value.trim()) ? 0 : parseDuration(value);
}
