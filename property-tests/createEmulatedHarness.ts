import type { ControlClient } from '../conformance/control/createControlClient.ts';
import { ALL_CAPABILITIES, type Capability } from './Capability.ts';
import { createHarness, type HarnessOptions } from './createHarness.ts';
import type { HarnessRuntime } from './Harness.ts';

export interface EmulatedHarnessOptions extends Omit<HarnessOptions, 'capabilities' | 'strict'> {
  /** The emulator's control plane, over the same Implementation as the API calls. */
  control: ControlClient;
  /** Default: every capability (an emulator offers state, the control plane, named envs and rate limits). */
  capabilities?: ReadonlySet<Capability>;
  /** Default true: the emulator implements the kit's decisions, so a difference from one is a failure. */
  strict?: boolean;
}

/**
 * The harness for a tbc emulator on a virtual clock: each property run starts from a reset world (with the run's doc
 * revision, rate limits off unless the property asks for them, and the named environment declared); time moves by
 * jumping to the next event; the snapshot shows CVMs and quota.
 */
export function createEmulatedHarness(options: EmulatedHarnessOptions): HarnessRuntime {
  const { control } = options;
  let declared = false;
  // Worlds saved by Harness.reuse, by key: checkpoint ids, freed when the harness is disposed.
  const checkpoints = new Map<string, string>();
  return createHarness(
    { ...options, capabilities: options.capabilities ?? new Set(ALL_CAPABILITIES), strict: options.strict ?? true },
    {
      step: () => control.advanceToNextEvent(),
      async wait(seconds) {
        await control.advanceBy(seconds);
      },
      snapshot: (jobId) => control.snapshot(jobId),
      // Patience with a lagging emulator (eventualConsistency) moves its virtual clock, as a wait does.
      async pause(ms) {
        await control.advanceBy(ms / 1000);
      },
      async beginRun(rateLimits) {
        await control.reset({ docRevision: options.docRevision, rateLimits: rateLimits ?? false });
        // A reset keeps the tenant's named environments: declaring it once saves a control call per run.
        if (options.namedEnvId !== undefined && !declared) await control.declareEnv(options.namedEnvId);
        declared = true;
      },
      guardsForeignJobs: false,
      sharesJobs: false,
      freshWorldPerRun: true,
      saved: {
        async restore(key) {
          const checkpoint = checkpoints.get(key);
          if (checkpoint === undefined) return false;
          await control.restore(checkpoint);
          return true;
        },
        async save(key) {
          checkpoints.set(key, (await control.checkpoint()).checkpoint);
        },
        async dispose() {
          await Promise.all([...checkpoints.values()].map((id) => control.deleteCheckpoint(id)));
          checkpoints.clear();
        },
      },
    },
  );
}
