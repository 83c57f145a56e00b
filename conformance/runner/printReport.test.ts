import { describe, expect, it } from 'vitest';
import { createEmulator } from '../emulator/createEmulator.ts';
import { localRunOptions } from '../test-only/localRunOptions.ts';
import { printReport } from './printReport.ts';
import { runConformance } from './runConformance.ts';

describe('printReport', () => {
  // A reason may quote whatever a target sent, or list what hundreds of runs met. The table wraps words in time that
  // grows with the square of a cell's length: uncut, this cell kept the CLI busy for minutes after the run had ended.
  it('cuts a huge detail in the console table and says where the whole text is', async () => {
    const { implementation } = createEmulator({ clock: 'virtual', seed: 1 });
    const report = await runConformance(
      localRunOptions({ url: 'http://print.test', implementation }, { runs: 1, seed: 1, only: ['TTI-11'] }),
    );
    const reason = `no run could be observed: ${'DescribeJob proved no candidate unknown (job-abcdefgh: Success); then '.repeat(6_000)}`;
    const huge = {
      ...report,
      invariants: report.invariants.map((i) => ({ ...i, status: 'skipped' as const, reason })),
    };
    const printed = printReport(huge, new Map());
    expect(printed).toContain(`more characters in the JSON report)`);
    expect(printed.length).toBeLessThan(20_000);
  });
});
