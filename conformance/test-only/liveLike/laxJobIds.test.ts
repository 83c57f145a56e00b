import { describe, expect, it } from 'vitest';
import { laxJobIds } from './laxJobIds.ts';
import { outcomeOfAnswer, serveBehaviours } from './serveBehaviours.ts';

describe('laxJobIds', () => {
  it('answers a 7- or 9-character JobId as an unknown job, with each action’s own code, without passing it on', async () => {
    const { target, reached } = serveBehaviours([laxJobIds()]);
    const t = target();
    for (const JobId of ['job-abc1234', 'job-abc123456']) {
      expect(outcomeOfAnswer(await t.DescribeJob({ JobId }))).toBe('ResourceNotFound.Job');
      expect(outcomeOfAnswer(await t.DescribeTask({ JobId, TaskName: 'A' }))).toBe('ResourceNotFound.Task');
      expect(outcomeOfAnswer(await t.TerminateJob({ JobId }))).toBe('ResourceNotFound.Job');
      expect(outcomeOfAnswer(await t.TerminateTaskInstance({ JobId, TaskName: 'A', TaskInstanceIndex: 0 }))).toBe(
        'ResourceNotFound.TaskInstance',
      );
    }
    expect(reached).toEqual([]);
  });

  it('checks the other parameters of a lax JobId first, on every wire form', async () => {
    const { target } = serveBehaviours([laxJobIds()]);
    const missing = await target().raw({ action: 'TerminateTaskInstance', params: { JobId: 'job-abc1234' } });
    expect(outcomeOfAnswer(missing)).toBe('MissingParameter');
    const query = await target().raw({
      action: 'DescribeTask',
      method: 'GET',
      params: { JobId: 'job-abc1234', TaskName: 'A', Limit: 0 },
    });
    expect(outcomeOfAnswer(query)).toBe('InvalidParameterValue');
  });

  it('passes JobIds of the kit’s form and JobIds outside the lax rule on, for the service to judge', async () => {
    const { target, reached } = serveBehaviours([laxJobIds()]);
    for (const JobId of ['job-abcdefgh', 'job-ABCDEFGH', `job-${'a'.repeat(33)}`])
      await target().DescribeJob({ JobId });
    expect(reached.map((r) => r.call?.jobId)).toEqual(['job-abcdefgh', 'job-ABCDEFGH', `job-${'a'.repeat(33)}`]);
  });
});
