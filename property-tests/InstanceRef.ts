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
