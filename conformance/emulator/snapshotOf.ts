import type { EmulatorSnapshot } from '../control/controlPlane.ts';
import { isoTime } from './describeViews.ts';
import type { World } from './createWorld.ts';

/** `GET /_emulator/snapshot`: a read-only view of one world (every job, or one), with histories and the quota. */
export function snapshotOf(world: World, jobId: string | null): EmulatorSnapshot {
  const { scheduler, state } = world;
  scheduler.runDue();
  const jobs = [...state.jobs.values()].filter((j) => jobId === null || j.id === jobId);
  const cvms = state.cvms.filter((c) => jobId === null || c.jobId === jobId);
  return {
    now: isoTime(scheduler.now()),
    nowMs: scheduler.now(),
    docRevision: world.config.docRevision,
    jobs: jobs.map((j) => ({
      JobId: j.id,
      accepted: j.accepted,
      tasks: [...j.tasks.values()].map((t) => ({
        TaskName: t.name,
        env: t.env,
        instances: t.instances.map((i) => ({
          index: i.index,
          state: i.state,
          attempt: i.attempt,
          terminating: i.terminating,
          workloadRuns: i.workloadRuns,
          cvm: i.cvm?.id ?? null,
          history: i.history.map((h) => ({ state: h.value, at: h.at, seq: h.seq })),
        })),
      })),
    })),
    cvms: cvms.map((c) => ({
      id: c.id,
      env: c.env,
      phase: c.phase,
      jobId: c.jobId,
      taskName: c.taskName,
      instanceIndex: c.instanceIndex,
      attempt: c.attempt,
      workloadStartedAt: c.workloadStartedAt,
      history: c.history.map((h) => ({ phase: h.value, at: h.at, seq: h.seq })),
    })),
    // Quota: anonymous CVMs that exist (creating, running or terminating); released once terminated.
    quota: {
      cvmsInUse: cvms.filter((c) => c.env.kind === 'anonymous' && c.phase !== 'terminated').length,
    },
  };
}
