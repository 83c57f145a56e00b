import { RUNNER_PROFILES } from '../runner/runnerProfiles.ts';
import type { SingleBar } from 'cli-progress';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { DocRevision } from '../../generated/transitions.ts';
import { TbcError } from '../TbcError.ts';
import { createLogger } from '../logger.ts';
import type { ProgressEvent } from '../runner/runConformance.ts';
import { EXIT_PASS, EXIT_VIOLATIONS } from './exitCodes.ts';
import { docRevisionOption, parseNonNegativeInteger, parsePositiveInteger } from './parseOptions.ts';
import { resolveCredentials } from './resolveCredentials.ts';
import { writeReportFiles } from './writeReportFiles.ts';
import type { RunnerProfile } from '../../generated/reportTypes.ts';
import type { InvariantId } from '../../property-tests/catalogue.ts';

interface ConformanceFlags {
  target?: string;
  embedded?: boolean;
  profile: RunnerProfile | 'auto';
  docRevision: DocRevision;
  runs: number;
  seed?: number;
  /** Checked against the catalogue in the action, which loads it (see runConformanceCommand). */
  only?: string[];
  json?: string;
  junit?: string;
  replay?: string;
  id?: string;
  shard?: { index: number; count: number };
  replayDir: string;
  secretId?: string;
  secretKey?: string;
  token?: string;
  region?: string;
  allowDestructive?: boolean;
  maxJobs?: number;
  namedEnv?: string;
  progress: boolean;
}

function parseOnly(value: string): string[] {
  return value.split(',').map((s) => s.trim().toUpperCase());
}

/**
 * `--only` checked against the catalogue, which only the action loads (so `tbc --help` does not): an unknown id is
 * the usage error (exit 2) commander gives for a bad flag value, worded as it was when the parser checked it.
 */
function checkOnly(command: Command, ids: readonly string[], known: readonly InvariantId[]): InvariantId[] {
  const unknown = ids.filter((id) => !(known as readonly string[]).includes(id));
  if (unknown.length > 0) {
    command.error(
      `error: option '--only <ids>' argument '${ids.join(',')}' is invalid. unknown invariant ${unknown.join(', ')}; ids are ${known.join(', ')}.`,
      { code: 'commander.invalidArgument' },
    );
  }
  return ids as InvariantId[];
}

function parseShard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || index < 1 || count < 1 || index > count)
    throw new InvalidArgumentError('expected i/n with 1 <= i <= n, e.g. 2/4.');
  return { index, count };
}

export function registerConformanceCommand(program: Command): void {
  program
    .command('conformance')
    .description(
      'Run the invariant catalogue against a target and report (exit 0 pass, 1 violations, 2 usage/setup error)',
    )
    .option(
      '--target <url>',
      'the implementation under test, e.g. http://127.0.0.1:4310 or https://batch.tencentcloudapi.com',
    )
    .option(
      '--embedded',
      'start the emulator in this process on a free port and test it (what `npm run conformance` does)',
    )
    .addOption(
      new Option('--profile <profile>', 'what the run may do to the target')
        .choices(['auto', ...RUNNER_PROFILES])
        .default('auto'),
    )
    .addOption(docRevisionOption('documentation wording to check against'))
    .option('--runs <n>', 'fast-check runs per invariant', parsePositiveInteger, 25)
    .option('--seed <n>', 'seed (default: random, printed)', parseNonNegativeInteger)
    .option('--only <ids>', 'comma-separated invariant ids, e.g. TTI-01,TTI-07', parseOnly)
    .option('--json <file>', 'write the JSON report')
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--replay <file>', 'rerun one recorded failure (a replay file or a JSON report); needs --id')
    .option('--id <id>', 'the invariant to replay')
    .option('--shard <i/n>', 'run shard i of n (merge the JSON reports with `tbc report merge`)', parseShard)
    .option('--replay-dir <dir>', 'where replay files of failures go', 'tbc-replays')
    .option(
      '--secret-id <id>',
      'SecretId (default: TENCENTCLOUD_SECRET_ID, or the example key for an emulator or mock)',
    )
    .option('--secret-key <key>', 'SecretKey (default: TENCENTCLOUD_SECRET_KEY)')
    .option('--token <token>', 'session token (default: TENCENTCLOUD_SESSION_TOKEN)')
    .option('--region <region>', 'X-TC-Region to send')
    .option('--allow-destructive', 'live-stateful: allow submitting and terminating jobs of the run')
    .option('--max-jobs <n>', 'live-stateful: at most this many jobs', parsePositiveInteger)
    .option('--named-env <EnvId>', 'a named compute environment the run may submit to (TTI-06 on live targets)')
    .option('--no-progress', 'no progress bar (one line per invariant instead)')
    .action(async (flags: ConformanceFlags, command: Command) => {
      process.exitCode = await runConformanceCommand(flags, command);
    });
}

