import { describe, expect, it } from 'vitest';
import { latency } from './latency.ts';
import { PASSED, responseOf, serveBehaviours } from './serveBehaviours.ts';

describe('latency', () => {
  it('pauses each answer for maxMs times the random draw, then sends it unchanged', async () => {
    const pauses: number[] = [];
    const { target } = serveBehaviours([
      latency(
        80,
        () => 0.5,
        (ms) => Promise.resolve(pauses.push(ms)),
      ),
    ]);
    const result = await target().DescribeJob({ JobId: 'job-abcdefgh' });
    expect(pauses).toEqual([40]);
    expect(responseOf(result)).toMatchObject(PASSED);
  });

  it('does not pause when the draw is zero', async () => {
    const pauses: number[] = [];
    const { target } = serveBehaviours([
      latency(
        80,
        () => 0,
        (ms) => Promise.resolve(pauses.push(ms)),
      ),
    ]);
    await target().DescribeJob({ JobId: 'job-abcdefgh' });
    expect(pauses).toEqual([]);
  });
});
