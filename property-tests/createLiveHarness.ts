import { setTimeout as sleep } from 'node:timers/promises';
import { createHarness, type HarnessOptions } from './createHarness.ts';
import type { HarnessRuntime } from './Harness.ts';

export interface LiveHarnessOptions extends HarnessOptions {
  /** How long to wait between polls, and at most in all per run, for "eventually" properties. */
  pollMs?: number;
  maxWaitMs?: number;
}

/**
 * The harness for anything that is not a tbc emulator (a live endpoint, a clone, a mock): real time, no snapshot,
 * and the live-safety guard on every terminate call. Facts only a snapshot shows are reported as not observable.
 */
export function createLiveHarness(options: LiveHarnessOptions): HarnessRuntime {
  const pollMs = options.pollMs ?? 2_000;
  const maxWaitMs = options.maxWaitMs ?? 10 * 60_000;
  let waited = 0;
  return createHarness(options, {
    async step() {
      if (waited >= maxWaitMs) return false;
      await sleep(pollMs);
      waited += pollMs;
      return true;
    },
    async wait(seconds) {
      await sleep(seconds * 1000);
    },
    snapshot: () => Promise.resolve(undefined),
    beginRun() {
      waited = 0;
      return Promise.resolve();
    },
    guardsForeignJobs: true,
  });
}
