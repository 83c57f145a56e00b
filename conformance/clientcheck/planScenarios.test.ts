import { describe, expect, it } from 'vitest';
import { createParamValidators } from '../wire/validateParams.ts';
import { planScenarios } from './planScenarios.ts';
import { SCENARIO_IDS } from './scenarioIds.ts';

const jobs = {
  jobId: 'job-aaaaaaaa',
  namedJobId: 'job-bbbbbbbb',
  instances: [{ JobId: 'job-aaaaaaaa', TaskName: 'A', TaskInstanceIndex: 0 }],
};

describe('planScenarios', () => {
  it('plans exactly the scenarios `--only` accepts, in that order', () => {
    expect(planScenarios(jobs, { seed: 1, runs: 3, timeoutMs: 1000 }).map((s) => s.id)).toEqual([...SCENARIO_IDS]);
  });

  it('fuzzes only schema-valid parameters, reproducibly from the seed, with some existing instances', () => {
    const validate = createParamValidators().TerminateTaskInstance;
    const fuzz = (seed: number) => planScenarios(jobs, { seed, runs: 60, timeoutMs: 1000 })[0]?.calls ?? [];
    const calls = fuzz(3);
    expect(calls).toHaveLength(60);
    for (const params of calls) expect(validate.json(params)).toMatchObject({ ok: true });
    expect(fuzz(3)).toEqual(calls);
    expect(fuzz(4)).not.toEqual(calls);
    expect(
      calls.filter((c) => c.TaskName === 'A' && c.JobId === jobs.jobId && c.TaskInstanceIndex === 0).length,
    ).toBeGreaterThan(5);
  });

  it('puts the latency around the timeout: within is shorter, beyond is longer', () => {
    const scenarios = planScenarios(jobs, { seed: 1, runs: 1, timeoutMs: 1000 });
    expect(scenarios.find((s) => s.id === 'latency-within')?.fault).toMatchObject({ kind: 'latency', ms: 250 });
    expect(scenarios.find((s) => s.id === 'latency-beyond')?.fault).toMatchObject({ kind: 'latency', ms: 1500 });
  });
});
