import { timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets (signatures, tokens) without leaking where they first differ. Only the length can leak,
 * which for signatures is public anyway (a hex or Base64 digest of a known algorithm).
 */
export function isEqualConstantTime(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) {
    // Why compare anyway: keeps the work done independent of where a same-length guess would have differed.
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}
