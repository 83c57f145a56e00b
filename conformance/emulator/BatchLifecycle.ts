import {
  TERMINATE_OUTCOMES,
  type CvmPhase,
  type DocRevision,
  type TaskInstanceState,
} from '../../generated/transitions.ts';
import type { Cvm, Instance, Job, Task } from './Job.ts';
import type { Timings } from './Timings.ts';
import type { Scheduler } from './createScheduler.ts';
import type { Random } from './createRandom.ts';
import { taskStateOf } from './aggregateState.ts';

export interface BatchLifecycleOptions {
  scheduler: Scheduler<BatchEvent>;
  timings: Timings;
  docRevision: DocRevision;
  /** Random source for ids, so a seeded emulator is reproducible. */
  random: Random;
  data: BatchData;
}

/** Everything the Batch domain holds, as plain data linked by reference (structuredClone keeps the links). */
export interface BatchData {
  jobs: Map<string, Job>;
  cvms: Cvm[];
  /** Orders history entries that share a timestamp. */
  seq: number;
}

/**
 * A scheduled change, as data rather than a closure, so a checkpoint can copy the queue together with the jobs it
 * points into. Instance work carries the instance's `generation` when scheduled and is dropped if it has moved on
 * (a termination or retry since); CVM events always fire.
 */
