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
}

/**
 * The harness for anything that is not a tbc emulator (a live endpoint, a clone, a mock): real time (polls back off,
 * waits are bounded), no snapshot, the live-safety guard on every terminate call, and — with the `state` capability —
 * the run's shared jobs (createJobPool) instead of a job per property run. Facts only a snapshot shows, or that
 * need more time than a run may spend, are reported as not observable.
 */
export function createLiveHarness(options: LiveHarnessOptions): HarnessRuntime {
  const timing: LiveTiming = { ...LIVE_TIMING, ...options.timing };
  let waited = 0;
  let nextPollMs = timing.pollMs;
  const harness = createHarness(options, {
    async step() {
      if (waited >= timing.maxWaitPerRunMs) return false;
      const ms = Math.min(nextPollMs, timing.maxWaitPerRunMs - waited);
      await sleep(ms);
      waited += ms;
      nextPollMs = Math.min(timing.maxPollMs, nextPollMs * timing.backOff);
      return true;
    },
    async wait(seconds) {
      const wanted = seconds * 1000;
      const ms = Math.min(wanted, timing.maxSingleWaitMs, Math.max(0, timing.maxWaitPerRunMs - waited));
      if (ms < wanted)
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
    guardsForeignJobs: true,
    sharesJobs: options.capabilities.has('state'),
  });
  return harness;
}
