/**
 * Exit codes, stable for scripts and CI: 0 pass, 1 violations found, 2 usage or setup error (or nothing could be
 * checked), 3 internal error (a bug of the kit: an exception nobody expected, never to be read as "violations found").
 */
export const EXIT_PASS = 0;
export const EXIT_VIOLATIONS = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 3;

/** What each exit code means, per kind of verb: the one table help texts, the README and a test read. */
export const EXIT_CODE_MEANINGS = {
  /** Verbs that judge something: conformance, client-check, report merge, cleanup. */
  judging: [
    [EXIT_PASS, 'pass'],
    [EXIT_VIOLATIONS, 'violations found'],
    [EXIT_USAGE, 'usage or setup error (bad flags, unreachable target, unreadable file), or nothing could be checked'],
    [EXIT_INTERNAL, 'internal error (a bug in tbc; the message says how to report it)'],
  ],
  /** Verbs that serve until stopped: emulator, mock, proxy. */
  serving: [
    [EXIT_PASS, 'stopped by Ctrl+C (SIGINT) or SIGTERM'],
    [EXIT_USAGE, 'usage or setup error (bad flags, the port is taken, a certificate that cannot be read)'],
    [EXIT_INTERNAL, 'internal error (a bug in tbc; the message says how to report it)'],
  ],
} as const satisfies Record<string, readonly (readonly [number, string])[]>;

export type VerbKind = keyof typeof EXIT_CODE_MEANINGS;

/** The `Exit codes:` block a verb's help ends with. */
export function exitCodesHelp(kind: VerbKind): string {
  const lines = EXIT_CODE_MEANINGS[kind].map(([code, meaning]) => `  ${code}  ${meaning}`);
  const stop = kind === 'serving' ? '\nStop it with Ctrl+C or SIGTERM: it closes every connection and exits 0.' : '';
  return `\nExit codes:\n${lines.join('\n')}${stop}\nEvery error is one line on stderr.\n`;
}
