import { describe, expect, it } from 'vitest';
import { wallClockLimit } from './wallClockLimit.ts';
import { BEHAVIOUR_KEYS, outcomeOfAnswer, serveBehaviours } from './serveBehaviours.ts';

const OTHER_KEYS = { secretId: 'AKIDliveBehaviourTestKey00000002', secretKey: 'liveBehaviourTestSecretKey000002' };

/** A wall clock that moves only when told. */
function manualClock() {
  let t = Date.now();
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('wallClockLimit', () => {
  it('refuses the call past the limit within one wall-clock second, and lets it through once the second has passed', async () => {
    const clock = manualClock();
    const { target, reached } = serveBehaviours([wallClockLimit({ DescribeJob: 2 })], { wallClock: clock.now });
    const call = async () => outcomeOfAnswer(await target().DescribeJob({ JobId: 'job-abcdefgh' }));
    expect([await call(), await call(), await call()]).toEqual(['Success', 'Success', 'RequestLimitExceeded']);
    clock.advance(999);
    expect(await call()).toBe('RequestLimitExceeded');
    clock.advance(1);
    expect(await call()).toBe('Success');
    expect(reached).toHaveLength(3);
  });

  it('keeps one window per action and per SecretId, and leaves actions without a limit alone', async () => {
    const clock = manualClock();
    const { target } = serveBehaviours([wallClockLimit({ DescribeJob: 1 })], {
      wallClock: clock.now,
      keys: [BEHAVIOUR_KEYS, OTHER_KEYS],
    });
    const mine = target();
    expect(outcomeOfAnswer(await mine.DescribeJob({ JobId: 'job-abcdefgh' }))).toBe('Success');
    expect(outcomeOfAnswer(await mine.DescribeJob({ JobId: 'job-abcdefgh' }))).toBe('RequestLimitExceeded');
    expect(outcomeOfAnswer(await target({ credentials: OTHER_KEYS }).DescribeJob({ JobId: 'job-abcdefgh' }))).toBe(
      'Success',
    );
    for (let i = 0; i < 3; i++)
      expect(outcomeOfAnswer(await mine.TerminateJob({ JobId: 'job-abcdefgh' }))).toBe('Success');
  });
});
