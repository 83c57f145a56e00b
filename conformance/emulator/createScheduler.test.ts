import { describe, expect, it } from 'vitest';
import { createScheduler as createEventScheduler } from './createScheduler.ts';

/** A scheduler whose events are callbacks, so each test says what firing does. */
type Callback = (at: number) => void;
const createScheduler = (options: { kind: 'real' | 'virtual'; timeScale?: number; wallClock: () => number }) =>
  createEventScheduler<Callback>({ ...options, fire: (run, at) => run(at) });

describe('createScheduler', () => {
  it('fires virtual events in time order, ties in scheduling order, each at its own time', () => {
    const s = createScheduler({ kind: 'virtual', wallClock: () => 1_000 });
    const fired: [string, number, number][] = [];
    s.schedule(3_000, (at) => fired.push(['c', at, s.now()]));
    s.schedule(2_000, (at) => fired.push(['a', at, s.now()]));
    s.schedule(2_000, (at) => fired.push(['b', at, s.now()]));
    expect(s.advanceBy(1_500)).toBe(2);
    expect(fired).toEqual([
      ['a', 2_000, 2_000],
      ['b', 2_000, 2_000],
    ]);
    expect(s.now()).toBe(2_500);
    expect(s.advanceToNextEvent()).toBe(1);
    expect(s.now()).toBe(3_000);
  });

  it('fires events that events schedule when they fall inside the same advance', () => {
    const s = createScheduler({ kind: 'virtual', wallClock: () => 0 });
    const fired: number[] = [];
    s.schedule(10, (at) => {
      fired.push(at);
      s.schedule(at + 10, (at2) => fired.push(at2));
    });
    s.advanceBy(100);
    expect(fired).toEqual([10, 20]);
    expect(s.pendingEvents()).toBe(0);
  });

  it('never moves the virtual clock by itself', () => {
    let wall = 0;
    const s = createScheduler({ kind: 'virtual', wallClock: () => wall });
    wall = 60_000;
    expect(s.now()).toBe(0);
  });

  it('follows the wall clock, sped up by timeScale, and fires due events on runDue', () => {
    let wall = 1_000;
    const s = createScheduler({ kind: 'real', timeScale: 10, wallClock: () => wall });
    const fired: number[] = [];
    s.schedule(1_500, (at) => fired.push(at));
    wall = 1_040;
    expect(s.now()).toBe(1_400);
    expect(s.runDue()).toBe(0);
    wall = 1_060;
    expect(s.runDue()).toBe(1);
    expect(fired).toEqual([1_500]);
    expect(() => s.advanceBy(1)).toThrow(/virtual/);
  });

  it('keeps a thousand random events in order', () => {
    const s = createScheduler({ kind: 'virtual', wallClock: () => 0 });
    const fired: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const at = (i * 7919) % 1000;
      s.schedule(at, (t) => fired.push(t));
    }
    s.advanceBy(1000);
    expect(fired).toEqual([...fired].sort((a, b) => a - b));
    expect(fired).toHaveLength(1000);
  });

  it('restores a saved queue and time, and a real clock runs on from the saved time', () => {
    let wall = 1_000;
    const s = createScheduler({ kind: 'real', timeScale: 2, wallClock: () => wall });
    const fired: number[] = [];
    s.schedule(1_300, (at) => fired.push(at));
    wall = 1_100;
    // A copy, as a checkpoint takes: save() hands out the live queue.
    const saved = { ...s.save(), queue: [...s.save().queue] };
    expect(saved.now).toBe(1_200);
    s.clear();
    wall = 5_000;
    s.restore(saved);
    expect(s.now()).toBe(1_200);
    wall = 5_050;
    expect(s.runDue()).toBe(1);
    expect(fired).toEqual([1_300]);
  });
});
