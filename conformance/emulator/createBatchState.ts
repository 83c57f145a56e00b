import {
  TERMINATE_OUTCOMES,
  type CvmPhase,
  type DocRevision,
  type TaskInstanceState,
} from '../../generated/transitions.ts';
import type { ErrorCode } from '../../generated/errorCodes.ts';
import type { Cvm, Instance, Job, Task } from './Job.ts';
import type { Timings } from './Timings.ts';
import type { Scheduler } from './createScheduler.ts';
import { taskStateOf } from './aggregateState.ts';
import { parseWorkload } from './parseWorkload.ts';
import type { RequestOf } from '../../generated/actionTypes.ts';

export type Outcome<T> = { ok: true; data: T } | { ok: false; code: ErrorCode; message: string };

export interface BatchStateOptions {
  scheduler: Scheduler;
  timings: Timings;
  docRevision: DocRevision;
  /** Named compute environments that exist (declared by flag or control plane). */
  namedEnvs: Set<string>;
  /** Random source for ids, so a seeded emulator is reproducible. */
  random: () => number;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The Batch domain: jobs, tasks, instances and CVMs moving on the emulator's clock. Every change happens either in
 * an action (at the request's time) or in a scheduled event (at the time it is due), so histories are exact.
 */
export function createBatchState(options: BatchStateOptions) {
  const { scheduler, timings } = options;
  const jobs = new Map<string, Job>();
  const cvms: Cvm[] = [];
  let seq = 0;

  const newId = (prefix: string, taken: (id: string) => boolean): string => {
    for (;;) {
      let id = `${prefix}-`;
      for (let i = 0; i < 8; i++) id += ID_ALPHABET[Math.floor(options.random() * ID_ALPHABET.length)] ?? 'a';
      if (!taken(id)) return id;
    }
  };

  function setState(inst: Instance, state: TaskInstanceState, at: number): void {
    inst.state = state;
    inst.history.push({ value: state, at, seq: seq++ });
  }

  function setPhase(cvm: Cvm, phase: Cvm['phase'], at: number): void {
    cvm.phase = phase;
    cvm.history.push({ value: phase, at, seq: seq++ });
  }

  /** Schedules instance work that a later termination or retry cancels (by bumping the generation). */
  function later(inst: Instance, at: number, run: (at: number) => void): void {
    const generation = inst.generation;
    scheduler.schedule(at, (t) => {
      if (inst.generation === generation) run(t);
    });
  }

  // ---- the normal lifecycle -------------------------------------------------------------------------------------

  function accept(job: Job, at: number): void {
    job.accepted = true;
    for (const task of job.tasks.values()) {
      for (const inst of task.instances) if (inst.state === 'SUBMITTED') setState(inst, 'PENDING', at);
    }
    for (const task of job.tasks.values()) releaseIfReady(job, task, at);
  }

  /** PENDING → RUNNABLE when every prerequisite task SUCCEED; FAILED when one of them failed for good. */
  function releaseIfReady(job: Job, task: Task, at: number): void {
    const before = task.after.map((name) => taskStateOf(job, job.tasks.get(name) as Task));
    const pending = task.instances.filter((i) => i.state === 'PENDING' && !i.terminating);
    if (pending.length === 0) return;
    if (before.some((s) => s === 'FAILED')) {
      for (const inst of pending) {
        inst.generation++;
        finish(job, inst, 'FAILED', at, 'Dependency failed', 'a prerequisite task failed');
      }
      return;
    }
    if (!before.every((s) => s === 'SUCCEED')) return;
    for (const inst of pending) {
      inst.generation++;
      later(inst, at + timings.scheduleMs, (t) => {
        setState(inst, 'RUNNABLE', t);
        later(inst, t + timings.startMs, (t2) => {
          start(job, task, inst, t2);
        });
      });
    }
  }

  function start(job: Job, task: Task, inst: Instance, at: number): void {
    setState(inst, 'STARTING', at);
    inst.launchAt = at;
    const cvm: Cvm = {
      id: newId('ins', (id) => cvms.some((c) => c.id === id)),
      env: task.env,
      phase: task.env.kind === 'anonymous' ? 'creating' : 'running',
      history: [],
      jobId: job.id,
      taskName: task.name,
      instanceIndex: inst.index,
      attempt: inst.attempt,
      workloadStartedAt: null,
      terminateWhenCreated: false,
    };
    cvm.history.push({ value: cvm.phase, at, seq: seq++ });
    cvms.push(cvm);
    inst.cvm = cvm;
    if (task.env.kind === 'named') {
      later(inst, at + timings.agentStartMs, (t) => {
        runWorkload(job, task, inst, t);
      });
      return;
    }
    // CVM creation is not cancelled by a termination: seed says the CVM is terminated "after it is created".
    scheduler.schedule(at + timings.cvmCreateMs, (t) => {
      if (cvm.phase !== 'creating') return;
      setPhase(cvm, 'running', t);
      if (cvm.terminateWhenCreated) {
        terminateCvm(job, inst, cvm, t);
        return;
      }
      later(inst, t + timings.agentStartMs, (t2) => {
        runWorkload(job, task, inst, t2);
      });
    });
  }

  function runWorkload(job: Job, task: Task, inst: Instance, at: number): void {
    setState(inst, 'RUNNING', at);
    inst.runningAt = at;
    inst.workloadRuns++;
    if (inst.cvm) inst.cvm.workloadStartedAt = at;
    const timedOut = task.workload.durationMs > task.timeoutMs;
    later(inst, at + Math.min(task.workload.durationMs, task.timeoutMs), (t) => {
      workloadEnded(job, task, inst, timedOut ? null : task.workload.exitCode, t);
    });
  }

  function workloadEnded(job: Job, task: Task, inst: Instance, exitCode: number | null, at: number): void {
    inst.exitCode = exitCode;
    const cvm = inst.cvm;
    if (exitCode === 0) {
      if (cvm) releaseCvm(cvm, at);
      finish(job, inst, 'SUCCEED', at, '', 'successful');
      return;
    }
    const reason = exitCode === null ? 'Timeout' : `Exit code ${exitCode}`;
    if (inst.attempt < task.maxRetryCount) {
      if (cvm) releaseCvm(cvm, at);
      inst.attempt++;
      inst.generation++;
      inst.cvm = undefined;
      setState(inst, 'RUNNABLE', at);
      later(inst, at + timings.startMs, (t) => {
        start(job, task, inst, t);
      });
      return;
    }
    if (task.failedAction === 'TERMINATE') {
      if (cvm) releaseCvm(cvm, at);
      finish(job, inst, 'FAILED', at, reason, exitCode === null ? 'timeout' : 'non-zero exit code');
    } else {
      // FailedAction INTERRUPT: "interrupt and keep the instance" — the CVM and its quota stay held.
      setState(inst, 'FAILED_INTERRUPTED', at);
      inst.stateReason = reason;
      inst.detailedReason = 'interrupted; compute instance kept';
      releaseDependents(job, at);
    }
  }

  /** After a task's work ends normally, its CVM is destroyed (anonymous) or returned to its environment (named). */
  function releaseCvm(cvm: Cvm, at: number): void {
    if (cvm.env.kind === 'named') return;
    setPhase(cvm, 'terminating', at);
    scheduler.schedule(at + timings.cvmTerminateMs, (t) => {
      setPhase(cvm, 'terminated', t);
    });
  }

  function finish(
    job: Job,
    inst: Instance,
    state: 'SUCCEED' | 'FAILED',
    at: number,
    reason: string,
    detail: string,
  ): void {
    setState(inst, state, at);
    inst.endAt = at;
    inst.stateReason = reason;
    inst.detailedReason = detail;
    inst.terminating = false;
    releaseDependents(job, at);
  }

  function releaseDependents(job: Job, at: number): void {
    for (const t of job.tasks.values()) if (t.after.length > 0) releaseIfReady(job, t, at);
  }

  // ---- termination, as spec/transitions.yaml says ---------------------------------------------------------------

  /** The CVM phase the transition table is keyed by. */
  function tablePhase(inst: Instance): CvmPhase {
    const phase = inst.cvm?.phase;
    if (phase === 'creating') return 'creating';
    if (phase === undefined || phase === 'terminated') return 'none';
    return 'running';
  }

  function outcomeFor(task: Task, inst: Instance) {
    return TERMINATE_OUTCOMES[options.docRevision][task.env.kind][inst.state][tablePhase(inst)];
  }

  /** "Batch terminates the CVM first and then sets them to the FAILED state, which is time-consuming." */
  function terminateCvm(job: Job, inst: Instance, cvm: Cvm, at: number): void {
    setPhase(cvm, 'terminating', at);
    scheduler.schedule(at + timings.cvmTerminateMs, (t) => {
      setPhase(cvm, 'terminated', t);
      finish(job, inst, 'FAILED', t, 'Terminated', 'terminated by TerminateTaskInstance');
    });
  }

  function applyTermination(job: Job, task: Task, inst: Instance, at: number): void {
    const { effect } = outcomeFor(task, inst);
    if (effect === 'none' || inst.terminating) return;
    const cvm = inst.cvm;
    switch (effect) {
      case 'fail-now':
        inst.generation++;
        finish(job, inst, 'FAILED', at, 'Terminated', 'terminated by TerminateTaskInstance');
        return;
      case 'terminate-cvm-then-fail':
        if (cvm === undefined) throw new Error(`${inst.state} instance without a CVM`);
        inst.terminating = true;
        inst.generation++;
        terminateCvm(job, inst, cvm, at);
        return;
      case 'deferred-terminate':
        if (cvm === undefined) throw new Error('STARTING instance without a CVM');
        inst.terminating = true;
        inst.generation++;
        cvm.terminateWhenCreated = true;
        return;
      case 'fail-and-restart-cvm':
        if (cvm === undefined) throw new Error(`${inst.state} instance without a node`);
        inst.terminating = true;
        inst.generation++;
        setPhase(cvm, 'restarting', at);
        scheduler.schedule(at + timings.cvmRestartMs, (t) => {
          setPhase(cvm, 'running', t);
          finish(job, inst, 'FAILED', t, 'Terminated', 'terminated by TerminateTaskInstance; node restarted');
        });
        return;
    }
  }

  // ---- actions ----------------------------------------------------------------------------------------------------

  function submitJob(params: RequestOf<'SubmitJob'>, at: number): Outcome<{ JobId: string }> {
    const tasks = new Map<string, Task>();
    for (const [position, t] of params.Job.Tasks.entries()) {
      const name = t.TaskName ?? `Task${position}`;
      if (tasks.has(name)) return fail('InvalidParameter.TaskName', `Duplicate TaskName ${name}.`);
      if (t.EnvId !== undefined && !options.namedEnvs.has(t.EnvId)) {
        return fail('ResourceNotFound.ComputeEnv', `Compute environment ${t.EnvId} does not exist.`);
      }
      const count = t.TaskInstanceNum ?? 1;
      tasks.set(name, {
        name,
        env: t.EnvId === undefined ? { kind: 'anonymous' } : { kind: 'named', envId: t.EnvId },
        workload: parseWorkload(t.Application.Command),
        failedAction: t.FailedAction ?? 'TERMINATE',
        maxRetryCount: t.MaxRetryCount ?? 0,
        timeoutMs: (t.Timeout ?? 86_400) * 1000,
        createdAt: at,
        after: [],
        instances: Array.from({ length: count }, (_, index) => ({
          index,
          state: 'SUBMITTED' as const,
          history: [{ value: 'SUBMITTED' as const, at, seq: seq++ }],
          createdAt: at,
          launchAt: null,
          runningAt: null,
          endAt: null,
          exitCode: null,
          stateReason: '',
          detailedReason: '',
          cvm: undefined,
          attempt: 0,
          generation: 0,
          terminating: false,
          workloadRuns: 0,
        })),
      });
    }
    const dependences = params.Job.Dependences ?? [];
    for (const d of dependences) {
      const end = tasks.get(d.EndTask);
      if (!tasks.has(d.StartTask) || end === undefined) {
        return fail('InvalidParameterValue.DependenceNotFoundTaskName', 'A dependence names an unknown task.');
      }
      end.after.push(d.StartTask);
    }
    if (hasCycle(tasks)) return fail('InvalidParameterValue.DependenceUnfeasible', 'The dependences form a cycle.');
    const job: Job = {
      id: newId('job', (id) => jobs.has(id)),
      name: params.Job.JobName ?? '',
      zone: params.Placement.Zone,
      createdAt: at,
      accepted: false,
      tasks,
      dependences,
    };
    jobs.set(job.id, job);
    scheduler.schedule(at + timings.acceptMs, (t) => {
      accept(job, t);
    });
    return { ok: true, data: { JobId: job.id } };
  }

  function terminateTaskInstance(
    params: { JobId: string; TaskName: string; TaskInstanceIndex: number },
    at: number,
  ): Outcome<Record<string, never>> {
    const job = jobs.get(params.JobId);
    const task = job?.tasks.get(params.TaskName);
    const inst = task?.instances[params.TaskInstanceIndex];
    // Why one code for an unknown job, task or index: only ResourceNotFound.TaskInstance is documented (reference §6.3).
    if (job === undefined || task === undefined || inst === undefined) {
      return fail('ResourceNotFound.TaskInstance', 'The task instance does not exist.');
    }
    const { response } = outcomeFor(task, inst);
    if (response !== 'Success')
      return fail(response, 'Not supported for task instances of a named compute environment.');
    applyTermination(job, task, inst, at);
    return { ok: true, data: {} };
  }

  /** "Equivalent to running TerminateTaskInstance on every task instance of the job." All or nothing. */
  function terminateJob(params: { JobId: string }, at: number): Outcome<Record<string, never>> {
    const job = jobs.get(params.JobId);
    if (job === undefined) return fail('ResourceNotFound.Job', 'The job does not exist.');
    // Why the named-environment rule first: the seed's "TerminateJob operations are not supported" has no exception
    // for a SUBMITTED job (decision D-25).
    for (const task of job.tasks.values()) {
      for (const inst of task.instances) {
        const { response } = outcomeFor(task, inst);
        if (response !== 'Success') return fail(response, 'Not supported for jobs in a named compute environment.');
      }
    }
    if (!job.accepted) return fail('UnsupportedOperation', 'A SUBMITTED job cannot be terminated.');
    for (const task of job.tasks.values()) for (const inst of task.instances) applyTermination(job, task, inst, at);
    return { ok: true, data: {} };
  }

  function fail(code: ErrorCode, message: string): { ok: false; code: ErrorCode; message: string } {
    return { ok: false, code, message };
  }

  return {
    jobs,
    cvms,
    submitJob,
    terminateTaskInstance,
    terminateJob,
  };
}

export type BatchState = ReturnType<typeof createBatchState>;

function hasCycle(tasks: Map<string, Task>): boolean {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string): boolean => {
    const s = state.get(name);
    if (s === 'done') return false;
    if (s === 'visiting') return true;
    state.set(name, 'visiting');
    const cyclic = (tasks.get(name)?.after ?? []).some(visit);
    state.set(name, 'done');
    return cyclic;
  };
  return [...tasks.keys()].some(visit);
}
