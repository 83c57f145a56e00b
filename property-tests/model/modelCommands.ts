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

/** The commands of TTI-MODEL; named-environment jobs only when the run has a named environment. */
export function modelCommands(
  h: Harness,
  replayPath?: string,
): fc.Arbitrary<Iterable<fc.AsyncCommand<BatchModel, ModelReal>>> {
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
      fc.tuple(fc.nat(5), fc.nat(5)).map(([job, index]) => new TerminateCommand(job, index)),
      fc.oneof(
        malformedJobIdArb.map((v) => new TerminateBadIdCommand('malformed', v)),
        wellFormedJobIdArb.map((v) => new TerminateBadIdCommand('unknown-job', v)),
        fc
          .constantFrom('unknown-task' as const, 'index-out-of-range' as const)
          .map((k) => new TerminateBadIdCommand(k, 'B')),
      ),
      fc.tuple(fc.nat(5), fc.boolean()).map(([job, settle]) => new DescribeTaskCommand(job, settle)),
    ],
    { maxCommands: 30, ...(replayPath === undefined ? {} : { replayPath }) },
  );
}
