// A target that stops answering mid-run ends the run: the call that went unanswered is named, the invariants not
// checked by then are blocked (never silently missing), and the run is not ok.
import { describe, expect, it } from 'vitest';
import { withBug } from '../../property-tests/test-only/withBug.ts';
import { createEmulator } from '../emulator/createEmulator.ts';
import { localRunOptions } from '../test-only/localRunOptions.ts';
import { runConformance } from './runConformance.ts';

describe('a target that stops answering mid-run', () => {
  it('stops the run: the unanswered call is named, every invariant not checked is blocked, the run is not ok', async () => {
    let apiCalls = 0;
    const implementation = withBug(createEmulator({ clock: 'virtual', seed: 4 }).implementation, (call, forward) =>
      call.path === '/' && ++apiCalls > 300 ? new Promise<Response>(() => undefined) : forward(),
    );
    const report = await runConformance(
      localRunOptions({ url: 'in-process', implementation }, { runs: 25, seed: 4, requestTimeoutMs: 300 }),
    );
    expect(report.ok).toBe(false);
    expect(report.stopped).toMatch(/^a \w+ call got no answer: no status line and headers within 150 ms$/);
    const statuses = new Set(report.invariants.map((i) => i.status));
    expect([...statuses].every((s) => s === 'passed' || s === 'blocked' || s === 'failed')).toBe(true);
    const notRun = report.invariants.filter((i) => i.reason?.startsWith('not run: the target stopped answering'));
    expect(notRun.length).toBeGreaterThan(0);
    for (const i of notRun) expect(i.status).toBe('blocked');
    // Only the envelope's owner may fail for it: an unanswered call is TTI-10's fact ("every call gets an answer").
    const failed = report.invariants.filter((i) => i.status === 'failed').map((i) => i.id);
    expect(failed.filter((id) => id !== 'TTI-10')).toEqual([]);
  });
});
