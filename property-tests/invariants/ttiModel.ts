import fc from 'fast-check';
import { defineInvariant } from '../defineInvariant.ts';
import { modelCommands } from '../model/modelCommands.ts';

export const ttiModel = defineInvariant({
  id: 'TTI-MODEL',
  title:
    'Random interleavings of SubmitJob, time passing, TerminateTaskInstance (valid, repeated, malformed, unknown, named env) and DescribeTask agree with the model.',
  source: 'All of the above, driven by the transition table of spec/transitions.yaml.',
  requires: ['state'],
  arbitrary: (h, options) => modelCommands(h, options.commandsReplayPath),
  runsScale: 0.5,
  async run(h, commands) {
    await fc.asyncModelRun(() => ({ model: { jobs: [] }, real: h }), commands);
  },
});
