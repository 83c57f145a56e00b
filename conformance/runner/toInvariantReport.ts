import type { BrokenExpectation, InvariantReport, ObservationReport } from '../../generated/reportTypes.ts';
import type { Expectation } from '../../property-tests/Expectation.ts';
import type { Observation } from '../../property-tests/Harness.ts';
import type { Invariant, InvariantResult } from '../../property-tests/Invariant.ts';

/** The report's form of a broken expectation: which one, and where it comes from. */
export function brokenExpectation(expectation: Expectation): BrokenExpectation {
  const p = expectation.provenance;
  const base = { expectation: expectation.id, statement: expectation.statement, kind: p.kind };
  switch (p.kind) {
    case 'seed':
      return { ...base, quote: p.quote };
    case 'reference':
      return { ...base, cite: p.cite, ...(p.quote === undefined ? {} : { quote: p.quote }) };
    case 'decision':
      return { ...base, decision: p.decision };
  }
}

/** How an observation's message begins in reports (JSON, JUnit), where it stands alone. */
export function differsFrom(decision: string): string {
  return `this target differs from tbc's assumption ${decision}: `;
}

export function observationReport(observation: Observation): ObservationReport {
  const p = observation.expectation.provenance;
  return {
    expectation: observation.expectation.id,
    statement: observation.expectation.statement,
    decision: p.kind === 'decision' ? p.decision : '',
    message: `${differsFrom(p.kind === 'decision' ? p.decision : '')}${observation.message}`,
    count: observation.count,
    exchanges: observation.exchanges,
  };
}

/** One invariant's result as report data; the replay data of a failure comes from the run that made it. */
export function toInvariantReport(
  invariant: Pick<Invariant, 'id' | 'title' | 'source'>,
  result: InvariantResult,
  durationMs: number,
  replay: { docRevision: string; numRuns: number },
): InvariantReport {
  const base = { id: invariant.id, title: invariant.title, source: invariant.source, durationMs };
  const observations =
    result.status === 'skipped' || result.observations.length === 0
      ? {}
      : { observations: result.observations.map(observationReport) };
  const cells = result.cells === undefined ? {} : { cells: result.cells };
  switch (result.status) {
    case 'passed':
      return {
        ...base,
        status: 'passed',
        runs: result.runs,
        requests: result.requests,
        ...(result.notObserved.length > 0 ? { notObserved: result.notObserved } : {}),
        ...observations,
        ...cells,
      };
    case 'skipped':
      return { ...base, status: 'skipped', reason: result.reason, requests: result.requests, ...cells };
    case 'blocked':
      return {
        ...base,
        status: 'blocked',
        reason: result.reason,
        ...(result.owner === undefined ? {} : { owner: result.owner }),
        requests: result.requests,
        ...observations,
        ...cells,
      };
    case 'failed': {
      const { finding } = result;
      const { evidence } = finding;
      return {
        ...base,
        status: 'failed',
        reason: finding.message,
        provenance: brokenExpectation(finding.expectation),
        runs: result.runs,
        requests: result.requests,
        counterexample: {
          input: evidence.counterexample,
          text: evidence.counterexampleText,
          exchanges: evidence.exchanges,
          notes: evidence.notes,
          reproduced: evidence.reproduced,
        },
        replay: {
          id: invariant.id,
          docRevision: replay.docRevision,
          seed: evidence.seed,
          path: evidence.path,
          numRuns: replay.numRuns,
          ...(evidence.commandsReplayPath === undefined ? {} : { commandsReplayPath: evidence.commandsReplayPath }),
          ...(evidence.cell === undefined ? {} : { cell: evidence.cell }),
        },
        ...observations,
        ...cells,
      };
    }
  }
}
