// The kit's own client through `tbc proxy`: a default `tbc conformance` run must draw no request violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from '../emulator/createEmulator.ts';
import type { Listening } from '../http/listen.ts';
import { runConformance } from '../runner/runConformance.ts';
import { startProxy, type ProxyEvent, type RunningProxy } from './startProxy.ts';
import { localRunOptions } from '../test-only/localRunOptions.ts';

describe('the kit itself through tbc proxy', () => {
  let emulator: Listening;
  let proxy: RunningProxy;
  const events: ProxyEvent[] = [];
  beforeAll(async () => {
    emulator = await createEmulator({ clock: 'virtual', seed: 1 }).listen();
    proxy = await startProxy({ upstream: emulator.url, docRevision: 'seed', onEvent: (e) => events.push(e) });
  });
  afterAll(async () => {
    await proxy.close();
    await emulator.close();
  });

  it('sends a Region and draws no request violation under doc revision seed, with no --region given', async () => {
    // Invariants whose every call is meant to be well formed (the others send malformed requests on purpose).
    const report = await runConformance(
      localRunOptions({ url: proxy.url }, { runs: 2, seed: 7, only: ['TTI-01', 'TTI-08', 'TTI-14', 'TTI-18'] }),
    );
    expect(report.profile).toBe('emulated');
    expect(report.coverage.requests).toBeGreaterThan(20);
    expect(report.invariants.map((i) => [i.id, i.status])).toEqual([
      ['TTI-01', 'passed'],
      ['TTI-08', 'passed'],
      ['TTI-14', 'passed'],
      ['TTI-18', 'passed'],
    ]);
    expect(events).toEqual([]);
  });
});
