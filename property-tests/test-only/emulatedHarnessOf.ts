import type { Implementation } from '../../conformance/Implementation.ts';
import { createApiClient } from '../../conformance/client/createApiClient.ts';
import { createControlClient } from '../../conformance/control/createControlClient.ts';
import { EXAMPLE_CREDENTIALS } from '../../conformance/signing/Credentials.ts';
import { EMULATED_NAMED_ENV } from '../../conformance/runner/createHarnessLeaser.ts';
import type { DocRevision } from '../../generated/transitions.ts';
import { createEmulatedHarness } from '../createEmulatedHarness.ts';
import type { HarnessRuntime } from '../Harness.ts';

/**
 * A harness on an in-process emulator (or on one wrapped by a broken implementation): requests and its control plane
 * go through `implementation`, unpaced, signed with the example key pair.
 */
export function emulatedHarnessOf(implementation: Implementation, docRevision: DocRevision = 'seed'): HarnessRuntime {
  const client = createApiClient({ implementation, credentials: EXAMPLE_CREDENTIALS, pacing: false });
  return createEmulatedHarness({
    client,
    control: createControlClient(implementation, client.url),
    docRevision,
    // The one the runner declares on an emulator, so a test harness meets what a run meets.
    namedEnvId: EMULATED_NAMED_ENV,
  });
}
