/**
 * Scenario ids in run order (for `--only`); planScenarios returns exactly these. Apart from planScenarios.ts so that
 * `tbc --help` can list them without loading fast-check.
 */
export const SCENARIO_IDS = [
  'fuzz',
  'success',
  'JobIdMalformed',
  'ResourceNotFound.TaskInstance',
  'TerminateOperationWithEnvId',
  'RequestLimitExceeded',
  'InternalError',
  'latency-within',
  'latency-beyond',
  'http-500',
  'non-json',
] as const;

export type ScenarioId = (typeof SCENARIO_IDS)[number];
