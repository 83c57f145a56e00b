import type { RunnerProfile } from '../../generated/reportTypes.ts';
import { TbcError } from '../TbcError.ts';
import type { ConformanceOptions } from './ConformanceOptions.ts';
import { isLive } from './runnerProfiles.ts';
import { zoneFor } from './zoneFor.ts';

/**
 * Refuses, before any invariant runs, what a run cannot do (a setup error, exit 2): a zone outside the region; on a live
 * target, Tencent's public example credentials, no region, no zone for the jobs of a live-stateful run, more than one
 * invariant at a time.
 */
export function checkRunSetup(
  options: Pick<ConformanceOptions, 'url' | 'credentialsAreExample' | 'region' | 'zone'>,
  profile: RunnerProfile,
  concurrency: number,
): void {
  const { zone, region } = options;
  // A zone names its region (`ap-beijing-3`); a SubmitJob with another region's zone is InvalidZone.MismatchRegion.
  if (zone !== undefined && region !== undefined && !zone.startsWith(`${region}-`)) {
    throw new TbcError(`--zone ${zone} is not a zone of --region ${region} (a zone of it looks like ${region}-1)`);
  }
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
  if (profile === 'live-stateful' && zoneFor(options) === undefined) {
    throw new TbcError(
      `${options.url}: a live-stateful run in ${options.region} needs the zone of its jobs (--zone, a zone of ${options.region} where your account can create CVMs, e.g. ${options.region}-1)`,
    );
  }
  if (concurrency > 1) {
    throw new TbcError(`--concurrency ${concurrency}: a live run checks one invariant at a time (pacing rules there)`);
  }
}
