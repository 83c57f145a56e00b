import type { EmulatorSnapshot, SnapshotCvm } from '../conformance/control/controlPlane.ts';
import type { InstanceRef } from './InstanceRef.ts';

/** The CVMs a snapshot shows for one instance, oldest first (one per attempt). */
export function cvmsOf(snapshot: EmulatorSnapshot, ref: InstanceRef): SnapshotCvm[] {
  return snapshot.cvms.filter(
    (c) => c.jobId === ref.jobId && c.taskName === ref.taskName && c.instanceIndex === ref.index,
  );
}
