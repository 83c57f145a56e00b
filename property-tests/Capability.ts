/**
 * What a target must offer for an invariant to be checked, declared once with what it means and what a run without it
 * reports. An invariant lists the capabilities it needs (`requires`); the runner grants them per target
 * (runner/resolveProfile.ts); an invariant whose needs are not met is `skipped` with `whenMissing`, never `passed`.
 */
export const CAPABILITIES = {
  state: {
    means: 'jobs can be created (SubmitJob) and terminated: the emulator, or a live endpoint with --allow-destructive',
    whenMissing:
      'needs jobs of its own: the target is not an emulator and the run is not live-stateful (--profile live-stateful --allow-destructive --max-jobs N)',
  },
  control: {
    means: "the emulator's control plane: a virtual clock, and the CVM and quota snapshot",
    whenMissing: "needs the emulator's control plane (virtual clock, CVM and quota snapshot) to observe it",
  },
  'named-env': {
    means: 'a named compute environment the run may submit to',
    whenMissing: 'needs a named compute environment (--named-env EnvId)',
  },
  'rate-limit': {
    means: 'the target enforces the documented rate limit (not a stateless mock)',
    whenMissing: 'the target enforces no rate limit (a stateless mock)',
  },
} as const;

export type Capability = keyof typeof CAPABILITIES;
export const ALL_CAPABILITIES = Object.keys(CAPABILITIES) as Capability[];
