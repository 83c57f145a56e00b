import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CREDENTIALS } from '../signing/Credentials.ts';
import { createPacer, PACING_MARGIN, type PacerClock } from './createPacer.ts';
import { createRateLimitedStub } from '../test-only/createRateLimitedStub.ts';
import { createRecordingDouble, jsonAnswer } from '../test-only/createRecordingDouble.ts';
import { createApiClient } from './createApiClient.ts';

const TERMINATE = { JobId: 'job-rybewp57', TaskName: 'A', TaskInstanceIndex: 0 };
const RATE = 20;
const CALLS = 40;

function rateLimited(): Response {
  return jsonAnswer({
    Response: { Error: { Code: 'RequestLimitExceeded', Message: 'slow down' }, RequestId: randomUUID() },
  });
}

describe('pacing against a server that enforces N requests per second on wall time', () => {
  it(`sends ${CALLS} concurrent calls at ${RATE}/s without a single RequestLimitExceeded`, async () => {
    const stub = createRateLimitedStub(RATE);
    const target = createApiClient({
      implementation: stub.implementation,
      credentials: EXAMPLE_CREDENTIALS,
      pacing: { perSecond: { TerminateTaskInstance: RATE }, maxRetries: 0 },
    });
    const results = await Promise.all(Array.from({ length: CALLS }, () => target.TerminateTaskInstance(TERMINATE)));
    expect(results.map((result) => result.kind)).toEqual(Array<string>(CALLS).fill('success'));
    expect(stub.counts).toEqual({ accepted: CALLS, limited: 0 });
  });

  it('meets RequestLimitExceeded from the same server when pacing is off (the stub does enforce its limit)', async () => {
    const stub = createRateLimitedStub(RATE);
    const target = createApiClient({
      implementation: stub.implementation,
      credentials: EXAMPLE_CREDENTIALS,
      pacing: false,
    });
    const results = await Promise.all(Array.from({ length: CALLS }, () => target.TerminateTaskInstance(TERMINATE)));
    expect(stub.counts.limited).toBeGreaterThan(0);
    expect(results.some((result) => result.kind === 'error' && result.code === 'RequestLimitExceeded')).toBe(true);
  });
});

describe('back-off on RequestLimitExceeded', () => {
  it('retries after RequestLimitExceeded twice, 2 then 4 intervals later, and returns the success that follows', async () => {
    // Arrival times on the pacer's own clock (performance.now). Lower bounds only: the back-off promises "not
    // earlier than", and the plain spacing alone (1 interval) stays below both bounds.
    const arrivals: number[] = [];
    const double = createRecordingDouble((_, index) => {
      arrivals.push(performance.now());
      return index < 2 ? rateLimited() : jsonAnswer({ Response: { RequestId: randomUUID() } });
    });
    const target = createApiClient({
      implementation: double.implementation,
      credentials: EXAMPLE_CREDENTIALS,
      pacing: { perSecond: { TerminateTaskInstance: 50 } },
    });
    const result = await target.TerminateTaskInstance(TERMINATE);
    expect(result).toMatchObject({ kind: 'success', retries: 2 });
    expect(double.requests).toHaveLength(3);
    const interval = (1000 / 50) * (1 + PACING_MARGIN);
    const [first = NaN, second = NaN, third = NaN] = arrivals;
    expect(second - first).toBeGreaterThanOrEqual(2 * interval);
    expect(third - second).toBeGreaterThanOrEqual(4 * interval);
  });

  it('gives up after maxRetries and returns the RequestLimitExceeded error', async () => {
    const double = createRecordingDouble(() => rateLimited());
    const target = createApiClient({
      implementation: double.implementation,
      credentials: EXAMPLE_CREDENTIALS,
      pacing: { perSecond: { TerminateTaskInstance: 100 }, maxRetries: 2 },
    });
    expect(await target.TerminateTaskInstance(TERMINATE)).toMatchObject({
      kind: 'error',
      code: 'RequestLimitExceeded',
      retries: 2,
    });
    expect(double.requests).toHaveLength(3);
  });

  it('neither waits nor retries with pacing false', async () => {
    const double = createRecordingDouble(() => rateLimited());
    const target = createApiClient({
      implementation: double.implementation,
      credentials: EXAMPLE_CREDENTIALS,
      pacing: false,
    });
    expect(await target.TerminateTaskInstance(TERMINATE)).toMatchObject({ kind: 'error', retries: 0 });
    expect(double.requests).toHaveLength(1);
  });
});

