/**
 * The workload grammar: how the emulator reads `Application.Command`, so that any caller can reach every instance
 * state through the public API and time alone.
 *
 *   command   := step ((';' | '&&' | newline) step)*
 *   step      := 'sleep' SECONDS   runs for SECONDS (decimal) seconds
 *              | 'exit' CODE       ends the workload with exit code CODE mod 256, as a shell does (0 is success)
 *              | 'true' | 'false'  end with exit code 0 | 1
 *              | anything else     an opaque command: runs 1 second and succeeds
 *
 * The workload ends at the first `exit`/`true`/`false` or after its last step (exit code 0).
 * Examples: `sleep 30` (30 s, SUCCEED), `exit 3` (fails at once), `sleep 5; exit 1` (fails after 5 s).
 */
export interface Workload {
  durationMs: number;
  exitCode: number;
}

export const WORKLOAD_GRAMMAR = {
  steps: {
    'sleep SECONDS': 'runs for SECONDS (decimal) seconds',
    'exit CODE': 'ends the workload with exit code CODE mod 256; 0 is success',
    true: 'ends with exit code 0',
    false: 'ends with exit code 1',
    other: 'an opaque command: runs 1 second and succeeds',
  },
  separators: [';', '&&', 'newline'],
  examples: { 'sleep 30': 'SUCCEED after 30 s', 'exit 3': 'fails at once', 'sleep 5; exit 1': 'fails after 5 s' },
} as const;

const OPAQUE_STEP_MS = 1000;

export function parseWorkload(command: string | undefined): Workload {
  let durationMs = 0;
  for (const raw of (command ?? '').split(/;|&&|\n/)) {
    const [word, arg, ...rest] = raw.trim().split(/\s+/);
    if (word === undefined || word === '') continue;
    const single = rest.length === 0;
    if (word === 'sleep' && single && arg !== undefined && /^\d+(\.\d+)?$/.test(arg)) {
      durationMs += Math.round(Number(arg) * 1000);
    } else if (word === 'exit' && single && arg !== undefined && /^-?\d+$/.test(arg)) {
      return { durationMs, exitCode: ((Number(arg) % 256) + 256) % 256 };
    } else if ((word === 'true' || word === 'false') && arg === undefined) {
      return { durationMs, exitCode: word === 'true' ? 0 : 1 };
    } else {
      durationMs += OPAQUE_STEP_MS;
    }
  }
  return { durationMs, exitCode: 0 };
}
