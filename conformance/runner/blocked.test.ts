import { describe, expect, it } from 'vitest';
import { ENVELOPE_OWNER, REQUEST_ID_FORMAT_OWNER } from '../../property-tests/owners.ts';
import { CATALOGUE } from '../../property-tests/catalogue.ts';
import { envelopeOf, errorAnswer, withBug } from '../../property-tests/test-only/withBug.ts';
import { createEmulator } from '../emulator/createEmulator.ts';
import type { Implementation } from '../Implementation.ts';
import { incompleteVerdict, printReport } from './printReport.ts';
import type { ConformanceOptions } from './ConformanceOptions.ts';
import { runConformance } from './runConformance.ts';
import { localRunOptions } from '../test-only/localRunOptions.ts';

/**
 * An emulator whose DescribeTask refuses, with `code`, every job that exists (the run's own: on an emulator every job
 * is), and answers an unknown job as usual: the supporting call every stateful scenario reads its instances with.
 */
function refusingDescribeTask(code: string): Implementation {
  return withBug(createEmulator({ clock: 'virtual', seed: 1 }).implementation, async (call, forward) => {
    const response = await forward();
    if (call.action !== 'DescribeTask') return response;
    return (await envelopeOf(response))['Error'] === undefined ? errorAnswer(code) : response;
  });
}

const options = (implementation: Implementation, rest: Partial<ConformanceOptions> = {}): ConformanceOptions =>
  localRunOptions({ url: 'http://blocked.test', implementation }, { runs: 5, seed: 42, ...rest });

/** The invariants that never read their jobs' instances: the owners of the envelope and of the RequestId format. */
const ENVELOPE_ONLY: readonly string[] = [ENVELOPE_OWNER, REQUEST_ID_FORMAT_OWNER];
/**
 * TTI-08 reads instances only in its cells about a job of the run (an unknown task or index); its cells about an
 * unknown job need none, so it passes them and reports the rest as not observed.
 */
const PARTLY = 'TTI-08';
const READING_INSTANCES = CATALOGUE.map((i) => i.id).filter((id) => !ENVELOPE_ONLY.includes(id) && id !== PARTLY);
const TOTAL = CATALOGUE.length;
const CHECKED = TOTAL - READING_INSTANCES.length;

describe('invariants blocked by a supporting call', () => {
  it('an undocumented code from DescribeTask: the others are blocked, pointing at TTI-10, which reports it once; the run fails', async () => {
    // ResourceNotFound.TaskInstance is TerminateTaskInstance's code: DescribeTask does not document it.
    const report = await runConformance(options(refusingDescribeTask('ResourceNotFound.TaskInstance')));
    const blocked = report.invariants.filter((i) => i.status === 'blocked');
    expect(blocked.map((i) => i.id)).toEqual(READING_INSTANCES);
    for (const inv of blocked) {
      expect(inv.owner).toBe(ENVELOPE_OWNER);
      expect(inv.reason).toBe('DescribeTask answered ResourceNotFound.TaskInstance');
    }
    const owner = report.invariants.find((i) => i.id === ENVELOPE_OWNER);
    expect(owner?.status).toBe('failed');
    expect(owner?.provenance).toMatchObject({ expectation: 'TTI-10.error-code', kind: 'seed' });
    expect(report.summary).toMatchObject({
      total: TOTAL,
      checked: CHECKED,
      passed: CHECKED - 1,
      failed: 1,
      blocked: READING_INSTANCES.length,
      skipped: 0,
    });
    expect(report.ok).toBe(false);

    const printed = printReport(report, new Map());
    expect(printed).toContain(
      `Checked ${CHECKED} of ${TOTAL} invariants (${CHECKED - 1} passed, 1 failed); 0 skipped, ${READING_INSTANCES.length} blocked`,
    );
    expect(printed).toContain(
      "TTI-01 BLOCKED: DescribeTask answered ResourceNotFound.TaskInstance — the root cause is TTI-10's to report",
    );
    expect(printed).toContain('TTI-10 FAILED: ');
    expect(incompleteVerdict(report)).toBe(
      `MOST INVARIANTS WERE NOT CHECKED: only ${CHECKED} of ${TOTAL} invariants were checked (0 skipped, ${READING_INSTANCES.length} blocked, reasons above); the failures above stand, and nothing is known about the rest`,
    );
    const partly = report.invariants.find((i) => i.id === PARTLY);
    expect(partly?.status).toBe('passed');
    expect(partly?.notObserved?.join()).toMatch(
      /planned cells, e\.g\. miss=.* \(.*DescribeTask answered ResourceNotFound\.TaskInstance/,
    );
  });

  it('a documented refusal from DescribeTask: blocked with no owner, nothing failed, so the run is ok — and says loudly that it checked almost nothing', async () => {
    // InternalError is documented for DescribeTask: a refusal the API allows belongs to no invariant.
    const report = await runConformance(options(refusingDescribeTask('InternalError')));
    const blocked = report.invariants.filter((i) => i.status === 'blocked');
    expect(blocked.map((i) => i.id)).toEqual(READING_INSTANCES);
    for (const inv of blocked) {
      expect(inv.owner).toBeUndefined();
      expect(inv.reason).toBe('DescribeTask answered InternalError');
    }
    expect(report.invariants.filter((i) => i.status === 'passed').map((i) => i.id)).toEqual(
      CATALOGUE.map((i) => i.id).filter((id) => !READING_INSTANCES.includes(id)),
    );
    expect(report.summary).toMatchObject({
      total: TOTAL,
      checked: CHECKED,
      passed: CHECKED,
      failed: 0,
      blocked: READING_INSTANCES.length,
      skipped: 0,
    });
    // `ok` is "nothing failed": blocked invariants do not fail a run, the loud line below is what flags them.
    expect(report.ok).toBe(true);

    const printed = printReport(report, new Map());
    expect(printed).toContain(
      `Checked ${CHECKED} of ${TOTAL} invariants (${CHECKED} passed, 0 failed); 0 skipped, ${READING_INSTANCES.length} blocked`,
    );
    expect(printed).toMatch(/^TTI-01 BLOCKED: DescribeTask answered InternalError$/m);
    expect(printed).not.toContain('root cause');
    expect(incompleteVerdict(report)).toBe(
      `MOST INVARIANTS WERE NOT CHECKED: only ${CHECKED} of ${TOTAL} invariants were checked (0 skipped, ${READING_INSTANCES.length} blocked, reasons above); exit code 0 says nothing about the rest`,
    );
  });

  it('says less loudly when at least half was checked, and nothing when everything selected was', async () => {
    const refusing = refusingDescribeTask('InternalError');
    const some = await runConformance(options(refusing, { only: ['TTI-01', 'TTI-10', 'TTI-11'] }));
    expect(some.invariants.map((i) => i.status)).toEqual(['blocked', 'passed', 'passed']);
    expect(incompleteVerdict(some)).toBe(
      'only 2 of 3 invariants were checked (0 skipped, 1 blocked, reasons above); exit code 0 says nothing about the rest',
    );
    const all = await runConformance(options(refusing, { only: ['TTI-10', 'TTI-11'] }));
    expect(all.summary).toMatchObject({ total: 2, checked: 2 });
    expect(incompleteVerdict(all)).toBeUndefined();
  });
});
