import { ACTIONS, type ActionName } from '../../generated/actions.ts';
import type { DocRevision } from '../../generated/transitions.ts';
import type { EventualConsistency, RateLimitOverrides } from '../control/controlPlane.ts';
import type { Timings } from './Timings.ts';
import type { BatchData, BatchEvent } from './BatchLifecycle.ts';
import { createBatchState, type BatchState } from './createBatchState.ts';
import { createFaults, type Faults, type SavedFaults } from './createFaults.ts';
import { createRandom, type Random } from './createRandom.ts';
import { createRateLimiter, type RateLimiter } from './createRateLimiter.ts';
import { createScheduler, type SavedClock, type Scheduler } from './createScheduler.ts';

/** The settings of one world that the control plane can change (reset, declare an environment). */
export interface WorldConfig {
  docRevision: DocRevision;
  rateLimits: RateLimitOverrides | undefined;
  namedEnvs: Set<string>;
  /** How long reads lag writes (readsLagWrites.ts); all zeros for a consistent world. */
  eventualConsistency: EventualConsistency;
}

/** What a reset may change besides forgetting the world's contents. */
export interface WorldReset {
  docRevision?: DocRevision;
  rateLimits?: RateLimitOverrides;
  seed?: number;
  eventualConsistency?: Partial<EventualConsistency>;
}

export interface WorldOptions {
  clock: 'real' | 'virtual';
  timeScale: number;
  /** Wall time; the real clock follows it. */
  wallClock: () => number;
  timings: Timings;
  docRevision: DocRevision;
  rateLimits: RateLimitOverrides | undefined;
  namedEnvs: readonly string[];
  seed: number;
  eventualConsistency: EventualConsistency;
}

/**
 * One tenant's world: its jobs and CVMs (and so its quota), virtual clock and event queue, rate-limit windows, armed
 * faults, doc revision and named environments. Nothing in it is shared with another world.
 *
 * Why every part of a world is a class (TenantWorld, its BatchState and BatchLifecycle, scheduler, rate limiter and
 * faults): there is a world per tenant, and prototype methods cost nothing per tenant, unlike closures, which under
 * tsx also carry a kept name each (docs/benchmarks.md, "Memory with tenants").
 */
export interface World {
  readonly scheduler: Scheduler<BatchEvent>;
  readonly timings: Timings;
  readonly config: WorldConfig;
  readonly faults: Faults;
  readonly limiter: RateLimiter;
  /** The Batch domain as it is now (reset and restore replace it). */
  readonly state: BatchState;
  /** Forgets every job, CVM, pending event, rate-limit window and fault; the clock keeps its time. */
  reset(next: WorldReset): void;
  /** A deep copy of everything above; restoring it (here or in another world) leaves it untouched. */
  checkpoint(): WorldCheckpoint;
  restore(checkpoint: WorldCheckpoint): { ok: true } | { ok: false; reason: string };
}

export interface WorldCheckpoint {
  readonly docRevision: DocRevision;
  readonly nowMs: number;
  readonly jobs: number;
  readonly saved: SavedWorld;
}

interface SavedWorld {
  batch: BatchData;
  clock: SavedClock<BatchEvent>;
  random: number;
  faults: SavedFaults;
  windows: Map<string, number[]>;
  rateLimits: RateLimitOverrides | undefined;
  namedEnvs: Set<string>;
}

/**
 * Requests per second per credential that `action` is held to now, or undefined when unlimited: the override if
 * one is set, else the spec's limit. One rule for the limiter and for `info`, so what is reported is what is enforced.
 */
export function effectiveRateLimit(config: WorldConfig, action: ActionName): number | undefined {
  const limits = config.rateLimits;
  if (limits === false) return undefined;
  return limits?.[action] ?? ACTIONS[action].rateLimitPerSecond;
}

export function createWorld(options: WorldOptions): World {
  return new TenantWorld(options);
}

class TenantWorld implements World {
  readonly scheduler: Scheduler<BatchEvent>;
  readonly timings: Timings;
  readonly config: WorldConfig;
  readonly faults: Faults;
  readonly limiter: RateLimiter;
  state: BatchState;
  private readonly random: Random;

  constructor(options: WorldOptions) {
    this.timings = options.timings;
    this.random = createRandom(options.seed);
    const config: WorldConfig = {
      docRevision: options.docRevision,
      rateLimits: options.rateLimits,
      namedEnvs: new Set(options.namedEnvs),
      eventualConsistency: { ...options.eventualConsistency },
    };
    this.config = config;
    // Why through `this.state` rather than a captured one: reset and restore replace the domain, not the clock.
    this.scheduler = createScheduler<BatchEvent>({
      kind: options.clock,
      timeScale: options.timeScale,
      wallClock: options.wallClock,
      fire: (event, at) => {
        this.state.lifecycle.fire(event, at);
      },
    });
    this.faults = createFaults(this.random);
    this.limiter = createRateLimiter((action) => effectiveRateLimit(config, action as ActionName));
    this.state = this.newState();
  }

  reset(next: WorldReset): void {
    this.scheduler.clear();
    this.limiter.clear();
    this.faults.clear();
    if (next.docRevision !== undefined) this.config.docRevision = next.docRevision;
    if (next.rateLimits !== undefined) this.config.rateLimits = next.rateLimits;
    if (next.seed !== undefined) this.random.state = next.seed >>> 0;
    Object.assign(this.config.eventualConsistency, next.eventualConsistency);
    this.state = this.newState();
  }

  checkpoint(): WorldCheckpoint {
    this.scheduler.runDue();
    const saved: SavedWorld = structuredClone({
      batch: this.state.data,
      clock: this.scheduler.save(),
      random: this.random.state,
      faults: this.faults.save(),
      windows: this.limiter.save(),
      rateLimits: this.config.rateLimits,
      namedEnvs: this.config.namedEnvs,
    });
    return { docRevision: this.config.docRevision, nowMs: saved.clock.now, jobs: saved.batch.jobs.size, saved };
  }

  restore(checkpoint: WorldCheckpoint): { ok: true } | { ok: false; reason: string } {
    const { config } = this;
    if (checkpoint.docRevision !== config.docRevision) {
      return {
        ok: false,
        reason: `it was saved under doc revision ${checkpoint.docRevision}, this tenant follows ${config.docRevision}`,
      };
    }
    // A fresh copy each time, so the checkpoint can be restored again (and into other worlds).
    const saved = structuredClone(checkpoint.saved);
    this.scheduler.restore(saved.clock);
    this.random.state = saved.random;
    this.faults.restore(saved.faults);
    this.limiter.restore(saved.windows);
    config.rateLimits = saved.rateLimits;
    config.namedEnvs = saved.namedEnvs;
    this.state = this.newState(saved.batch);
    return { ok: true };
  }

  private newState(data?: BatchData): BatchState {
    return createBatchState({
      scheduler: this.scheduler,
      timings: this.timings,
      docRevision: this.config.docRevision,
      namedEnvs: this.config.namedEnvs,
      random: this.random,
      ...(data === undefined ? {} : { data }),
    });
  }
}
