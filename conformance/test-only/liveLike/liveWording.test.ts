import { describe, expect, it } from 'vitest';
import { errorAnswer, envelope } from './LiveRequest.ts';
import { liveWording, NEWER_API_FIELDS } from './liveWording.ts';
import { responseOf, serveBehaviours } from './serveBehaviours.ts';

const UPPER_UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

describe('liveWording', () => {
  it('rewords an error’s message, keeps its code, and upper-cases its RequestId', async () => {
    const { target } = serveBehaviours([liveWording()], {
      base: () => Promise.resolve(errorAnswer('ResourceNotFound.Job')),
    });
    const response = responseOf(await target().DescribeJob({ JobId: 'job-abcdefgh' }));
    expect(response.Error?.Code).toBe('ResourceNotFound.Job');
    expect(response.Error?.Message).toMatch(/^\[ResourceNotFound\.Job\] Your request could not be completed/);
    expect(response['RequestId']).toMatch(UPPER_UUID);
    expect(response).not.toHaveProperty(NEWER_API_FIELDS.response);
  });

  it('adds a newer API version’s field to a success, and to each DescribeTask instance view', async () => {
    const { target } = serveBehaviours([liveWording()], {
      base: () => Promise.resolve(envelope({ TaskInstanceSet: [{ TaskInstanceIndex: 0 }, { TaskInstanceIndex: 1 }] })),
    });
    const task = responseOf(await target().DescribeTask({ JobId: 'job-abcdefgh', TaskName: 'A' }));
    expect(task).toHaveProperty(NEWER_API_FIELDS.response);
    for (const view of task['TaskInstanceSet'] as Record<string, unknown>[]) {
      expect(view).toHaveProperty(NEWER_API_FIELDS.instance);
    }
    expect(task['RequestId']).toMatch(UPPER_UUID);
    // Another action's list of the same name is not an instance view.
    const job = responseOf(await target().DescribeJob({ JobId: 'job-abcdefgh' }));
    expect((job['TaskInstanceSet'] as Record<string, unknown>[])[0]).not.toHaveProperty(NEWER_API_FIELDS.instance);
  });
});