/** A virtual clock: sleeping advances time, so slot arithmetic is checked without wall-clock timing. */
function createVirtualClock(): PacerClock & { starts: number[] } {
  let now = 0;
  return {
    starts: [],
    now: () => now,
    sleep: (ms) => {
      now += ms;
      return Promise.resolve();
    },
  };
}

describe('createPacer', () => {
  it('spaces the calls of one key by 1000 / perSecond ms plus the margin, in call order', async () => {
    const clock = createVirtualClock();
    const pacer = createPacer({ TerminateTaskInstance: 2 }, clock);
    for (let i = 0; i < 4; i += 1) {
      const ticket = await pacer.acquire('TerminateTaskInstance');
      clock.starts.push(clock.now());
      ticket.done();
    }
    const interval = 500 * (1 + PACING_MARGIN);
    expect(pacer.intervalMs('TerminateTaskInstance')).toBe(interval);
    clock.starts.forEach((start, i) => {
      expect(start).toBeGreaterThanOrEqual(i * interval);
      expect(start).toBeLessThan(i * interval + 1);
    });
  });

  it('keeps keys independent and leaves keys without a rate unpaced', async () => {
    const clock = createVirtualClock();
    const pacer = createPacer({ TerminateTaskInstance: 2, DescribeJob: 20 }, clock);
    (await pacer.acquire('TerminateTaskInstance')).done();
    (await pacer.acquire('DescribeJob')).done();
    (await pacer.acquire('Unknown')).done();
    (await pacer.acquire('Unknown')).done();
    expect(clock.now()).toBe(0);
    (await pacer.acquire('DescribeJob')).done();
    expect(clock.now()).toBeGreaterThanOrEqual(50);
    expect(clock.now()).toBeLessThan(500);
  });

  it('measures the spacing from the moment a call is sent, so a late sender shifts the calls behind it', async () => {
    const clock = createVirtualClock();
    const pacer = createPacer({ TerminateTaskInstance: 2 }, clock);
    const first = await pacer.acquire('TerminateTaskInstance');
    const second = pacer.acquire('TerminateTaskInstance');
    await clock.sleep(300); // the first caller stalls before sending
    first.done();
    (await second).done();
    expect(clock.now()).toBeGreaterThanOrEqual(300 + 500 * (1 + PACING_MARGIN));
  });

  it('waits one window after the completion of the call perSecond places earlier, bounding its late arrival', async () => {
    const clock = createVirtualClock();
    const pacer = createPacer({ TerminateTaskInstance: 2 }, clock);
    const first = await pacer.acquire('TerminateTaskInstance');
    first.sent();
    const second = await pacer.acquire('TerminateTaskInstance'); // one interval later, at 505 ms
    second.sent();
    const third = pacer.acquire('TerminateTaskInstance');
    await clock.sleep(300); // the first answer comes in at 805 ms: it may have reached the server that late
    first.done();
    second.done();
    (await third).done();
    expect(clock.now()).toBeGreaterThanOrEqual(805 + 1000 * (1 + PACING_MARGIN));
  });

  it('pushes the next slot out after a back-off', async () => {
    const clock = createVirtualClock();
    const pacer = createPacer({ TerminateTaskInstance: 2 }, clock);
    (await pacer.acquire('TerminateTaskInstance')).done();
    pacer.backOff('TerminateTaskInstance', 4000);
    (await pacer.acquire('TerminateTaskInstance')).done();
    expect(clock.now()).toBeGreaterThanOrEqual(4000);
  });
});
