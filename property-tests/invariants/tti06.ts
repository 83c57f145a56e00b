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
import { decision } from '../Provenance.ts';
import { reachState, settle } from '../reachState.ts';
import { NAMED_ENV_SENTENCE } from './namedEnvSentence.ts';
import { WIRE_FORMS } from '../coverage/WireForm.ts';

// The seed's paragraph: the anonymous-only sentence, then the one TTI-18 quotes too.
const SENTENCE = `This API only supports jobs submitted to an anonymous compute environment (where ComputeEnv but not EnvId is specified for SubmitJob). ${NAMED_ENV_SENTENCE}`;

export const tti06 = defineInvariant({
  id: 'TTI-06',
  title:
    'Named compute env (EnvId): UnsupportedOperation.TerminateOperationWithEnvId and nothing changes (doc revision seed; under current: FAILED and the CVM restarted).',
  source: SENTENCE,
  requires: ['state', 'named-env'],
  // The seed and today's docs disagree here: which one a target is held to is decision D-05 (`--doc-revision`), so
  // every check's provenance is that decision wherever the revisions differ, else the deciding rule's own.
  expectations: {
    answer: { statement: "The call answers what the doc revision's rule says.", provenance: decision('D-05') },
    unchanged: {
      statement: 'A rejected (or no-op) call changes nothing: the instance evolves like its twin.',
      provenance: decision('D-05'),
    },
    failed: { statement: 'Where the rule fails the instance, it ends FAILED.', provenance: decision('D-05') },
    restarted: {
      statement: 'Where the rule restarts the node, it is restarted and kept (emulator snapshot).',
      provenance: decision('D-05'),
    },
  },
  cells: () => [{ state: TASK_INSTANCE_STATES, form: WIRE_FORMS }],
  async run(h, { state, form }, expect) {
    const refs = await reachState(h, { state, env: 'named', count: 2 });
    if (refs === undefined) {
      h.skipRun(`a named-environment instance could not be caught in ${state}`);
      return;
    }
    const touched = member(refs[0].task, 0);
    const twin = member(refs[0].task, 1);
    // A named environment's node exists before the instance, so the table's CVM phase is `running` once started.
    const started = state === 'STARTING' || state === 'RUNNING' || state === 'FAILED_INTERRUPTED';
    const cell = { env: 'named' as const, state, cvm: started ? ('running' as const) : ('none' as const) };
    const expected = expectedTermination(h, cell.env, cell.state, cell.cvm);
    const rule = (e: (typeof expect)[keyof typeof expect]) => underRule(e, h.docRevision, expected.rule, cell);
    expectOutcome(
      h,
      rule(expect.answer),
      await terminate(h, touched, form),
      [expected.response],
      `terminating a ${state} instance of a named environment (${form.label})`,
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
