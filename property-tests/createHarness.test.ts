import { describe, expect, it } from 'vitest';
import { DEFAULT_ZONE } from '../generated/regions.ts';
import { ID_PATTERNS } from '../generated/actions.ts';
import type { Implementation } from '../conformance/Implementation.ts';
import { ANONYMOUS_COMPUTE_ENV } from '../conformance/client/anonymousComputeEnv.ts';
import { createApiClient, IN_PROCESS_ORIGIN } from '../conformance/client/createApiClient.ts';
import { createControlClient } from '../conformance/control/createControlClient.ts';
import { createEmulator } from '../conformance/emulator/createEmulator.ts';
import { EXAMPLE_CREDENTIALS } from '../conformance/signing/Credentials.ts';
import { ALL_CAPABILITIES } from './Capability.ts';
import type { Expectation } from './Expectation.ts';
import { createHarness, type HarnessOptions, type HarnessBackend } from './createHarness.ts';
import type { TaskSpec } from './Harness.ts';
import { ENVELOPE_OWNER } from './owners.ts';
import { decision, seed } from './Provenance.ts';
import { Blocked, RunSkipped, Violation } from './Violation.ts';
import { LONG_SLEEP } from './Workload.ts';

const TASK: TaskSpec = { name: 'A', command: LONG_SLEEP, env: 'anonymous' };
const SEED_FACT: Expectation = { id: 'TEST.seed', statement: 'a seed fact', provenance: seed('a seed sentence') };
const NO_JOB = { JobId: 'job-00000000' };
const DECIDED: Expectation = { id: 'TEST.decision', statement: 'a kit decision', provenance: decision('D-01') };

/**
 * createHarness alone, on an in-process emulator: the backend it is given is a plain one over the control plane (no
 * saved worlds unless a test gives them), so what is checked is the harness's own bookkeeping, not a backend's.
 */
function setUp(
  options: Partial<HarnessOptions> = {},
  backend: Partial<HarnessBackend> = {},
  wrap: (implementation: Implementation) => Implementation = (implementation) => implementation,
) {
  const emulator = createEmulator({ clock: 'virtual', rateLimits: false });
  const implementation = wrap(emulator.implementation);
  const control = createControlClient(emulator.implementation, IN_PROCESS_ORIGIN);
  const client = createApiClient({ implementation, credentials: EXAMPLE_CREDENTIALS, pacing: false });
  const harness = createHarness(
    { client, docRevision: 'seed', capabilities: new Set(ALL_CAPABILITIES), strict: false, ...options },
    {
      step: () => control.advanceToNextEvent(),
      wait: async (seconds) => {
        await control.advanceBy(seconds);
      },
      snapshot: (jobId) => control.snapshot(jobId),
      beginRun: () => Promise.resolve(),
      guardsForeignJobs: false,
      sharesJobs: false,
      freshWorldPerRun: false,
      ...backend,
    },
  );
  return { harness, client };
}

