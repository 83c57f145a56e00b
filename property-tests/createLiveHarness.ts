import { setTimeout as sleep } from 'node:timers/promises';
import { createHarness, type HarnessOptions } from './createHarness.ts';
import type { HarnessRuntime } from './Harness.ts';

/** How a live run lets time pass: polls that back off, and bounded waits (defaults in LIVE_TIMING). */
export interface LiveTiming {
  /** First poll interval of a run; each further step waits `backOff` times longer, up to `maxPollMs`. */
  pollMs: number;
  maxPollMs: number;
  backOff: number;
  /** At most this much waiting (polls and waits) in one property run; then "nothing more can happen". */
  maxWaitPerRunMs: number;
  /** A single wait longer than this is cut short, and the fact that needed it reported as not observed. */
  maxSingleWaitMs: number;
}

export const LIVE_TIMING: Readonly<LiveTiming> = {
  pollMs: 1_000,
  maxPollMs: 8_000,
  backOff: 1.5,
  maxWaitPerRunMs: 5 * 60_000,
  maxSingleWaitMs: 30_000,
};

export interface LiveHarnessOptions extends HarnessOptions {
  timing?: Partial<LiveTiming>;
  /**
   * When (performance.now() ms) the invariant being checked must be done: its share of the run's time budget. No
   * poll or wait goes past it, so no single run holds the run's budget (a watch cut short is reported as not
   * observed). Default: none.
   */
  deadline?: () => number;
}

/** What a run reports when its share of the time budget ended a watch (step or wait) early. */
export const WATCH_CUT_SHORT =
  "a watch cut short: this invariant's share of the run's time budget ran out while it waited (more with --time-budget)";

/**
 * The harness for anything that is not a tbc emulator (a live endpoint, a clone, a mock): real time (polls back off,
 * waits are bounded), no snapshot, the live-safety guard on every terminate call, and — with the `state` capability —
 * the run's shared jobs (createJobPool) instead of a job per property run. Facts only a snapshot shows, or that
 * need more time than a run may spend, are reported as not observable.
 */
export function createLiveHarness(options: LiveHarnessOptions): HarnessRuntime {
  const timing: LiveTiming = { ...LIVE_TIMING, ...options.timing };
  const deadline = options.deadline ?? (() => Number.POSITIVE_INFINITY);
  const timeLeft = (): number => Math.max(0, deadline() - performance.now());
  let waited = 0;
  let nextPollMs = timing.pollMs;
  const harness = createHarness(options, {
    async step() {
      if (waited >= timing.maxWaitPerRunMs) return false;
      if (timeLeft() <= 0) {
        harness.cannotObserve(WATCH_CUT_SHORT);
        return false;
      }
      const ms = Math.min(nextPollMs, timing.maxWaitPerRunMs - waited, timeLeft());
      await sleep(ms);
      waited += ms;
      nextPollMs = Math.min(timing.maxPollMs, nextPollMs * timing.backOff);
      return true;
    },
    async wait(seconds) {
      const wanted = seconds * 1000;
      const capped = Math.min(wanted, timing.maxSingleWaitMs, Math.max(0, timing.maxWaitPerRunMs - waited));
      const ms = Math.min(capped, timeLeft());
      if (ms < capped) harness.cannotObserve(WATCH_CUT_SHORT);
      else if (ms < wanted)
        harness.cannotObserve(`what ${seconds} s of waiting would show (a live run waits at most ${ms / 1000} s)`);
      await sleep(ms);
      waited += ms;
    },
    snapshot: () => Promise.resolve(undefined),
    beginRun() {
      waited = 0;
      nextPollMs = timing.pollMs;
      return Promise.resolve();
    },
    // Patience with a lagging target takes real time, outside the run's bounded waits.
    pause: (ms) => sleep(ms),
    guardsForeignJobs: true,
    sharesJobs: options.capabilities.has('state'),
    freshWorldPerRun: false,
  });
  return harness;
}
