import fc from 'fast-check';
import { TASK_INSTANCE_STATES } from '../../generated/transitions.ts';
import { defineInvariant } from '../defineInvariant.ts';
import {
  cvmPhases,
  expectedTermination,
  expectLikeTwin,
  expectOutcome,
  terminate,
  underRule,
} from '../expectations.ts';
import { describeRef, member } from '../InstanceRef.ts';
import { seed } from '../Provenance.ts';
import { reachState, settle } from '../reachState.ts';

const SENTENCE =
  'This API only supports jobs submitted to an anonymous compute environment (where ComputeEnv but not EnvId is specified for SubmitJob). For jobs submitted to a named compute environment (where EnvId but not ComputeEnv is specified for SubmitJob), the TerminateTaskInstance and TerminateJob operations are not supported.';

export const tti06 = defineInvariant({
  id: 'TTI-06',
  title:
    'Named compute env (EnvId): UnsupportedOperation.TerminateOperationWithEnvId and nothing changes (doc revision seed; under current: FAILED and the CVM restarted).',
  source: SENTENCE,
  requires: ['state', 'named-env'],
  // The provenance of each check is the transition-table rule that decides it (seed under `seed`, the reference's
  // account of today's docs under `current`); the declared one is the default revision's.
  expectations: {
    answer: { statement: "The call answers what the doc revision's rule says.", provenance: seed(SENTENCE) },
    unchanged: {
      statement: 'A rejected (or no-op) call changes nothing: the instance evolves like its twin.',
      provenance: seed(SENTENCE),
    },
    failed: { statement: 'Where the rule fails the instance, it ends FAILED.', provenance: seed(SENTENCE) },
    restarted: {
      statement: 'Where the rule restarts the node, it is restarted and kept (emulator snapshot).',
      provenance: seed(SENTENCE),
    },
  },
  arbitrary: () => fc.constantFrom(...TASK_INSTANCE_STATES),
  async run(h, state, expect) {
    const refs = await reachState(h, { state, env: 'named', count: 2 });
    if (refs === undefined) {
      h.skipRun(`a named-environment instance could not be caught in ${state}`);
      return;
    }
    const touched = member(refs[0].task, 0);
    const twin = member(refs[0].task, 1);
    // A named environment's node exists before the instance, so the table's CVM phase is `running` once started.
    const started = state === 'STARTING' || state === 'RUNNING' || state === 'FAILED_INTERRUPTED';
    const expected = expectedTermination(h, 'named', state, started ? 'running' : 'none');
    const rule = (e: (typeof expect)[keyof typeof expect]) => underRule(e, h.docRevision, expected.rule);
    expectOutcome(
      h,
      rule(expect.answer),
      await terminate(h, touched),
      [expected.response],
      `terminating a ${state} instance of a named environment`,
    );
    if (expected.effect.instance === 'unchanged') {
      await expectLikeTwin(
        h,
        rule(expect.unchanged),
        touched,
        twin,
        `a rejected or no-op termination (${expected.rule}) changed the instance`,
      );
      return;
    }
    const [end] = await settle(h, [touched]);
    h.check(
      rule(expect.failed),
      end === 'FAILED',
      `${describeRef(touched)} ended ${String(end)}, not FAILED (${expected.rule})`,
    );
    if (expected.effect.cvm !== 'restarted') return;
    if (!h.capabilities.has('control')) {
      h.cannotObserve('that the CVM is restarted');
      return;
    }
    const phases = await cvmPhases(h, touched);
    h.check(
      rule(expect.restarted),
      phases.includes('restarting') && !phases.includes('terminated') && phases.at(-1) === 'running',
      `the node of ${describeRef(touched)} went ${phases.join(' → ')}: not restarted (${expected.rule})`,
    );
  },
});
