import type { RunnerProfile } from '../../generated/reportTypes.ts';
import { ALL_CAPABILITIES, type Capability } from '../../property-tests/Capability.ts';
import type { EmulatorInfo } from '../control/controlPlane.ts';
import { createControlClient, type ControlClient } from '../control/createControlClient.ts';
import type { Implementation } from '../Implementation.ts';
import { TbcError } from '../TbcError.ts';

export interface ResolvedProfile {
  profile: RunnerProfile;
  /** The emulator's control plane, for the emulated profile only (the run makes its own tenants through it). */
  control: ControlClient | undefined;
  /** What this target offers the catalogue (property-tests/Capability.ts). */
  capabilities: Set<Capability>;
}

export interface ProfileRequest {
  /** What the user asked for; `auto` picks `emulated` for a tbc emulator, `mock` for Prism, else `live-safe`. */
  profile: RunnerProfile | 'auto';
  allowDestructive: boolean;
  maxJobs: number | undefined;
  namedEnvId: string | undefined;
}

/**
 * Learns what the target is from `GET /_emulator/info` (the emulator's control plane; nothing for a live endpoint,
 * Prism's "no path matched" problem for `tbc mock`) and decides what the run may do and what it can observe. An
 * unreachable target is a setup error (exit 2), found before any invariant runs.
 */
export async function resolveProfile(
  implementation: Implementation,
  url: string,
  request: ProfileRequest,
): Promise<ResolvedProfile> {
  let response: Response;
  try {
    response = await implementation(new Request(new URL('/_emulator/info', url)));
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new TbcError(`the target ${url} is unreachable${cause}`);
  }
  const body = await response.text();
  const info = response.ok ? parseInfo(body) : undefined;
  const isEmulator = info?.emulator === 'tbc';
  const isPrism = /stoplight\.io\/prism/.test(body);
  const detected: RunnerProfile = isEmulator ? 'emulated' : isPrism ? 'mock' : 'live-safe';
  const profile = request.profile === 'auto' ? detected : request.profile;

  if (profile === 'emulated') {
    if (!isEmulator)
      throw new TbcError(`--profile emulated needs a tbc emulator, but ${url} has no /_emulator control plane`);
    return { profile, control: createControlClient(implementation, url), capabilities: new Set(ALL_CAPABILITIES) };
  }
  if (profile === 'live-stateful') {
    if (!request.allowDestructive || request.maxJobs === undefined) {
      throw new TbcError(
        '--profile live-stateful submits and terminates jobs: it needs --allow-destructive and --max-jobs N',
      );
    }
    const capabilities = new Set<Capability>(['state', 'rate-limit']);
    if (request.namedEnvId !== undefined) capabilities.add('named-env');
    return { profile, control: undefined, capabilities };
  }
  // live-safe: calls that cannot harm anyone; mock: a stateless mock has neither state nor a rate limit.
  return { profile, control: undefined, capabilities: new Set(profile === 'live-safe' ? ['rate-limit'] : []) };
}

/** The emulator's info as sent; undefined for any body that is not a JSON object (a live endpoint's error page). */
function parseInfo(body: string): EmulatorInfo | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? (parsed as EmulatorInfo) : undefined;
  } catch {
    return undefined;
  }
}
