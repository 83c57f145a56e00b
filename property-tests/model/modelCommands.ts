import fc from 'fast-check';
import { malformedJobIdArb, wellFormedJobIdArb } from '../arbitraries/malformedJobIdArb.ts';
import type { BatchModel } from './BatchModel.ts';
import type { ModelReal } from './ModelReal.ts';
import { DescribeTaskCommand } from './DescribeTaskCommand.ts';
import { PassTimeCommand } from './PassTimeCommand.ts';
import { SubmitJobCommand } from './SubmitJobCommand.ts';
import { TerminateBadIdCommand } from './TerminateBadIdCommand.ts';
import { TerminateCommand } from './TerminateCommand.ts';
import type { Harness } from '../Harness.ts';
import { WIRE_FORMS } from '../coverage/WireForm.ts';

/** The commands of TTI-MODEL; named-environment jobs only when the run has a named environment. */
export function modelCommands(
  h: Harness,
  replayPath?: string,
): fc.Arbitrary<Iterable<fc.AsyncCommand<BatchModel, ModelReal>>> {
  const formArb = fc.constantFrom(...WIRE_FORMS);
  const envs = h.capabilities.has('named-env') ? (['anonymous', 'named'] as const) : (['anonymous'] as const);
  return fc.commands(
    [
      fc
        .record({
          env: fc.constantFrom(...envs),
          count: fc.integer({ min: 1, max: 3 }),
          command: fc.constantFrom('sleep 30', 'sleep 3600', 'true', 'exit 1', 'sleep 10; exit 2'),
          failedAction: fc.constantFrom('TERMINATE' as const, 'INTERRUPT' as const),
        })
        .map((r) => new SubmitJobCommand(r.env, r.count, r.command, r.failedAction)),
      fc.oneof(fc.constant('next-event' as const), fc.integer({ min: 1, max: 120 })).map((s) => new PassTimeCommand(s)),
      fc.tuple(fc.nat(5), fc.nat(5), formArb).map(([job, index, form]) => new TerminateCommand(job, index, form)),
      fc.oneof(
        fc.tuple(malformedJobIdArb, formArb).map(([v, form]) => new TerminateBadIdCommand('malformed', v, form)),
        fc.tuple(wellFormedJobIdArb, formArb).map(([v, form]) => new TerminateBadIdCommand('unknown-job', v, form)),
        fc
          .tuple(fc.constantFrom('unknown-task' as const, 'index-out-of-range' as const), formArb)
          .map(([k, form]) => new TerminateBadIdCommand(k, 'B', form)),
      ),
      fc.tuple(fc.nat(5), fc.boolean()).map(([job, settle]) => new DescribeTaskCommand(job, settle)),
    ],
    { maxCommands: 30, ...(replayPath === undefined ? {} : { replayPath }) },
  );
}
