import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Listening } from '../http/listen.ts';
import { serveImplementation } from '../http/serveImplementation.ts';
import type { Credentials } from '../signing/Credentials.ts';
import { createLiveLikeDouble } from '../test-only/createLiveLikeDouble.ts';
import { runTbc, WITHOUT_CREDENTIALS } from '../test-only/tbcProcess.ts';

const KEYS: Credentials = {
  secretId: 'AKIDliveLikeStrictCliKey00000001',
  secretKey: 'liveLikeStrictCliSecretKey000001',
};

const tbc = (args: string[], cwd: string) => runTbc(args, { cwd, env: WITHOUT_CREDENTIALS });

const servers: Listening[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/**
 * `tbc conformance` against a live-like double on 127.0.0.1 (its own per run: the double's rate limits count per key
 * pair), checking TTI-11 only: the double's RequestIds are upper-case UUIDs, so every answer differs from decision
 * D-13 (a lowercase UUID) and nothing else does.
 */
async function runAgainstDouble(extra: string[]) {
  const served = await serveImplementation(createLiveLikeDouble({ credentials: [KEYS] }).implementation);
  servers.push(served);
  const dir = await mkdtemp(join(tmpdir(), 'tbc-strict-'));
  return tbc(
    [
      'conformance',
      '--target',
      served.url,
      '--profile',
      'live-safe',
      '--secret-id',
      KEYS.secretId,
      '--secret-key',
      KEYS.secretKey,
      '--region',
      'ap-guangzhou',
      '--only',
      'TTI-11',
      // A seed whose failing case is short to shrink (shrinking is paced like every call to a live target).
      '--runs',
      '1',
      '--seed',
      '8',
      '--no-progress',
      ...extra,
    ],
    dir,
  );
}

describe.concurrent('tbc conformance --strict against a target that differs from a kit decision', () => {
  it('without --strict: exits 0 and prints the difference as an observation', async () => {
    const run = await runAgainstDouble([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("tbc's decisions as observations (--strict makes them failures)");
    expect(run.stdout).toContain("Where this target differs from tbc's assumptions (observations, not failures");
    expect(run.stdout).toMatch(/^ {2}TTI-11 D-13: RequestId "/m);
    expect(run.stdout).not.toContain('TTI-11 FAILED');
  });

  it('with --strict: exits 1 and reports the same difference as a failure of decision D-13', async () => {
    const run = await runAgainstDouble(['--strict']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('TTI-11 FAILED: RequestId "');
    expect(run.stdout).toContain('  expectation: TTI-11.uuid');
    expect(run.stdout).toContain('  provenance: decision D-13');
    expect(run.stdout).not.toContain("Where this target differs from tbc's assumptions");
  });
});
