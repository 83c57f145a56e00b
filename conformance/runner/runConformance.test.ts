import { ID_PATTERNS } from '../../generated/actions.ts';
import { describe, expect, it } from 'vitest';
import type { Implementation } from '../Implementation.ts';
import type { Report } from '../../generated/reportTypes.ts';
import { createEmulator } from '../emulator/createEmulator.ts';
import { answer, envelopeOf, renameCode, withBug } from '../../property-tests/test-only/withBug.ts';
import { mergeReports } from './mergeReports.ts';
import type { ConformanceOptions } from './ConformanceOptions.ts';
import { runConformance } from './runConformance.ts';
import { toJunit } from './toJunit.ts';
import { validateReport } from './validateReport.ts';
import { parse } from 'junit2json';
import { CATALOGUE } from '../../property-tests/catalogue.ts';
import { localRunOptions } from '../test-only/localRunOptions.ts';

/**
 * What no seed fixes, blanked: the wall clock in requests (X-TC-Timestamp and the signatures over it), RequestIds
 * (random per answer, as Tencent's are) and the emulator's clock readings (a virtual clock starts at wall time).
 */
function wallFree(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value
    .replace(/"RequestId":"[^"]*"/g, '"RequestId":"…"')
    .replace(/"(\w*Time)":"[^"]*"/g, '"$1":"…"')
    .replace(/^\d{10}$/, '…')
    .replace(/Signature=[0-9a-f]{64}/g, 'Signature=…');
}

const base = (implementation: Implementation): ConformanceOptions =>
  localRunOptions({ url: 'http://emulator.test', implementation }, { runs: 5, seed: 42 });