async function runConformanceCommand(flags: ConformanceFlags, command: Command): Promise<number> {
  // Loaded here, not at the top: `tbc --help` should not pay for the catalogue, the runner and the emulator.
  const [
    { INVARIANT_IDS },
    { SingleBar },
    { createEmulator },
    { runConformance },
    { readReplay, writeReplayFiles },
    { printReport },
    { toJunit },
  ] = await Promise.all([
    import('../../property-tests/catalogue.ts'),
    import('cli-progress'),
    import('../emulator/createEmulator.ts'),
    import('../runner/runConformance.ts'),
    import('../runner/replayFile.ts'),
    import('../runner/printReport.ts'),
    import('../runner/toJunit.ts'),
  ]);
  const only = flags.only === undefined ? undefined : checkOnly(command, flags.only, INVARIANT_IDS);
  const log = createLogger('conformance');
  if ((flags.target === undefined) === (flags.embedded !== true))
    throw new TbcError('give exactly one of --target <url> and --embedded');
  if ((flags.replay === undefined) !== (flags.id === undefined)) throw new TbcError('--replay and --id go together');
  const seed = flags.seed ?? Math.floor(Math.random() * 2 ** 31);
  const replay =
    flags.replay === undefined || flags.id === undefined ? undefined : await readReplay(flags.replay, flags.id);
  const credentials = resolveCredentials(flags, process.env);

  const embedded = flags.embedded === true ? await createEmulator({ clock: 'virtual', seed }).listen() : undefined;
  const url = embedded?.url ?? flags.target ?? '';
  if (embedded !== undefined) log.info(`embedded emulator on ${embedded.url}`);
  let bar: SingleBar | undefined;
  const onProgress = (event: ProgressEvent): void => {
    if (event.kind === 'start') {
      log.info(
        `profile ${event.profile}, doc revision ${replay?.docRevision ?? flags.docRevision}, seed ${seed}, ${event.invariants.length} invariants`,
      );
      if (flags.progress && process.stderr.isTTY) {
        bar = new SingleBar({
          format: ' {bar} {value}/{total} invariants | {last}',
          stream: process.stderr,
          hideCursor: true,
        });
        bar.start(event.invariants.length, 0, { last: '' });
      }
    } else if (bar !== undefined) {
      bar.increment({ last: `${event.id} ${event.status}` });
    } else {
      log.info(`${event.id} ${event.status}`);
    }
  };
  try {
    const report = await runConformance({
      url,
      credentials: credentials.value,
      credentialsAreExample: credentials.example,
      ...(flags.region === undefined ? {} : { region: flags.region }),
      profile: flags.profile,
      docRevision: (replay?.docRevision as DocRevision | undefined) ?? flags.docRevision,
      runs: flags.runs,
      seed,
      ...(only === undefined ? {} : { only }),
      ...(flags.shard === undefined ? {} : { shard: flags.shard }),
      ...(replay === undefined ? {} : { replay }),
      allowDestructive: flags.allowDestructive === true,
      ...(flags.maxJobs === undefined ? {} : { maxJobs: flags.maxJobs }),
      ...(flags.namedEnv === undefined ? {} : { namedEnvId: flags.namedEnv }),
      onProgress,
    });
    bar?.stop();
    const replayFiles = await writeReplayFiles(report, flags.replayDir);
    await writeReportFiles(flags, report, toJunit);
    log.info(`\n${printReport(report, replayFiles)}`);
    return report.ok ? EXIT_PASS : EXIT_VIOLATIONS;
  } finally {
    bar?.stop();
    await embedded?.close();
  }
}
