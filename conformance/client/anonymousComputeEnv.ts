/**
 * The compute environment every job the kit submits for itself runs in: an anonymous environment (`Task.ComputeEnv`,
 * so Batch creates one CVM per instance) of the smallest instance type in the spec's SubmitJob example (reference
 * §2.1). One value for the harness, client-check, test helpers and benchmarks.
 */
export const ANONYMOUS_COMPUTE_ENV = { EnvType: 'MANAGED', EnvData: { InstanceType: 'SA5.MEDIUM4' } } as const;
