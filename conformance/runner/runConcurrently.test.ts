import { describe, expect, it } from 'vitest';
import { runConcurrently } from './runConcurrently.ts';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('runConcurrently', () => {
  it('keeps at most `concurrency` tasks in flight and answers in the items order, not the finishing order', async () => {
    let inFlight = 0;
    let most = 0;
    const finished: number[] = [];
    const results = await runConcurrently([30, 5, 20, 1, 10], 2, async (ms, index) => {
      most = Math.max(most, ++inFlight);
      await tick(ms);
      inFlight--;
      finished.push(index);
      return ms * 2;
    });
    expect(results).toEqual([60, 10, 40, 2, 20]);
    expect(most).toBe(2);
    expect(finished).not.toEqual([0, 1, 2, 3, 4]);
  });

  it.each([1, 3])(
    'at concurrency %i, never has more tasks than that in flight, and starts them in order',
    async (n) => {
      let inFlight = 0;
      let most = 0;
      const started: number[] = [];
      await runConcurrently([3, 1, 2, 4, 1, 2], n, async (ms, index) => {
        started.push(index);
        most = Math.max(most, ++inFlight);
        await tick(ms);
        inFlight--;
      });
      expect(most).toBe(n);
      expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    },
  );

  it('refuses a concurrency that is not a whole number ≥ 1', async () => {
    await expect(runConcurrently([1], 0, () => Promise.resolve(1))).rejects.toThrow(/concurrency/);
  });
});
