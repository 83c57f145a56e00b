/** The seed's sentence on named compute environments, quoted by TTI-06 (TerminateTaskInstance) and TTI-18 (TerminateJob). */
export const NAMED_ENV_SENTENCE =
  'For jobs submitted to a named compute environment (where EnvId but not ComputeEnv is specified for SubmitJob), the TerminateTaskInstance and TerminateJob operations are not supported.';
