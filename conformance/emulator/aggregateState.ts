import type { TaskInstanceState } from '../../generated/transitions.ts';
import type { Job, Task } from './Job.ts';

/** Active states, most advanced first: an aggregate shows the furthest progress of any active member. */
const ACTIVE: readonly TaskInstanceState[] = ['RUNNING', 'STARTING', 'RUNNABLE', 'PENDING', 'SUBMITTED'];

/**
 * A task's state from its instances, a job's from its tasks. The docs publish no rule (reference §2.6), so this is
 * the kit's choice: all SUCCEED → SUCCEED; any member still active → the most advanced active state; otherwise
 * FAILED_INTERRUPTED if a member kept its instance, else FAILED.
 */
export function aggregateState(states: readonly TaskInstanceState[]): TaskInstanceState {
  if (states.every((s) => s === 'SUCCEED')) return 'SUCCEED';
  for (const active of ACTIVE) if (states.includes(active)) return active;
  return states.includes('FAILED_INTERRUPTED') ? 'FAILED_INTERRUPTED' : 'FAILED';
}

/**
 * A task's state as every view and rule reads it: SUBMITTED until the job is accepted, whatever its instances say
 * (an instance terminated while SUBMITTED is already FAILED), then the aggregate of its instances.
 */
export function taskStateOf(job: Job, task: Task): TaskInstanceState {
  return job.accepted ? aggregateState(task.instances.map((i) => i.state)) : 'SUBMITTED';
}
