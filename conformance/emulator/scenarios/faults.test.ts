import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWithRunningJob, type SdkHarness } from '../../test-only/startSdkHarness.ts';

// Why lower bounds only: an injected delay must hold the answer back at least that long; how much longer a busy
// machine takes says nothing about the emulator.
const DELAY_MS = 300;
/** setTimeout may fire up to a millisecond early against performance.now() (timer granularity). */
const TIMER_SLACK_MS = 5;

describe('injected latency delays the answer that follows it', () => {
  let h: SdkHarness;
  let job: string;
  beforeAll(async () => {
    ({ h, job } = await startWithRunningJob());
  });
  afterAll(() => h.close());

  it('holds a processed request back, then applies it', async () => {
    await h.control.addFault({ kind: 'latency', ms: DELAY_MS, action: 'TerminateTaskInstance', count: 1 });
    const started = performance.now();
    const outcome = await h.call('TerminateTaskInstance', { JobId: job, TaskName: 'A', TaskInstanceIndex: 0 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(DELAY_MS - TIMER_SLACK_MS);
    expect(outcome.ok).toBe(true);
    await h.advance(60);
    expect(await h.state(job, 0)).toBe('FAILED');
  });

  it('holds an injected error back too, and the error changes nothing', async () => {
    await h.control.addFault({ kind: 'latency', ms: DELAY_MS, action: 'TerminateTaskInstance', count: 1 });
    await h.control.addFault({ kind: 'error', code: 'InternalError', action: 'TerminateTaskInstance', count: 1 });
    const started = performance.now();
    const outcome = await h.call('TerminateTaskInstance', { JobId: job, TaskName: 'A', TaskInstanceIndex: 1 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(DELAY_MS - TIMER_SLACK_MS);
    expect(outcome.ok ? 'Success' : outcome.code).toBe('InternalError');
    // Past the CVM's termination time (10 s): an applied termination would show as FAILED by now.
    await h.advance(60);
    expect(await h.state(job, 1)).toBe('RUNNING');
  });

  it('leaves other actions alone: the fault stays armed for its own action', async () => {
    await h.control.addFault({ kind: 'latency', ms: 60_000, action: 'TerminateTaskInstance', count: 1 });
    expect(await h.state(job, 1)).toBe('RUNNING');
    expect(await h.control.listFaults()).toMatchObject([{ kind: 'latency', count: 1 }]);
    await h.control.reset();
    expect(await h.control.listFaults()).toEqual([]);
  });
});
