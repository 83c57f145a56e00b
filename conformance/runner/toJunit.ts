import type { Report } from '../../generated/reportTypes.ts';
import junitReportBuilder, { type Builder } from 'junit-report-builder';
import { cellName, describeDimensions, unobservedCells } from './describeCells.ts';

// Why the cast: the package is CommonJS (`module.exports = builder`) but its typings declare an ES default export,
// so under NodeNext TypeScript sees a namespace where Node gives the builder itself.
const junit = junitReportBuilder as unknown as Builder;

/**
 * The report as JUnit XML (the Ant/Jenkins dialect every CI reads): one test suite, one test case per invariant,
 * `failure` with the violation, its provenance and replay command; `skipped` with the reason (a blocked invariant is
 * a skipped case with the property `blocked`); observations of kit decisions as properties and system-out.
 */
export function toJunit(report: Report): string {
  const builder = junit.newBuilder();
  const suite = builder
    .testSuite()
    .name(`tbc conformance ${report.target} (${report.profile}, ${report.docRevision})`)
    .timestamp(new Date())
    .time(report.durationMs / 1000)
    .property('seed', String(report.seed))
    .property('profile', report.profile)
    .property('docRevision', report.docRevision)
    .property('shards', report.shards.join(','))
    .property('strict', String(report.strict ?? true));
  for (const inv of report.invariants) {
    const testCase = suite
      .testCase()
      .className(`tbc.conformance.${inv.id}`)
      .name(`${inv.id} ${inv.title}`)
      .time(inv.durationMs / 1000);
    if (inv.cells !== undefined) {
      const planned = inv.cells.cells.filter((c) => c.planned);
      const missing = unobservedCells(inv.cells);
      testCase
        .property('cells.dimensions', describeDimensions(inv.cells))
        .property('cells.observed', `${planned.length - missing.length}/${planned.length}`)
        .property('cells.runs', `${inv.cells.coverageRuns} cover, ${inv.cells.randomRuns} explore`);
      missing.forEach((c, i) =>
        testCase.property(
          `cells.notObserved.${i + 1}`,
          `${cellName(c)}: ${c.notObserved?.[0] ?? 'no reason recorded'}`,
        ),
      );
    }
    const observations = inv.observations ?? [];
    observations.forEach((o, i) =>
      testCase.property(`observation.${i + 1}`, `${o.decision} ×${o.count}: ${o.message}`),
    );
    const observed = observations.length === 0 ? '' : `\n${observations.map((o) => o.message).join('\n')}`;
    if (inv.status === 'failed') {
      testCase.failure(inv.reason ?? 'violated', inv.id);
      const replay =
        inv.replay === undefined
          ? ''
          : `\nreplay: tbc conformance --target ${report.target} --replay <file> --id ${inv.id} (seed ${inv.replay.seed}, path ${inv.replay.path})`;
      const provenance =
        inv.provenance === undefined
          ? inv.source
          : `expectation ${inv.provenance.expectation}: ${inv.provenance.statement}\nprovenance: ${inv.provenance.kind} ${inv.provenance.quote ?? inv.provenance.cite ?? inv.provenance.decision ?? ''}`;
      if (inv.provenance !== undefined) testCase.property('provenance', inv.provenance.kind);
      testCase.stacktrace(`${provenance}\ncounterexample: ${inv.counterexample?.text ?? ''}${replay}${observed}`);
    } else if (inv.status === 'skipped') {
      testCase.skipped().standardOutput(inv.reason ?? 'skipped');
    } else if (inv.status === 'blocked') {
      // JUnit has no "blocked": a skipped case whose output says why and whose failure it is.
      testCase
        .skipped()
        .property('blocked', 'true')
        .standardOutput(
          `blocked: ${inv.reason ?? ''}${inv.owner === undefined ? '' : ` (the root cause is ${inv.owner}'s to report)`}`,
        );
    } else {
      const notObserved =
        inv.notObserved === undefined ? '' : `not observable on this target: ${inv.notObserved.join('; ')}`;
      const output = `${notObserved}${observed}`.trim();
      if (output !== '') testCase.standardOutput(output);
    }
  }
  return builder.build();
}
