/**
 * The emulator's clock and its queue of due events. Both clock kinds are driven the same way: before anything reads
 * or changes state, `runDue()` fires every event whose time has come, in time order (ties in scheduling order). The
 * virtual clock only moves when told to (`advanceBy`/`advanceToNextEvent`) and never sleeps; the real clock follows
 * the wall clock, sped up by `timeScale`. No timers are involved, so the emulator never does work nobody observes.
 */
export interface Scheduler {
  readonly kind: 'real' | 'virtual';
  /** Emulator time in milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `run(at)` once emulator time reaches `at`; `at` is when it logically happened, even if fired late. */
  schedule(at: number, run: (at: number) => void): void;
  /** Fires every due event; returns how many fired. */
  runDue(): number;
  /** Virtual clock only: moves time forward by `ms`, firing events in order. */
  advanceBy(ms: number): number;
  /** Virtual clock only: jumps to the next pending event, if any, and fires it (and any other event due then). */
  advanceToNextEvent(): number;
  pendingEvents(): number;
  /** Drops every pending event (reset). */
  clear(): void;
}

interface Entry {
  at: number;
  seq: number;
  run: (at: number) => void;
}

export function createScheduler(options: {
  kind: 'real' | 'virtual';
  timeScale?: number;
  wallClock?: () => number;
}): Scheduler {
  const wall = options.wallClock ?? Date.now;
  const timeScale = options.timeScale ?? 1;
  const origin = wall();
  let virtualNow = origin;
  const heap: Entry[] = [];
  let seq = 0;

  const now = (): number =>
    options.kind === 'virtual' ? virtualNow : origin + Math.floor((wall() - origin) * timeScale);

  const before = (a: Entry, b: Entry): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

  function push(entry: Entry): void {
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as Entry;
      if (!before(entry, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
  }

  function pop(): Entry | undefined {
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) break;
      const r = l + 1;
      const child = r < heap.length && before(heap[r] as Entry, heap[l] as Entry) ? r : l;
      if (!before(heap[child] as Entry, last)) break;
      heap[i] = heap[child] as Entry;
      i = child;
    }
    heap[i] = last;
    return top;
  }

  /** Fires events due at or before `limit`; an event may schedule more, which fire too if due. */
  function fireUntil(limit: number): number {
    let fired = 0;
    for (let next = heap[0]; next !== undefined && next.at <= limit; next = heap[0]) {
      pop();
      if (options.kind === 'virtual') virtualNow = Math.max(virtualNow, next.at);
      next.run(next.at);
      fired++;
    }
    return fired;
  }

  function requireVirtual(what: string): void {
    if (options.kind !== 'virtual') throw new RangeError(`${what} needs the virtual clock`);
  }

  return {
    kind: options.kind,
    now,
    schedule(at, run) {
      push({ at, seq: seq++, run });
    },
    runDue: () => fireUntil(now()),
    advanceBy(ms) {
      requireVirtual('advancing the clock');
      const target = virtualNow + ms;
      const fired = fireUntil(target);
      virtualNow = target;
      return fired;
    },
    advanceToNextEvent() {
      requireVirtual('advancing the clock');
      const next = heap[0];
      return next === undefined ? 0 : fireUntil(next.at);
    },
    pendingEvents: () => heap.length,
    clear() {
      heap.length = 0;
    },
  };
}
