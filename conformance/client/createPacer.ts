import { setTimeout as sleepFor } from 'node:timers/promises';
import { TbcError } from '../TbcError.ts';

/** Why 1 %: absorbs timer rounding and clock granularity so that N evenly spaced calls never land inside one second. */
export const PACING_MARGIN = 0.01;
/** Upper bound of one back-off wait. */
export const MAX_BACK_OFF_MS = 30_000;
const WINDOW_MS = 1000 * (1 + PACING_MARGIN);

/** One paced call. Both marks are idempotent; call `done` in every case (a `finally`), or later calls wait for it. */
export interface Ticket {
  /** At the moment the request is handed to the transport. */
  sent(): void;
  /** When the answer (or the transport failure) is in. */
  done(): void;
}

export interface Pacer {
  /** Waits for the key's turn (see createPacer) and hands out the ticket of the call. */
  acquire(key: string): Promise<Ticket>;
  /** After RequestLimitExceeded: no call of the key starts earlier than `delayMs` from now. */
  backOff(key: string, delayMs: number): void;
  /** The spacing of the key's calls in ms, or undefined when the key is not paced. */
  intervalMs(key: string): number | undefined;
}

export interface PacerClock {
  /** Monotonic milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

const WALL_CLOCK: PacerClock = {
  now: () => performance.now(),
  sleep: (ms) => sleepFor(ms),
};

interface Lane {
  /** Settles when the previous caller has sent: calls of a key go out in call order. */
  queue: Promise<void>;
  lastSent: number;
  notBefore: number;
  /** Completion times of the most recent calls, oldest first, at most `perSecond` of them. */
  recentDone: Promise<number>[];
}

/**
 * A token bucket of capacity 1 per key: calls of one action are evenly spaced, `1000 / perSecond` ms apart plus the
 * margin, in call order. Why capacity 1 rather than bursts: the server's window is not ours to see, and an evenly
 * spaced stream is the only one that stays under "2 requests/second" (reference §1.4) for any window alignment.
 *
 * Two refinements keep that promise when time misbehaves:
 * - Spacing is measured from the moment each request is actually sent, not from slots booked in advance. Why: when
 *   the event loop stalls (a schema compiling, a GC pause) booked slots fall due together and go out in a burst.
 * - A call also waits until one window has passed since the call `perSecond` places before it completed. Why: the
 *   server counts arrivals, and a slow first request (a fresh connection) arrives late, squeezing the next window;
 *   its completion time is an upper bound of its arrival. On a fast link this costs nothing; on a slow one it trades
 *   a little rate for never being rejected.
 */
export function createPacer(perSecond: Readonly<Record<string, number>>, clock: PacerClock = WALL_CLOCK): Pacer {
  const intervals = new Map<string, number>();
  const windowCounts = new Map<string, number>();
  for (const [key, rate] of Object.entries(perSecond)) {
    if (!Number.isFinite(rate) || rate <= 0) {
      throw new TbcError(`pacing: the rate of ${key} must be a positive number of requests per second, got ${rate}`);
    }
    intervals.set(key, (1000 / rate) * (1 + PACING_MARGIN));
    windowCounts.set(key, Math.max(1, Math.floor(rate)));
  }
  const lanes = new Map<string, Lane>();
  const laneOf = (key: string): Lane => {
    let lane = lanes.get(key);
    if (lane === undefined) {
      lane = { queue: Promise.resolve(), lastSent: -Infinity, notBefore: -Infinity, recentDone: [] };
      lanes.set(key, lane);
    }
    return lane;
  };
  return {
    async acquire(key) {
      const lane = laneOf(key);
      const previous = lane.queue;
      let release: () => void = () => undefined;
      lane.queue = new Promise<void>((resolve) => {
        release = resolve;
      });
      let finish: (at: number) => void = () => undefined;
      const done = new Promise<number>((resolve) => {
        finish = resolve;
      });
      await previous;
      // Keys without a rate (unknown actions in raw calls) are not spaced, but still wait out a back-off.
      const interval = intervals.get(key) ?? 0;
      const count = windowCounts.get(key);
      const oldest = count !== undefined && lane.recentDone.length >= count ? lane.recentDone.at(-count) : undefined;
      const windowStart = oldest === undefined ? -Infinity : (await oldest) + WINDOW_MS;
      // Loop because a timer may fire a little early relative to the clock; a call must never start before its turn.
      for (;;) {
        const wait = Math.max(lane.lastSent + interval, windowStart, lane.notBefore) - clock.now();
        if (wait <= 0) break;
        await clock.sleep(Math.ceil(wait));
      }
      if (count !== undefined) {
        lane.recentDone = [...lane.recentDone, done].slice(-count);
      }
      let sentMarked = false;
      let doneMarked = false;
      const sent = (): void => {
        if (sentMarked) return;
        sentMarked = true;
        lane.lastSent = clock.now();
        release();
      };
      return {
        sent,
        done() {
          if (doneMarked) return;
          doneMarked = true;
          sent();
          finish(clock.now());
        },
      };
    },
    backOff(key, delayMs) {
      const lane = laneOf(key);
      lane.notBefore = Math.max(lane.notBefore, clock.now() + delayMs);
    },
    intervalMs: (key) => intervals.get(key),
  };
}
