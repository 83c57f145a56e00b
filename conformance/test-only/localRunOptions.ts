import type { Implementation } from '../Implementation.ts';
import type { ConformanceOptions } from '../runner/ConformanceOptions.ts';
import { EXAMPLE_CREDENTIALS } from '../signing/Credentials.ts';

/**
 * A conformance run against a local target (an emulator, a double, a broken implementation) as the CLI's defaults
 * make it: the public example key pair, the profile the target calls for, doc revision seed.
 */
export function localRunOptions(
  target: { url: string; implementation?: Implementation },
  rest: Partial<ConformanceOptions> & Pick<ConformanceOptions, 'runs' | 'seed'>,
): ConformanceOptions {
  return {
    ...target,
    credentials: EXAMPLE_CREDENTIALS,
    credentialsAreExample: true,
    profile: 'auto',
    docRevision: 'seed',
    ...rest,
  };
}
