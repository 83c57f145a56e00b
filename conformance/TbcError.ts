/**
 * Misuse or broken setup: bad flags, an unreachable target, an unreadable file. Violations of the API contract are
 * never thrown; they are findings (data). The CLI maps a TbcError to exit code 2 and prints its message alone.
 */
export class TbcError extends Error {
  override readonly name = 'TbcError';
}
