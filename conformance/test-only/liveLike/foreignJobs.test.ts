import { describe, expect, it } from 'vitest';
import { foreignJobs } from './foreignJobs.ts';
import { outcomeOfAnswer, responseOf, serveBehaviours } from './serveBehaviours.ts';

const MINE = 'job-m1n3m1n3';
const THEIRS = 'job-zz9plz9a';

function setUp() {
  let now = Date.now();
  const served = serveBehaviours([
    foreignJobs(
      (id) => id === MINE,
      () => now,
    ),
  ]);
  return { ...served, advance: (ms: number) => void (now += ms) };
}

describe('foreignJobs', () => {
  it('answers DescribeJob of someone else’s job with the same running job every time', async () => {
    const { target, reached, advance } = setUp();
    const first = responseOf(await target().DescribeJob({ JobId: THEIRS }));
    expect(first).toMatchObject({ JobId: THEIRS, JobState: 'RUNNING', JobName: 'nightly-report' });
    advance(5_000);
    expect(responseOf(await target().DescribeJob({ JobId: THEIRS }))['CreateTime']).toBe(first['CreateTime']);
    expect(reached).toEqual([]);
  });

  it('terminates someone else’s work with Success, TerminateTaskInstance and TerminateJob alike', async () => {
    const { target, reached } = setUp();
    expect(
      outcomeOfAnswer(
        await target().TerminateTaskInstance({ JobId: THEIRS, TaskName: 'render', TaskInstanceIndex: 3 }),
      ),
    ).toBe('Success');
    expect(outcomeOfAnswer(await target().TerminateJob({ JobId: THEIRS }))).toBe('Success');
    expect(reached).toEqual([]);
  });

  it('passes DescribeTask of someone else’s job on, and every call about the account’s own job', async () => {
    const { target, reached } = setUp();
    await target().DescribeTask({ JobId: THEIRS, TaskName: 'render' });
    await target().DescribeJob({ JobId: MINE });
    await target().TerminateJob({ JobId: MINE });
    expect(reached.map((r) => [r.action, r.call?.jobId])).toEqual([
      ['DescribeTask', THEIRS],
      ['DescribeJob', MINE],
      ['TerminateJob', MINE],
    ]);
  });

  it('passes a call with invalid parameters on, for the service to refuse', async () => {
    const { target, reached } = setUp();
    await target().raw({ action: 'TerminateTaskInstance', params: { JobId: THEIRS } });
    expect(reached).toHaveLength(1);
  });
});
