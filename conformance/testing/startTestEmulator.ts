import type { ActionName } from '../../generated/actions.ts';
import { DEFAULT_REGION } from '../../generated/regions.ts';
import type {
  AdvanceResult,
  EmulatorInfo,
  EmulatorSnapshot,
  Fault,
  FaultSpec,
  ResetRequest,
} from '../control/controlPlane.ts';
import { createControlClient, type ControlClient } from '../control/createControlClient.ts';
import { createEmulator, type EmulatorOptions } from '../emulator/createEmulator.ts';
import { EXAMPLE_CREDENTIALS, type Credentials } from '../signing/Credentials.ts';
import {
  commonClientSettings,
  intlClientSettings,
  type CommonClientSettings,
  type IntlClientSettings,
} from './sdkSettings.ts';
import type { TlsOption } from '../http/resolveTls.ts';
import { trustInGlobalAgent } from './trustInGlobalAgent.ts';

/**
 * The region the SDK settings name: the spec's default region (any Batch region works: the emulator serves them all
 * alike). A name of its own because it is part of the test helper's public API.
 */
export const DEFAULT_TEST_REGION = DEFAULT_REGION;

export interface TestEmulatorOptions extends Omit<EmulatorOptions, 'rateLimits' | 'credentials' | 'clock'> {
  /**
   * Off by default: a test calls far faster than the documented limits (SubmitJob 2/s), and a third call in a second
   * would get RequestLimitExceeded before any parameter check. `true`: the spec's limits; an object: your own.
   */
  rateLimits?: boolean | Partial<Record<ActionName, number>>;
  /** `virtual` (default): time moves only when the test advances it. `real`: wall time, sped up by `timeScale`. */
  clock?: 'virtual' | 'real';
  /** The one key pair the emulator accepts and the SDK settings carry; default Tencent's published example pair. */
  credentials?: Credentials;
  /** The region the SDK settings carry; default ap-guangzhou. */
  region?: string;
  /** Port on 127.0.0.1; default 0, a free one. */
  port?: number;
  /**
   * HTTPS: `true` with a certificate made at start-up for 127.0.0.1, ::1 and localhost, or your own `{ cert, key, ca? }`
   * (PEM). The SDK settings then say `https://` and trust that certificate only. Default: plain HTTP.
   */
  tls?: TlsOption;
  /**
   * With `tls`: also trust the certificate in Node's `https.globalAgent` while the emulator is up, which the intl-en
   * SDK needs (it takes no agent). Process-wide: any https request of this process without an agent of its own trusts
   * it too. Default true; the certificate is only valid for loopback names and cannot sign others.
   */
  trustInGlobalAgent?: boolean;
}

/** An emulator listening on 127.0.0.1 for one test file, with typed control and ready SDK settings. */
export interface TestEmulator {
  /** e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** `127.0.0.1:41234`: what an SDK's `httpProfile.endpoint` takes. */
  endpoint: string;
  /** With `tls`: the PEM certificate a client trusts (e.g. `new https.Agent({ ca })`, `--ca`, NODE_EXTRA_CA_CERTS). */
  ca?: string;
  credentials: Credentials;
  region: string;
  /** `new CommonClient(s.endpoint, s.version, s.config)` (tencentcloud-sdk-nodejs-common). */
  commonClient: CommonClientSettings;
  /** `new batch.v20170312.Client(s.credential, s.region, s.profile)` (tencentcloud-sdk-nodejs-intl-en). */
  intlClient: IntlClientSettings;
  /** The typed control-plane client, for what the helpers below do not cover (info, listEnvs, listFaults). */
  control: ControlClient;
  /** Moves the virtual clock, firing every event due in order (never sleeps). */
  advance(seconds: number): Promise<AdvanceResult>;
  /** Jumps to the next scheduled event; false when nothing is pending. */
  advanceToNextEvent(): Promise<boolean>;
  /** Every job, instance (with state history) and CVM; one job with `jobId`. */
  snapshot(jobId?: string): Promise<EmulatorSnapshot>;
  /** Forgets every job, CVM and fault (named environments and the rate-limit setting stay), e.g. in `beforeEach`. */
  reset(request?: ResetRequest): Promise<EmulatorInfo>;
  /** Declares a named compute environment (`env-xxxxxxxx`) that SubmitJob may use. */
  declareEnv(envId: string): Promise<void>;
  /** Arms a fault: an error code, latency, an HTTP status or a non-JSON body, for one action or all. */
  injectFault(fault: FaultSpec): Promise<Fault>;
  clearFaults(): Promise<void>;
  /** Stops listening and drops open connections; safe to call twice. */
  close(): Promise<void>;
  /** `await using emulator = await startTestEmulator()` closes it at the end of the block. */
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Starts the emulator in this process on a free loopback port, for a test file: rate limits off unless asked, the
 * virtual clock, the example credentials. Close it with `afterAll(() => emulator.close())` or `await using`.
 */
export async function startTestEmulator(options: TestEmulatorOptions = {}): Promise<TestEmulator> {
  const {
    rateLimits = false,
    clock = 'virtual',
    credentials = EXAMPLE_CREDENTIALS,
    region,
    port,
    tls,
    trustInGlobalAgent: trustGlobally = true,
    ...rest
  } = options;
  const emulator = createEmulator({
    ...rest,
    clock,
    credentials: [credentials],
    // `true` means the spec's limits, which is what the emulator does when given none.
    ...(rateLimits === true ? {} : { rateLimits }),
  });
  const listening = await emulator.listen({ host: '127.0.0.1', port, tls });
  const { ca } = listening;
  const endpoint = new URL(listening.url).host;
  const regionName = region ?? DEFAULT_TEST_REGION;
  // In process: the control calls skip the socket but meet the same handler as an SDK's calls.
  const control = createControlClient(emulator.implementation, listening.url);
  const distrust = ca !== undefined && trustGlobally ? trustInGlobalAgent(ca) : undefined;
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => (closed ??= listening.close().finally(distrust));
  return {
    url: listening.url,
    endpoint,
    ...(ca === undefined ? {} : { ca }),
    credentials: { ...credentials },
    region: regionName,
    commonClient: commonClientSettings(endpoint, credentials, regionName, ca),
    intlClient: intlClientSettings(endpoint, credentials, regionName, ca),
    control,
    advance: (seconds) => control.advanceBy(seconds),
    advanceToNextEvent: () => control.advanceToNextEvent(),
    snapshot: (jobId) => control.snapshot(jobId),
    reset: (request) => control.reset(request),
    declareEnv: (envId) => control.declareEnv(envId),
    injectFault: (fault) => control.addFault(fault),
    clearFaults: () => control.clearFaults(),
    close,
    [Symbol.asyncDispose]: close,
  };
}
