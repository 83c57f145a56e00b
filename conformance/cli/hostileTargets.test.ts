// Never hang, never crash: `tbc conformance` against targets that do not behave like an API at all ends by itself with
// exit 1 or 2 and a one-line reason, on the probe path (no credentials: the emulator probe is all it gets to) and the
// live-safe path (credentials, the probe answered like a live endpoint, the API calls hostile). Shorter deadlines than
// the defaults keep the test fast; `npm run bench:hostile` measures the defaults (docs/benchmarks.md).
import { afterAll, describe, expect, it } from 'vitest';
import type { Listening } from '../http/listen.ts';
import { HOSTILE_MODES, startHostileTarget, type HostileMode } from '../test-only/startHostileTarget.ts';
import { runTbc, WITHOUT_CREDENTIALS } from '../test-only/tbcProcess.ts';

const targets: Listening[] = [];
afterAll(async () => {
  await Promise.all(targets.map((t) => t.close()));
});

async function judge(mode: HostileMode, withCredentials: boolean) {
  const target = await startHostileTarget({ mode, answersProbe: withCredentials });
  targets.push(target);
  const credentials = withCredentials
    ? ['--secret-id', 'AKIDhostiletest', '--secret-key', 'hostile-test-key', '--region', 'ap-guangzhou']
    : [];
  return runTbc(
    [
      'conformance',
      '--target',
      target.url,
      '--seed',
      '1',
      '--request-timeout',
      '2s',
      '--time-budget',
      '20s',
      '--no-progress',
      ...credentials,
    ],
    { env: WITHOUT_CREDENTIALS },
  );
}

/** What a reader of a CI log needs: one line that says why the run ended. */
const REASON =
  /^\[(tbc|conformance)\] (error: (the target .* (did not answer|is unreachable)|.* is a live endpoint: give credentials|the run stopped: the target stopped answering)|warning: (NOTHING COULD BE CHECKED|MOST INVARIANTS WERE NOT CHECKED))/m;

describe.concurrent('tbc conformance against a hostile target', () => {
  for (const mode of HOSTILE_MODES) {
    for (const withCredentials of [false, true]) {
      it(`${mode}, ${withCredentials ? 'live-safe path (credentials)' : 'probe path (no credentials)'}: exit 1 or 2 with a reason, never 3`, async () => {
        const run = await judge(mode, withCredentials);
        expect(run.stderr).not.toMatch(/internal error/);
        expect([1, 2]).toContain(run.code);
        expect(run.stderr).toMatch(REASON);
      });
    }
  }
});
