/**
 * The emulator's clock and its queue of due events. Both clock kinds are driven the same way: before anything reads
 * or changes state, `runDue()` fires every event whose time has come, in time order (ties in scheduling order). The
 * virtual clock only moves when told to (`advanceBy`/`advanceToNextEvent`) and never sleeps; the real clock follows
 * the wall clock, sped up by `timeScale`. No timers are involved, so the emulator never does work nobody observes.
 * Events are data handed to one `fire` function, not closures, so a checkpoint can copy the queue with the world.
 */
export interface Scheduler<E> {
  readonly kind: 'real' | 'virtual';
  /** Emulator time in milliseconds since the Unix epoch. */
  now(): number;
  /** Fires `event` once emulator time reaches `at`; `at` is when it logically happened, even if fired late. */
  schedule(at: number, event: E): void;
  /** Fires every due event; returns how many fired. */
  runDue(): number;
  /** Virtual clock only: moves time forward by `ms`, firing events in order. */
  advanceBy(ms: number): number;
  /** Virtual clock only: jumps to the next pending event, if any, and fires it (and any other event due then). */
  advanceToNextEvent(): number;
  pendingEvents(): number;
  /** Drops every pending event (reset); the clock keeps its time. */
  clear(): void;
  /** The time and the queue, for a checkpoint (the caller copies them). */
  save(): SavedClock<E>;
  /** Puts a saved queue back and sets the clock to the saved time (a real clock runs on from there). */
  restore(saved: SavedClock<E>): void;
}

export interface ScheduledEvent<E> {
  at: number;
  seq: number;
  event: E;
}

export interface SavedClock<E> {
  now: number;
  seq: number;
  /** A binary heap ordered by (at, seq), as the scheduler keeps it. */
  queue: ScheduledEvent<E>[];
}

export interface SchedulerOptions<E> {
  kind: 'real' | 'virtual';
  timeScale?: number;
  wallClock?: () => number;
  fire: (event: E, at: number) => void;
}

export function createScheduler<E>(options: SchedulerOptions<E>): Scheduler<E> {
  return new EventScheduler(options);
}

const before = <E>(a: ScheduledEvent<E>, b: ScheduledEvent<E>): boolean =>
  a.at < b.at || (a.at === b.at && a.seq < b.seq);

class EventScheduler<E> implements Scheduler<E> {
  readonly kind: 'real' | 'virtual';
  private readonly wall: () => number;
  private readonly timeScale: number;
  private readonly fire: (event: E, at: number) => void;
  // A real clock reads base + (wall - wallAtBase) * timeScale; a restore moves both ends.
  private base: number;
  private wallAtBase: number;
  private virtualNow: number;
  private heap: ScheduledEvent<E>[] = [];
  private seq = 0;

  constructor(options: SchedulerOptions<E>) {
    this.kind = options.kind;
    this.wall = options.wallClock ?? Date.now;
    this.timeScale = options.timeScale ?? 1;
    this.fire = options.fire;
    this.base = this.wall();
    this.wallAtBase = this.base;
    this.virtualNow = this.base;
  }

  now(): number {
    return this.kind === 'virtual'
      ? this.virtualNow
      : this.base + Math.floor((this.wall() - this.wallAtBase) * this.timeScale);
  }

  schedule(at: number, event: E): void {
    this.push({ at, seq: this.seq++, event });
  }

  runDue(): number {
    return this.fireUntil(this.now());
  }

  advanceBy(ms: number): number {
    this.requireVirtual('advancing the clock');
    const target = this.virtualNow + ms;
    const fired = this.fireUntil(target);
    this.virtualNow = target;
    return fired;
  }

  advanceToNextEvent(): number {
    this.requireVirtual('advancing the clock');
    const next = this.heap[0];
    return next === undefined ? 0 : this.fireUntil(next.at);
  }

  pendingEvents(): number {
    return this.heap.length;
  }

  clear(): void {
    this.heap.length = 0;
  }

  save(): SavedClock<E> {
    return { now: this.now(), seq: this.seq, queue: this.heap };
  }

  restore(saved: SavedClock<E>): void {
    this.virtualNow = saved.now;
    this.base = saved.now;
    this.wallAtBase = this.wall();
    this.seq = saved.seq;
    this.heap = saved.queue;
  }

  private push(entry: ScheduledEvent<E>): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as ScheduledEvent<E>;
      if (!before(entry, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
  }

  private pop(): ScheduledEvent<E> | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) break;
      const r = l + 1;
      const child = r < heap.length && before(heap[r] as ScheduledEvent<E>, heap[l] as ScheduledEvent<E>) ? r : l;
      if (!before(heap[child] as ScheduledEvent<E>, last)) break;
      heap[i] = heap[child] as ScheduledEvent<E>;
      i = child;
    }
    heap[i] = last;
    return top;
  }

  /** Fires events due at or before `limit`; an event may schedule more, which fire too if due. */
  private fireUntil(limit: number): number {
    let fired = 0;
    for (let next = this.heap[0]; next !== undefined && next.at <= limit; next = this.heap[0]) {
      this.pop();
      if (this.kind === 'virtual') this.virtualNow = Math.max(this.virtualNow, next.at);
      this.fire(next.event, next.at);
      fired++;
    }
    return fired;
  }

  private requireVirtual(what: string): void {
    if (this.kind !== 'virtual') throw new RangeError(`${what} needs the virtual clock`);
  }
}
