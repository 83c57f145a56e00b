/** One task instance, as a client names it. */
export interface InstanceRef {
  jobId: string;
  taskName: string;
  index: number;
}

/** `job-…/A#0`: how messages name an instance, and the key the harness keeps per-instance facts under. */
export function describeRef(ref: InstanceRef): string {
  return `${ref.jobId}/${ref.taskName}#${ref.index}`;
}

/**
 * Consecutive instances of one task that a scenario may use, indexes `first` … `first + count − 1`: a fresh job's
 * whole task on an emulator, or instances leased from the run's shared jobs on a live target.
 */
export interface InstanceGroup {
  jobId: string;
  taskName: string;
  first: number;
  count: number;
  /** How many instances the task has in all: an index from here on does not exist. */
  taskSize: number;
}

/** The `i`-th instance of a group (0-based). */
export function member(group: InstanceGroup, i: number): InstanceRef {
  if (!Number.isInteger(i) || i < 0 || i >= group.count) {
    throw new Error(`instance ${i} is outside a group of ${group.count}`);
  }
  return { jobId: group.jobId, taskName: group.taskName, index: group.first + i };
}

export function members(group: InstanceGroup): InstanceRef[] {
  return Array.from({ length: group.count }, (_, i) => member(group, i));
}
