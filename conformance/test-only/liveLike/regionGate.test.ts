import { describe, expect, it } from 'vitest';
import { regionGate } from './regionGate.ts';
import { outcomeOfAnswer, serveBehaviours } from './serveBehaviours.ts';

describe('regionGate', () => {
  it('refuses a region it does not serve with UnsupportedRegion, without passing the call on', async () => {
    const { target, reached } = serveBehaviours([regionGate(['ap-guangzhou'])]);
    for (const region of ['eu-frankfurt', 'null', 'ap-shanghai']) {
      expect(outcomeOfAnswer(await target({ region }).DescribeJob({ JobId: 'job-abcdefgh' }))).toBe(
        'UnsupportedRegion',
      );
    }
    expect(reached).toEqual([]);
  });

  it('passes a call in a region it serves, and one without a Region (the current docs make it optional)', async () => {
    const { target, reached } = serveBehaviours([regionGate(['ap-guangzhou'])]);
    expect(outcomeOfAnswer(await target({ region: 'ap-guangzhou' }).DescribeJob({ JobId: 'job-abcdefgh' }))).toBe(
      'Success',
    );
    const noRegion = await target().raw({
      action: 'DescribeJob',
      params: { JobId: 'job-abcdefgh' },
      malformations: [{ kind: 'omit-common-parameter', name: 'Region' }],
    });
    expect(outcomeOfAnswer(noRegion)).toBe('Success');
    expect(reached.map((r) => r.call?.region)).toEqual(['ap-guangzhou', undefined]);
  });
});