describe('createHarness', () => {
  it("logs each run's calls apart and counts every request of the session", async () => {
    const { harness } = setUp();
    await harness.beginRun();
    const jobId = await harness.submit([TASK]);
    await harness.call('DescribeJob', { JobId: jobId });
    expect(harness.takeLog().exchanges).toHaveLength(2);
    await harness.beginRun();
    expect(harness.takeLog().exchanges).toEqual([]);
    await harness.call('DescribeJob', NO_JOB);
    expect(harness.takeLog().exchanges).toHaveLength(1);
    expect(harness.requestCount()).toBe(3);
  });

  it('submits with the job tag, tells the ledger before and after, and refuses a job past --max-jobs', async () => {
    const events: string[] = [];
    const { harness } = setUp({
      jobTag: 'tbc-harness-test',
      maxJobs: 1,
      jobEvents: {
        submitting: (jobName, job) => {
          events.push(`submitting ${jobName} ${job?.instances}`);
          return (jobId) => events.push(`submitted ${jobId}`);
        },
      },
    });
    await harness.beginRun();
    const jobId = await harness.submit([{ ...TASK, count: 2 }]);
    expect(jobId).toMatch(new RegExp(ID_PATTERNS.JobId));
    const described = await harness.call('DescribeJob', { JobId: jobId });
    expect(described.kind === 'success' ? described.data.JobName : described.kind).toBe('tbc-harness-test');
    await expect(harness.submit([TASK])).rejects.toThrow(RunSkipped);
    expect(events).toEqual(['submitting tbc-harness-test 2', `submitted ${jobId}`]);
    expect(harness.requestCount()).toBe(2);
  });

  it('submits its jobs to the zone it is given, and to the default zone otherwise (D-35)', async () => {
    const zoneOf = async (harness: ReturnType<typeof setUp>['harness']): Promise<string | undefined> => {
      await harness.beginRun();
      const described = await harness.call('DescribeJob', { JobId: await harness.submit([TASK]) });
      return described.kind === 'success' ? described.data.Zone : described.kind;
    };
    expect(await zoneOf(setUp({ zone: 'ap-beijing-3' }).harness)).toBe('ap-beijing-3');
    expect(await zoneOf(setUp().harness)).toBe(DEFAULT_ZONE);
  });

  it('fails a broken seed fact, and keeps a decision the target does not share as an observation', async () => {
    const { harness } = setUp();
    await harness.beginRun();
    expect(() => harness.check(SEED_FACT, false, 'the seed fact broke')).toThrow(Violation);
    expect(harness.check(DECIDED, false, 'the target decided otherwise')).toBe(false);
    expect(harness.check(DECIDED, false, 'the target decided otherwise')).toBe(false);
    expect(harness.check(DECIDED, true, 'held')).toBe(true);
    expect(harness.runStatus().checked.get(DECIDED.id)).toBe(3);
    expect(harness.takeObservations().map((o) => [o.expectation.id, o.count])).toEqual([[DECIDED.id, 2]]);
    expect(harness.takeObservations()).toEqual([]);
  });

  it('fails a decision the target does not share when strict', async () => {
    const { harness } = setUp({ strict: true });
    await harness.beginRun();
    expect(() => harness.check(DECIDED, false, 'the target decided otherwise')).toThrow(Violation);
  });

  it("blocks a run on an answer it cannot read, the envelope owner's to report, unless the run expects one", async () => {
    const { harness } = setUp(
      {},
      {},
      (implementation) => async (request) =>
        request.headers.get('x-tc-action') === 'DescribeJob' ? new Response('not json') : implementation(request),
    );
    await harness.beginRun();
    const blocked = await harness.call('DescribeJob', NO_JOB).catch((error: unknown) => error);
    expect(blocked).toBeInstanceOf(Blocked);
    expect((blocked as Blocked).owner).toBe(ENVELOPE_OWNER);
    await harness.beginRun(undefined, true);
    expect((await harness.call('DescribeJob', NO_JOB)).kind).toBe('unreadable');
  });

  it('on a live target, does not send a terminate for a job the session did not create', async () => {
    const { harness, client } = setUp({}, { guardsForeignJobs: true });
    const foreign = await client.SubmitJob({
      Placement: { Zone: 'ap-guangzhou-2' },
      Job: {
        JobName: 'someone-else',
        Tasks: [
          {
            TaskName: 'A',
            TaskInstanceNum: 1,
            Application: { DeliveryForm: 'LOCAL', Command: LONG_SLEEP },
            ComputeEnv: ANONYMOUS_COMPUTE_ENV,
          },
        ],
      },
    });
    if (foreign.kind !== 'success') throw new Error(`SubmitJob answered ${foreign.kind}`);
    await harness.beginRun();
    const terminate = { JobId: foreign.data.JobId, TaskName: 'A', TaskInstanceIndex: 0 };
    await expect(harness.call('TerminateTaskInstance', terminate)).rejects.toThrow(RunSkipped);
    expect(harness.takeLog().exchanges.map((e) => e.request.headers['x-tc-action'])).toEqual(['DescribeJob']);
    const own = await harness.submit([TASK]);
    const result = await harness.call('TerminateTaskInstance', { ...terminate, JobId: own });
    expect(result.kind).not.toBe('transport');
  });

  it("reuses the world saved after a key's first set-up, but only at the start of a run", async () => {
    const saved: string[] = [];
    const { harness } = setUp(
      {},
      {
        saved: {
          save: (key) => Promise.resolve(void saved.push(`save ${key}`)),
          restore: (key) => Promise.resolve(saved.push(`restore ${key}`) > 0),
          dispose: () => Promise.resolve(),
        },
      },
    );
    let builds = 0;
    const build = (): Promise<number> => Promise.resolve(++builds);
    await harness.beginRun();
    expect(await harness.reuse('jobs', build)).toBe(1);
    await harness.beginRun();
    expect(await harness.reuse('jobs', build)).toBe(1);
    await harness.beginRun();
    await harness.call('DescribeJob', NO_JOB);
    expect(await harness.reuse('jobs', build)).toBe(2);
    expect(saved).toEqual(['save jobs', 'restore jobs']);
  });
});
