import { describe, expect, it } from 'vitest';
import { unflattenParams } from './unflattenParams.ts';

describe('unflattenParams', () => {
  it('rebuilds nested objects and lists from dotted names (reference §2.5)', () => {
    expect(
      unflattenParams({
        'Placement.Zone': 'ap-guangzhou-2',
        'Job.Tasks.0.Application.Command': 'sleep 10',
        'Job.Tasks.0.TaskName': 'A',
        'Job.Tasks.1.TaskName': 'B',
        'Filters.0.Values.1': 'FAILED',
        'Filters.0.Values.0': 'RUNNING',
      }),
    ).toEqual({
      ok: true,
      value: {
        Placement: { Zone: 'ap-guangzhou-2' },
        Job: { Tasks: [{ Application: { Command: 'sleep 10' }, TaskName: 'A' }, { TaskName: 'B' }] },
        Filters: [{ Values: ['RUNNING', 'FAILED'] }],
      },
    });
  });

  it.each([
    [{ 'Tasks.1.TaskName': 'B' }, 'Tasks.0'],
    [{ A: '1', 'A.b': '2' }, 'A.b'],
    [{ 'a..b': '1' }, 'a..b'],
    [{ '__proto__.polluted': '1' }, '__proto__.polluted'],
    // List and field syntax under one name, in either order: the second name conflicts with the first's node.
    [{ 'A.0': '1', 'A.b': '2' }, 'A.b'],
    [{ 'A.b': '2', 'A.0': '1' }, 'A.0'],
    [{ 'A.0.x': '1', 'A.0': '2' }, 'A.0'],
  ])('rejects %j, naming %s', (flat, name) => {
    const result = unflattenParams(flat);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.name).toBe(name);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
