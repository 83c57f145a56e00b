import { describe, expect, it } from 'vitest';
import { LANES } from '../Workload.ts';
import { MISSES } from './tti08.ts';

// Every miss must name no instance of the real task, whatever it is called: `A` on an emulator, a lane of the shared
// job on a live target. A miss that leaves the name as it is would send a valid terminate of a shared instance.
describe('TTI-08 misses', () => {
  it.each(['A', ...LANES])('name no instance of a task called %s', (taskName) => {
    const task = { jobId: 'job-abcdefgh', taskName, first: 0, count: 2, taskSize: 4 };
    for (const miss of MISSES) {
      const request = miss.request(task);
      const existing = request.TaskName === taskName && request.TaskInstanceIndex < task.taskSize;
      expect(existing, `${miss.label}: ${JSON.stringify(request)}`).toBe(false);
    }
  });
});