describe('runConformance', () => {
  it('passes every invariant of the emulator, with a report that validates against the published schema', async () => {
    const report = await runConformance(base(createEmulator({ clock: 'virtual', seed: 1 }).implementation));
    expect(report.profile).toBe('emulated');
    expect(report.invariants.map((i) => [i.id, i.status]).filter(([, s]) => s !== 'passed')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(validateReport(report)).toBeUndefined();
    expect(report.coverage.terminations.map((t) => t.situation)).toContain('anonymous/RUNNING');
  });

  it('reports the violated invariant with a replay that reproduces it, and passes it on the emulator', async () => {
    const broken = withBug(
      createEmulator({ clock: 'virtual', seed: 1 }).implementation,
      renameCode('ResourceNotFound.TaskInstance', 'ResourceNotFound'),
    );
    const report = await runConformance({ ...base(broken), only: ['TTI-08'] });
    const [tti08] = report.invariants;
    expect(report.ok).toBe(false);
    expect(tti08?.status).toBe('failed');
    expect(tti08?.reason).toMatch(/ResourceNotFound\.TaskInstance/);
    expect(validateReport(report)).toBeUndefined();
    const replay = tti08?.replay;
    expect(replay).toBeDefined();
    if (replay === undefined) return;
    const again = await runConformance({ ...base(broken), replay });
    expect(again.invariants.map((i) => [i.id, i.status])).toEqual([['TTI-08', 'failed']]);
    expect(again.invariants[0]?.counterexample?.text).toBe(tti08?.counterexample?.text);
    const onEmulator = await runConformance({
      ...base(createEmulator({ clock: 'virtual', seed: 1 }).implementation),
      replay,
    });
    expect(onEmulator.invariants.map((i) => [i.id, i.status])).toEqual([['TTI-08', 'passed']]);
  });

  it('in live-safe mode creates no job and sends no termination for a job it has not just proven absent', async () => {
    // A real-clock emulator without limits stands in for a live endpoint; pacing off keeps the test fast.
    const emulator = createEmulator({ clock: 'real', rateLimits: false, seed: 1 });
    const sent: { action: string | null; body: string }[] = [];
    const recording: Implementation = async (request) => {
      sent.push({ action: request.headers.get('x-tc-action'), body: await request.clone().text() });
      return emulator.implementation(request);
    };
    const everything = CATALOGUE.map((i) => i.id).filter((id) => id !== 'TTI-09');
    const report = await runConformance({
      ...base(recording),
      profile: 'live-safe',
      credentialsAreExample: false,
      region: 'ap-guangzhou',
      pacing: false,
      only: everything,
    });
    expect(report.profile).toBe('live-safe');
    expect(sent.filter((s) => s.action === 'SubmitJob')).toEqual([]);
    const skipped = report.invariants.filter((i) => i.status === 'skipped').map((i) => i.id);
    expect(skipped).toEqual(
      expect.arrayContaining(['TTI-01', 'TTI-02', 'TTI-03', 'TTI-04', 'TTI-05', 'TTI-06', 'TTI-MODEL']),
    );
    // Every TerminateTaskInstance carrying a well-formed JobId follows a DescribeJob of that id.
    sent.forEach((s, i) => {
      const jobId = s.action === 'TerminateTaskInstance' ? /"JobId":"([^"]*)"/.exec(s.body)?.[1] : undefined;
      if (jobId === undefined || !new RegExp(ID_PATTERNS.JobId).test(jobId)) return;
      const probe = sent
        .slice(0, i)
        .reverse()
        .find((p) => p.action === 'DescribeJob');
      expect(probe?.body, `termination of ${jobId} without a probe`).toContain(jobId);
    });
  });

  it('refuses the example credentials or no region against a live endpoint, and an unreachable target, as setup errors', async () => {
    const emulator = createEmulator({ clock: 'virtual', seed: 1 });
    await expect(runConformance({ ...base(emulator.implementation), profile: 'live-safe' })).rejects.toThrow(
      /give credentials/,
    );
    await expect(
      runConformance({ ...base(emulator.implementation), profile: 'live-safe', credentialsAreExample: false }),
    ).rejects.toThrow(/give its region \(--region or TENCENTCLOUD_REGION/);
    // The zone of a live-stateful run's jobs (D-35): the default one only in the default region; never another region's.
    const stateful = {
      ...base(emulator.implementation),
      credentialsAreExample: false,
      allowDestructive: true,
    } as const;
    await expect(
      runConformance({ ...stateful, profile: 'live-stateful', maxJobs: 2, region: 'ap-beijing' }),
    ).rejects.toThrow(/live-stateful run in ap-beijing needs the zone of its jobs \(--zone/);
    await expect(runConformance({ ...stateful, region: 'ap-beijing', zone: 'ap-guangzhou-2' })).rejects.toThrow(
      /--zone ap-guangzhou-2 is not a zone of --region ap-beijing/,
    );
    const unreachable: Implementation = () =>
      Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') }));
    await expect(runConformance(base(unreachable))).rejects.toThrow(/unreachable: connect ECONNREFUSED/);
  });

  it('gives the same report at concurrency 1 and 8 for a seed (timings aside), failures, shrinking and replays included', async () => {
    // Failures exercise shrinking and replay paths; passes exercise the tenants' seeded ids and clocks.
    const broken = (): Implementation =>
      withBug(
        withBug(
          createEmulator({ clock: 'virtual', seed: 7 }).implementation,
          renameCode('ResourceNotFound.TaskInstance', 'ResourceNotFound'),
        ),
        // A failure on jobs the run submitted: its evidence names the tenant's JobIds.
        renameCode('UnsupportedOperation.TerminateOperationWithEnvId', 'UnsupportedOperation'),
      );
    const withoutTimings = (report: Report): unknown =>
      JSON.parse(JSON.stringify(report, (key, value: unknown) => (key === 'durationMs' ? undefined : wallFree(value))));
    const [one, eight] = await Promise.all(
      [1, 8].map((concurrency) => runConformance({ ...base(broken()), runs: 4, seed: 99, concurrency })),
    );
    if (one === undefined || eight === undefined) throw new Error('two reports expected');
    expect(one.invariants.filter((i) => i.status === 'failed').length).toBeGreaterThan(0);
    expect(one.invariants.some((i) => i.replay?.path !== undefined && i.replay.path !== '')).toBe(true);
    expect(JSON.stringify(one)).toMatch(/job-[a-z0-9]{8}/);
    expect(withoutTimings(eight)).toEqual(withoutTimings(one));
  });

  it('prints a failure the first runs find before any full check, and reports it exactly as a run without the smoke pass', async () => {
    const broken = (): Implementation =>
      withBug(
        createEmulator({ clock: 'virtual', seed: 7 }).implementation,
        renameCode('InvalidParameter.JobIdMalformed', 'InvalidParameter'),
      );
    const order: string[] = [];
    const smoked = await runConformance({
      ...base(broken()),
      runs: 10,
      concurrency: 1,
      onProgress: (event) => {
        if (event.kind === 'invariant-done') order.push(`${event.id} ${event.status}`);
      },
    });
    const failed = smoked.invariants.filter((i) => i.status === 'failed').map((i) => `${i.id} failed`);
    expect(failed.length).toBeGreaterThan(0);
    // Every failure is printed before the first invariant that passes (which only the full checks can tell).
    expect(order.slice(0, failed.length).sort()).toEqual([...failed].sort());
    const plain = await runConformance({ ...base(broken()), runs: 10, concurrency: 1, smokeRuns: 0 });
    const withoutTimings = (report: Report): unknown =>
      JSON.parse(JSON.stringify(report, (key, value: unknown) => (key === 'durationMs' ? undefined : wallFree(value))));
    const { coverage: smokedCoverage, ...smokedRest } = withoutTimings(smoked) as Report;
    const { coverage: plainCoverage, ...plainRest } = withoutTimings(plain) as Report;
    expect(smokedRest).toEqual(plainRest);
    // The smoke pass only adds requests: the passing invariants' first runs are sent twice.
    expect(smokedCoverage.requests).toBeGreaterThan(plainCoverage.requests);
  });

  it('merges shard reports: a failure in one shard fails the campaign, runs add up', async () => {
    const broken = withBug(
      createEmulator({ clock: 'virtual', seed: 1 }).implementation,
      renameCode('InvalidParameter.JobIdMalformed', 'InvalidParameter'),
    );
    const good = createEmulator({ clock: 'virtual', seed: 1 }).implementation;
    const one = await runConformance({ ...base(good), only: ['TTI-07', 'TTI-11'], shard: { index: 1, count: 2 } });
    const two = await runConformance({ ...base(broken), only: ['TTI-07', 'TTI-11'], shard: { index: 2, count: 2 } });
    const merged = mergeReports([one, two]);
    expect(merged.shards).toEqual(['1/2', '2/2']);
    expect(merged.invariants.map((i) => [i.id, i.status])).toEqual([
      ['TTI-07', 'failed'],
      ['TTI-11', 'passed'],
    ]);
    expect(merged.invariants[1]?.runs).toBe((one.invariants[1]?.runs ?? 0) + (two.invariants[1]?.runs ?? 0));
    expect(validateReport(merged)).toBeUndefined();
  });

  it('writes JUnit that a JUnit consumer reads as one test case per invariant, with failures and skips', async () => {
    // A static-mock habit: every answer carries the same RequestId (TTI-11's seed fact), against a live-safe run.
    const broken = withBug(
      createEmulator({ clock: 'real', rateLimits: false, seed: 1 }).implementation,
      async (call, forward) => {
        const response = await forward();
        if (call.path !== '/') return response;
        const envelope = await envelopeOf(response);
        return answer({ ...envelope, RequestId: '72e9a712-1fed-4b57-be72-62e71eefd4c3' });
      },
    );
    const report = await runConformance({
      ...base(broken),
      profile: 'live-safe',
      credentialsAreExample: false,
      region: 'ap-guangzhou',
      pacing: false,
      only: ['TTI-01', 'TTI-07', 'TTI-11'],
    });
    const parsed = (await parse(toJunit(report))) as {
      testsuite?: { testcase?: { name: string; failure?: unknown; skipped?: unknown }[] }[];
    };
    const cases = parsed.testsuite?.[0]?.testcase ?? [];
    expect(cases.map((c) => c.name.slice(0, 6))).toEqual(['TTI-01', 'TTI-07', 'TTI-11']);
    expect(
      cases.map((c) => (c.failure !== undefined ? 'failed' : c.skipped !== undefined ? 'skipped' : 'passed')),
    ).toEqual(['skipped', 'passed', 'failed']);
  });
});