export type BatchEvent =
  | { kind: 'accept'; job: Job }
  | { kind: 'runnable' | 'start' | 'runWorkload'; job: Job; task: Task; inst: Instance; generation: number }
  | { kind: 'workloadEnded'; job: Job; task: Task; inst: Instance; generation: number; exitCode: number | null }
  | { kind: 'cvmCreated'; job: Job; task: Task; inst: Instance; cvm: Cvm }
  | { kind: 'cvmReleased'; cvm: Cvm }
  | { kind: 'cvmTerminated' | 'nodeRestarted'; job: Job; inst: Instance; cvm: Cvm };

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * How jobs, tasks, instances and CVMs move on the emulator's clock: the events that follow a submission, and what an
 * accepted termination sets going. Every change happens either when an action calls in (at the request's time) or in
 * a scheduled event (at the time it is due), so histories are exact. The actions (createBatchState.ts) decide what a
 * request may do; this decides what then happens.
 */
export class BatchLifecycle {
  /** Everything this domain holds; a checkpoint copies it. */
  readonly data: BatchData;
  private readonly scheduler: Scheduler<BatchEvent>;
  private readonly timings: Timings;
  private readonly docRevision: DocRevision;
  private readonly random: Random;

  constructor(options: BatchLifecycleOptions) {
    this.data = options.data;
    this.scheduler = options.scheduler;
    this.timings = options.timings;
    this.docRevision = options.docRevision;
    this.random = options.random;
  }

  /** A fresh id `prefix-xxxxxxxx` that `taken` does not know. */
  newId(prefix: string, taken: (id: string) => boolean): string {
    for (;;) {
      let id = `${prefix}-`;
      for (let i = 0; i < 8; i++) id += ID_ALPHABET[Math.floor(this.random.next() * ID_ALPHABET.length)] ?? 'a';
      if (!taken(id)) return id;
    }
  }

  /** An instance of a job being submitted at `at`: SUBMITTED, nothing run yet. */
  newInstance(index: number, at: number): Instance {
    return {
      index,
      state: 'SUBMITTED',
      history: [{ value: 'SUBMITTED', at, seq: this.data.seq++ }],
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
    };
  }

  /** A submitted job enters the domain now; Batch accepts it `acceptMs` later. */
  admit(job: Job, at: number): void {
    this.data.jobs.set(job.id, job);
    this.scheduler.schedule(at + this.timings.acceptMs, { kind: 'accept', job });
  }

  private setState(inst: Instance, state: TaskInstanceState, at: number): void {
    inst.state = state;
    inst.history.push({ value: state, at, seq: this.data.seq++ });
  }

  private setPhase(cvm: Cvm, phase: Cvm['phase'], at: number): void {
    cvm.phase = phase;
    cvm.history.push({ value: phase, at, seq: this.data.seq++ });
  }

  /** Instance work that a later termination or retry cancels (by bumping the generation). */
  private later(at: number, kind: 'runnable' | 'start' | 'runWorkload', job: Job, task: Task, inst: Instance): void {
    this.scheduler.schedule(at, { kind, job, task, inst, generation: inst.generation });
  }

  /** What a due event does: the one place the scheduler calls into the domain. */
  fire(event: BatchEvent, at: number): void {
    switch (event.kind) {
      case 'accept':
        this.accept(event.job, at);
        return;
      case 'runnable':
        if (event.inst.generation !== event.generation) return;
        this.setState(event.inst, 'RUNNABLE', at);
        this.later(at + this.timings.startMs, 'start', event.job, event.task, event.inst);
        return;
      case 'start':
        if (event.inst.generation === event.generation) this.start(event.job, event.task, event.inst, at);
        return;
      case 'runWorkload':
        if (event.inst.generation === event.generation) this.runWorkload(event.job, event.task, event.inst, at);
        return;
      case 'workloadEnded':
        if (event.inst.generation === event.generation)
          this.workloadEnded(event.job, event.task, event.inst, event.exitCode, at);
        return;
      case 'cvmCreated':
        this.cvmCreated(event.job, event.task, event.inst, event.cvm, at);
        return;
      case 'cvmReleased':
        this.setPhase(event.cvm, 'terminated', at);
        return;
      case 'cvmTerminated':
        this.setPhase(event.cvm, 'terminated', at);
        this.finish(event.job, event.inst, 'FAILED', at, 'Terminated', 'terminated by TerminateTaskInstance');
        return;
      case 'nodeRestarted':
        this.setPhase(event.cvm, 'running', at);
        this.finish(
          event.job,
          event.inst,
          'FAILED',
          at,
          'Terminated',
          'terminated by TerminateTaskInstance; node restarted',
        );
        return;
    }
  }

  // ---- the normal lifecycle -------------------------------------------------------------------------------------

  private accept(job: Job, at: number): void {
    job.accepted = true;
    for (const task of job.tasks.values()) {
      for (const inst of task.instances) if (inst.state === 'SUBMITTED') this.setState(inst, 'PENDING', at);
    }
    for (const task of job.tasks.values()) this.releaseIfReady(job, task, at);
  }

  /** PENDING → RUNNABLE when every prerequisite task SUCCEED; FAILED when one of them failed for good. */
  private releaseIfReady(job: Job, task: Task, at: number): void {
    const before = task.after.map((name) => taskStateOf(job, job.tasks.get(name) as Task));
    const pending = task.instances.filter((i) => i.state === 'PENDING' && !i.terminating);
    if (pending.length === 0) return;
    if (before.some((s) => s === 'FAILED')) {
      for (const inst of pending) {
        inst.generation++;
        this.finish(job, inst, 'FAILED', at, 'Dependency failed', 'a prerequisite task failed');
      }
      return;
    }
    if (!before.every((s) => s === 'SUCCEED')) return;
    for (const inst of pending) {
      inst.generation++;
      this.later(at + this.timings.scheduleMs, 'runnable', job, task, inst);
    }
  }

  private start(job: Job, task: Task, inst: Instance, at: number): void {
    this.setState(inst, 'STARTING', at);
    inst.launchAt = at;
    const cvm: Cvm = {
      id: this.newId('ins', (id) => this.data.cvms.some((c) => c.id === id)),
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
    cvm.history.push({ value: cvm.phase, at, seq: this.data.seq++ });
    this.data.cvms.push(cvm);
    inst.cvm = cvm;
    if (task.env.kind === 'named') {
      this.later(at + this.timings.agentStartMs, 'runWorkload', job, task, inst);
      return;
    }
    // CVM creation is not cancelled by a termination: seed says the CVM is terminated "after it is created".
    this.scheduler.schedule(at + this.timings.cvmCreateMs, {
      kind: 'cvmCreated',
      job,
      task,
      inst,
      cvm,
    });
  }

  private cvmCreated(job: Job, task: Task, inst: Instance, cvm: Cvm, at: number): void {
    if (cvm.phase !== 'creating') return;
    this.setPhase(cvm, 'running', at);
    if (cvm.terminateWhenCreated) {
      this.terminateCvm(job, inst, cvm, at);
      return;
    }
    this.later(at + this.timings.agentStartMs, 'runWorkload', job, task, inst);
  }

  private runWorkload(job: Job, task: Task, inst: Instance, at: number): void {
    this.setState(inst, 'RUNNING', at);
    inst.runningAt = at;
    inst.workloadRuns++;
    if (inst.cvm) inst.cvm.workloadStartedAt = at;
    const timedOut = task.workload.durationMs > task.timeoutMs;
    this.scheduler.schedule(at + Math.min(task.workload.durationMs, task.timeoutMs), {
      kind: 'workloadEnded',
      job,
      task,
      inst,
      generation: inst.generation,
      exitCode: timedOut ? null : task.workload.exitCode,
    });
  }

  private workloadEnded(job: Job, task: Task, inst: Instance, exitCode: number | null, at: number): void {
    inst.exitCode = exitCode;
    const cvm = inst.cvm;
    if (exitCode === 0) {
      if (cvm) this.releaseCvm(cvm, at);
      this.finish(job, inst, 'SUCCEED', at, '', 'successful');
      return;
    }
    const reason = exitCode === null ? 'Timeout' : `Exit code ${exitCode}`;
    if (inst.attempt < task.maxRetryCount) {
      if (cvm) this.releaseCvm(cvm, at);
      inst.attempt++;
      inst.generation++;
      inst.cvm = undefined;
      this.setState(inst, 'RUNNABLE', at);
      this.later(at + this.timings.startMs, 'start', job, task, inst);
      return;
    }
    if (task.failedAction === 'TERMINATE') {
      if (cvm) this.releaseCvm(cvm, at);
      this.finish(job, inst, 'FAILED', at, reason, exitCode === null ? 'timeout' : 'non-zero exit code');
    } else {
      // FailedAction INTERRUPT: "interrupt and keep the instance" — the CVM and its quota stay held.
      this.setState(inst, 'FAILED_INTERRUPTED', at);
      inst.stateReason = reason;
      inst.detailedReason = 'interrupted; compute instance kept';
      this.releaseDependents(job, at);
    }
  }

  /** After a task's work ends normally, its CVM is destroyed (anonymous) or returned to its environment (named). */
  private releaseCvm(cvm: Cvm, at: number): void {
    if (cvm.env.kind === 'named') return;
    this.setPhase(cvm, 'terminating', at);
    this.scheduler.schedule(at + this.timings.cvmTerminateMs, { kind: 'cvmReleased', cvm });
  }

  private finish(
    job: Job,
    inst: Instance,
    state: 'SUCCEED' | 'FAILED',
    at: number,
    reason: string,
    detail: string,
  ): void {
    this.setState(inst, state, at);
    inst.endAt = at;
    inst.stateReason = reason;
    inst.detailedReason = detail;
    inst.terminating = false;
    this.releaseDependents(job, at);
  }

  private releaseDependents(job: Job, at: number): void {
    for (const t of job.tasks.values()) if (t.after.length > 0) this.releaseIfReady(job, t, at);
  }

  // ---- termination, as spec/transitions.yaml says ---------------------------------------------------------------

  /** The CVM phase the transition table is keyed by. */
  private tablePhase(inst: Instance): CvmPhase {
    const phase = inst.cvm?.phase;
    if (phase === 'creating') return 'creating';
    if (phase === undefined || phase === 'terminated') return 'none';
    return 'running';
  }

  /** The transition table's row for terminating `inst` now: what the API answers and what then happens. */
  outcomeFor(task: Task, inst: Instance) {
    return TERMINATE_OUTCOMES[this.docRevision][task.env.kind][inst.state][this.tablePhase(inst)];
  }

  /** "Batch terminates the CVM first and then sets them to the FAILED state, which is time-consuming." */
  private terminateCvm(job: Job, inst: Instance, cvm: Cvm, at: number): void {
    this.setPhase(cvm, 'terminating', at);
    this.scheduler.schedule(at + this.timings.cvmTerminateMs, {
      kind: 'cvmTerminated',
      job,
      inst,
      cvm,
    });
  }

  /** Sets an accepted termination going, as the table's `effect` says; one already under way is left to finish. */
  applyTermination(job: Job, task: Task, inst: Instance, at: number): void {
    const { effect } = this.outcomeFor(task, inst);
    if (effect === 'none' || inst.terminating) return;
    const cvm = inst.cvm;
    switch (effect) {
      case 'fail-now':
        inst.generation++;
        this.finish(job, inst, 'FAILED', at, 'Terminated', 'terminated by TerminateTaskInstance');
        return;
      case 'terminate-cvm-then-fail':
        if (cvm === undefined) throw new Error(`${inst.state} instance without a CVM`);
        inst.terminating = true;
        inst.generation++;
        this.terminateCvm(job, inst, cvm, at);
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
        this.setPhase(cvm, 'restarting', at);
        this.scheduler.schedule(at + this.timings.cvmRestartMs, {
          kind: 'nodeRestarted',
          job,
          inst,
          cvm,
        });
        return;
    }
  }
}
