import fc from 'fast-check';
import { defineInvariant } from '../defineInvariant.ts';
import { modelCommands } from '../model/modelCommands.ts';
import { DescribeTaskCommand } from '../model/DescribeTaskCommand.ts';
import { SubmitJobCommand } from '../model/SubmitJobCommand.ts';
import { LONG_SLEEP } from '../Workload.ts';
import type { BatchModel } from '../model/BatchModel.ts';
import type { ModelExpectationKey } from '../model/ModelReal.ts';
import type { ExpectationSpec } from '../defineInvariant.ts';
import { WIRE_FORMS } from '../coverage/WireForm.ts';
import { openingCommands } from '../model/openingCommands.ts';
import { ENV_KINDS } from '../../generated/transitions.ts';
import { reference, seed } from '../Provenance.ts';

const EXPECTATIONS: Record<ModelExpectationKey, ExpectationSpec> = {
  answer: {
    statement: 'A terminate call answers what the transition-table rule for the instance’s env and state says.',
    // Each check names the deciding rule's own provenance (spec/transitions.yaml `from`).
    provenance: seed("For task instances with state SUCCEED or FAILED, Batch doesn't process them."),
  },
  failedEndsFailed: {
    statement: 'An instance whose termination was accepted ends FAILED once nothing is left to happen.',
    provenance: seed(
      'For task instances with state SUBMITTED, PENDING or RUNNABLE, Batch sets them to the FAILED state.',
    ),
  },
  neverSucceed: {
    statement: 'An instance whose termination was accepted is never SUCCEED.',
    provenance: seed(
      'For task instances with state STARTING, RUNNING or FAILED_INTERRUPTED, Batch terminates the CVM first and then sets them to the FAILED state, which is time-consuming.',
    ),
  },
  finalStays: {
    statement: 'A final state (SUCCEED, FAILED) never changes.',
    provenance: reference('reference §2.6', '"Final" (DeleteJob wording): only SUCCEED and FAILED.'),
  },
  listing: {
    statement: 'DescribeTask lists every instance of the submitted task.',
    provenance: reference('reference §2.3', 'TaskInstanceTotalCount Integer (total, not page size)'),
  },
};

export const ttiModel = defineInvariant({
  id: 'TTI-MODEL',
  title:
    'Random interleavings of SubmitJob, time passing, TerminateTaskInstance (valid, repeated, malformed, unknown, named env) and DescribeTask agree with the model.',
  source: 'All of the above, driven by the transition table of spec/transitions.yaml.',
  requires: ['state'],
  expectations: EXPECTATIONS,
  // Every wire form in every environment the run has, each with the same opening (openingCommands).
  cells: (h) => [{ form: WIRE_FORMS, env: h.capabilities.has('named-env') ? ENV_KINDS : (['anonymous'] as const) }],
  arbitrary: (h, options) => fc.record({ commands: modelCommands(h, options.commandsReplayPath) }),
  runsScale: 0.5,
  async run(h, { form, env, commands }, expect) {
    const model: BatchModel = { jobs: [] };
    const real = { h, expect };
    // Every run starts with one job of two long-running instances: a drawn sequence without a SubmitJob (most short
    // ones) would otherwise skip every command that needs a job, and check nothing.
    await new SubmitJobCommand('anonymous', 2, LONG_SLEEP, 'TERMINATE').run(model, real);
    for (const command of openingCommands(form, env)) if (command.check(model)) await command.run(model, real);
    await fc.asyncModelRun(() => ({ model, real }), commands);
    // Every run ends by letting time run out and reading each job once more: a run whose commands happened to read
    // nothing would otherwise end unobserved.
    for (let job = 0; job < model.jobs.length; job++) await new DescribeTaskCommand(job, true).run(model, real);
  },
});
