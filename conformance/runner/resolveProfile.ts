import type { RunnerProfile } from '../../generated/reportTypes.ts';
import { ALL_CAPABILITIES, type Capability } from '../../property-tests/Capability.ts';
import { CONTROL_PREFIX, CONTROL_ROUTES, type EmulatorInfo } from '../control/controlPlane.ts';
import { createControlClient, type ControlClient } from '../control/createControlClient.ts';
import type { Implementation } from '../Implementation.ts';
import { TbcError } from '../TbcError.ts';
import { boundedExchange } from '../client/sendRequest.ts';
import { deadlinesFor } from '../client/Deadlines.ts';

export interface ResolvedProfile {
  profile: RunnerProfile;
  /** The emulator's control plane, for the emulated profile only (the run makes its own tenants through it). */
  control: ControlClient | undefined;
  /** What this target offers the catalogue (property-tests/Capability.ts). */
  capabilities: Set<Capability>;
}

/**
 * The probe's own deadline: a tbc emulator, a mock or a live endpoint each answer `GET /_emulator/info` (a 404 is an
 * answer) in milliseconds, so a target silent for this long is not one the run can use.
 */
export const PROBE_TIMEOUT_MS = 5_000;

/** Where the probe asks: the control plane's `info` route, which only a tbc emulator serves. */
const INFO_PATH = `${CONTROL_PREFIX}${CONTROL_ROUTES.info.path}`;

/** The largest probe answer read (an emulator's info is under 1 KB; a live endpoint's error page a few). */
const PROBE_MAX_BYTES = 1024 * 1024;

export interface ProfileRequest {
  /** What the user asked for; `auto` picks `emulated` for a tbc emulator, `mock` for Prism, else `live-safe`. */
  profile: RunnerProfile | 'auto';
  allowDestructive: boolean;
  maxJobs: number | undefined;
  namedEnvId: string | undefined;
  /** `--request-timeout`: the probe waits no longer than this either. */
  requestTimeoutMs?: number;
  /** How the emulator's control calls go, when it is one; default: as the probe. */
  control?: Implementation;
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
  const probeMs = Math.min(PROBE_TIMEOUT_MS, request.requestTimeoutMs ?? PROBE_TIMEOUT_MS);
  const probe = await boundedExchange(implementation, {
    deadlines: deadlinesFor(probeMs),
    maxAnswerBytes: PROBE_MAX_BYTES,
  })((signal) => new Request(new URL(INFO_PATH, url), { signal }));
  if ('reason' in probe) {
    throw new TbcError(
      probe.timedOut
        ? `the target ${url} did not answer GET ${INFO_PATH}: ${probe.reason} (is it an HTTP API server? a slow one needs a longer --request-timeout)`
        : `the target ${url} is unreachable: ${probe.reason}${/ECONNREFUSED/.test(probe.reason) ? ` (nothing listens there: is the emulator, or your server, running on that port? e.g. tbc emulator --port ${new URL(url).port || '80'})` : ''}`,
    );
  }
  const body = new TextDecoder().decode(probe.bytes);
  const info = probe.response.ok && probe.cutOff === undefined ? parseInfo(body) : undefined;
  const isEmulator = info?.emulator === 'tbc';
  const isPrism = /stoplight\.io\/prism/.test(body);
  const detected: RunnerProfile = isEmulator ? 'emulated' : isPrism ? 'mock' : 'live-safe';
  const profile = request.profile === 'auto' ? detected : request.profile;

  if (profile === 'emulated') {
    if (!isEmulator)
      throw new TbcError(`--profile emulated needs a tbc emulator, but ${url} has no /_emulator control plane`);
    const { requestTimeoutMs } = request;
    const control = createControlClient(
      request.control ?? implementation,
      url,
      requestTimeoutMs === undefined ? {} : { timeoutMs: requestTimeoutMs },
    );
    return { profile, control, capabilities: new Set(ALL_CAPABILITIES) };
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
