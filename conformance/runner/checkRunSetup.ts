import type { RunnerProfile } from '../../generated/reportTypes.ts';
import { TbcError } from '../TbcError.ts';
import type { ConformanceOptions } from './ConformanceOptions.ts';
import { isLive } from './runnerProfiles.ts';

/**
 * Refuses, before any invariant runs, what a live run cannot do (a setup error, exit 2): Tencent's public example
 * credentials, no region, more than one invariant at a time.
 */
export function checkRunSetup(
  options: Pick<ConformanceOptions, 'url' | 'credentialsAreExample' | 'region'>,
  profile: RunnerProfile,
  concurrency: number,
): void {
  if (!isLive(profile)) return;
  if (options.credentialsAreExample === true) {
    throw new TbcError(
      `${options.url} is a live endpoint: give credentials (TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or --secret-id and --secret-key)`,
    );
  }
  // The kit's client always sends a Region (decision D-21); only an emulator or a mock may take the default one.
  if (options.region === undefined) {
    throw new TbcError(
      `${options.url} is a live endpoint: give its region (--region or TENCENTCLOUD_REGION, e.g. ap-guangzhou)`,
    );
  }
  if (concurrency > 1) {
    throw new TbcError(`--concurrency ${concurrency}: a live run checks one invariant at a time (pacing rules there)`);
  }
}
