import type { RequestOf } from '../../generated/actionTypes.ts';
import { DEFAULT_ZONE } from '../../generated/regions.ts';
import { ANONYMOUS_COMPUTE_ENV } from '../client/anonymousComputeEnv.ts';

/** A SubmitJob of one task `A` whose `instances` instances sleep long enough to be terminated at leisure. */
export function sleepingJob(jobName: string, instances = 2): RequestOf<'SubmitJob'> {
  return {
    Placement: { Zone: DEFAULT_ZONE },
    Job: {
      JobName: jobName,
      Tasks: [
        {
          TaskName: 'A',
          TaskInstanceNum: instances,
          Application: { DeliveryForm: 'LOCAL', Command: 'sleep 1000' },
          ComputeEnv: ANONYMOUS_COMPUTE_ENV,
        },
      ],
    },
  };
}
