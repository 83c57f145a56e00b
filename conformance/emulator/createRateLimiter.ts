/**
 * "Default API request frequency limit: 2 times/second" per action and credential, counted on the emulator's clock.
 * Sliding window: a call is within the limit when fewer than `perSecond` calls were let through in the preceding
 * second (t - 1000 ms, t]. Rejected calls do not count, so a client that backs off is never punished for retrying.
 */
export interface RateLimiter {
  /** Returns true and counts the call if it is within the limit. */
  allow(action: string, secretId: string, now: number): boolean;
  clear(): void;
  /** The open windows, keyed by action and SecretId, for a checkpoint (the caller copies them). */
  save(): Map<string, number[]>;
  restore(windows: Map<string, number[]>): void;
}

export function createRateLimiter(limits: (action: string) => number | undefined): RateLimiter {
  return new SlidingWindows(limits);
}

class SlidingWindows implements RateLimiter {
  private windows = new Map<string, number[]>();

  constructor(private readonly limits: (action: string) => number | undefined) {}

  allow(action: string, secretId: string, now: number): boolean {
    const limit = this.limits(action);
    if (limit === undefined) return true;
    const key = `${action}\u0000${secretId}`;
    let times = this.windows.get(key);
    if (times === undefined) {
      times = [];
      this.windows.set(key, times);
    }
    // Keep only calls inside the window; the array never holds more than `limit` entries.
    while (times.length > 0 && (times[0] ?? 0) <= now - 1000) times.shift();
    if (times.length >= limit) return false;
    times.push(now);
    return true;
  }

  clear(): void {
    this.windows.clear();
  }

  save(): Map<string, number[]> {
    return this.windows;
  }

  restore(windows: Map<string, number[]>): void {
    this.windows = windows;
  }
}
