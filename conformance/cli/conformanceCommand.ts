import { UsageError } from './UsageError.ts';
import { DEFAULT_RUNS, DEFAULT_TIME_BUDGET_MS, RUNNER_PROFILES } from '../runner/runnerProfiles.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../client/Deadlines.ts';

/** `5m`: a default duration as a flag takes it. */
const minutes = (ms: number): string => `${ms / 60_000}m`;
import type { SingleBar } from 'cli-progress';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { DocRevision } from '../../generated/transitions.ts';
import { createLogger } from '../logger.ts';
import type { ProgressEvent } from '../runner/ConformanceOptions.ts';
import { EXIT_PASS, EXIT_USAGE, EXIT_VIOLATIONS } from './exitCodes.ts';
import {
  docRevisionOption,
  parseDuration,
  parseDurationOrZero,
  parseNonNegativeInteger,
  parsePositiveInteger,
} from './parseOptions.ts';
import { resolveCredentials } from './resolveCredentials.ts';
import { writeReportFiles } from './writeReportFiles.ts';
import { readCaFile } from './tlsFlags.ts';
import type { InvariantId } from '../../property-tests/catalogue.ts';
import type { RunnerProfile } from '../../generated/reportTypes.ts';
import { DEFAULT_REGION, DEFAULT_ZONE } from '../../generated/regions.ts';

/** What the report names as the target of an in-process embedded run. */
const EMBEDDED_TARGET = 'embedded';

interface ConformanceFlags {
  target?: string;
  ca?: string;
  embedded?: boolean;
  http?: boolean;
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
  zone?: string;
  allowDestructive?: boolean;
  strict?: boolean;
  maxJobs?: number;
  maxInstances?: number;
  consistencyGrace?: number;
  namedEnv?: string;
  timeBudget?: number;
  requestTimeout?: number;
  concurrency?: number;
  ledger?: string;
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
      'Run the invariant catalogue against a target and report what holds, what does not, and what it covered',
    )
    .option(
      '--target <url>',
      'the implementation under test, e.g. http://127.0.0.1:4310 or https://batch.tencentcloudapi.com',
    )
    .option(
      '--ca <file>',
      "an https:// target: trust the CA certificate(s) in this PEM file instead of Node's own (e.g. the file `tbc emulator --tls` prints)",
    )
    .option(
      '--embedded',
      'test an emulator started in this process, called directly without sockets (what `npm run conformance` does)',
    )
    .option('--http', 'with --embedded: serve that emulator on a free 127.0.0.1 port and test it over HTTP')
    .addOption(
      new Option('--profile <profile>', 'what the run may do to the target')
        .choices(['auto', ...RUNNER_PROFILES])
        .default('auto'),
    )
    .addOption(docRevisionOption('documentation wording to check against'))
    .option(
      '--runs <n>',
      'runs per invariant (against an emulator or a mock, at least one per planned cell of its dimensions; live, --runs bounds them)',
      parsePositiveInteger,
      DEFAULT_RUNS,
    )
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
    .option(
      '--region <region>',
      `X-TC-Region to send (default: $TENCENTCLOUD_REGION; against an emulator or a mock, ${DEFAULT_REGION} when that is unset; a live target needs one)`,
    )
    .option(
      '--zone <zone>',
      `live-stateful: the zone of the jobs the run submits (SubmitJob Placement.Zone, a zone of --region where your account can create CVMs; default: ${DEFAULT_ZONE} in ${DEFAULT_REGION}, required in any other region)`,
    )
    .option('--allow-destructive', 'live-stateful: allow submitting and terminating jobs of the run')
    .option('--max-jobs <n>', 'live-stateful: at most this many jobs', parsePositiveInteger)
    .option(
      '--max-instances <n>',
      'live-stateful: at most this many instances (each a CVM) in all the jobs the run creates (default: 60); the shared jobs are sized from the invariants selected, and a run that needs more makes fewer runs',
      parsePositiveInteger,
    )
    .option(
      '--consistency-grace <duration>',
      'live profiles: how long a job the run just created may be "not found", and a read may lag a termination it just made, before the answer is taken at its word (default: 10s; 0 turns it off; against an emulator: 0)',
      parseDurationOrZero,
    )
    .option('--named-env <EnvId>', 'a named compute environment the run may submit to (TTI-06 on live targets)')
    .option(
      '--strict',
      "against a target that is not a tbc emulator, report a difference from one of tbc's decisions (spec/decisions.yaml) as a failure, not an observation",
    )
    .option(
      '--time-budget <duration>',
      `wall time the run may take, e.g. 90s, 15m (default: ${minutes(DEFAULT_TIME_BUDGET_MS.emulated)} for an emulator or a mock, ${minutes(DEFAULT_TIME_BUDGET_MS['live-safe'])} live-safe, ${minutes(DEFAULT_TIME_BUDGET_MS['live-stateful'])} live-stateful)`,
      parseDuration,
    )
    .option(
      '--request-timeout <duration>',
      `how long one call may take, the whole exchange; the headers, and each pause in the body, may take half of it (default: ${DEFAULT_REQUEST_TIMEOUT_MS / 1000}s). A target that lets it run out has stopped answering: the run stops`,
      parseDuration,
    )
    .option(
      '--ledger <file>',
      'live-stateful: the cleanup ledger of the jobs the run creates (default tbc-ledger-<seed>.jsonl); see tbc cleanup',
    )
    .option(
      '--concurrency <n>',
      'invariants checked at once, each on its own emulator tenant (default: CPUs, 2 to 8; live profiles: 1, the only value they accept)',
      parsePositiveInteger,
    )
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
    { incompleteVerdict, printReport, verdictLine },
    { toJunit },
    { cleanUpOnSignal },
    { createJobLedger, createdEntry },
    { describeLeftover, describePlan },
  ] = await Promise.all([
    import('../../property-tests/catalogue.ts'),
    import('cli-progress'),
    import('../emulator/createEmulator.ts'),
    import('../runner/runConformance.ts'),
    import('../runner/replayFile.ts'),
    import('../runner/printReport.ts'),
    import('../runner/toJunit.ts'),
    import('./cleanUpOnSignal.ts'),
    import('../runner/createJobLedger.ts'),
    import('../runner/describeResources.ts'),
  ]);
  const only = flags.only === undefined ? undefined : checkOnly(command, flags.only, INVARIANT_IDS);
  const log = createLogger('conformance');
  if ((flags.target === undefined) === (flags.embedded !== true))
    throw new UsageError('give exactly one of --target <url> and --embedded');
  if (flags.target !== undefined && !/^https?:\/\//i.test(flags.target)) {
    throw new UsageError(
      `--target needs a URL that starts with http:// or https://, e.g. http://127.0.0.1:4310 (got "${flags.target}")`,
    );
  }
  if ((flags.replay === undefined) !== (flags.id === undefined)) throw new UsageError('--replay and --id go together');
  const seed = flags.seed ?? Math.floor(Math.random() * 2 ** 31);
  const replay =
    flags.replay === undefined || flags.id === undefined ? undefined : await readReplay(flags.replay, flags.id);
  const credentials = resolveCredentials(flags, process.env);
  const region = flags.region ?? process.env['TENCENTCLOUD_REGION'];

  if (flags.http === true && flags.embedded !== true) throw new UsageError('--http goes with --embedded');
  // Why in process by default: the HTTP adapter has its own tests, and sockets only slow the catalogue down.
  const emulator = flags.embedded === true ? createEmulator({ clock: 'virtual', seed }) : undefined;
  const embedded = flags.http === true ? await emulator?.listen() : undefined;
  const inProcess = embedded === undefined ? emulator?.implementation : undefined;
  const url = embedded?.url ?? (inProcess === undefined ? (flags.target ?? '') : EMBEDDED_TARGET);
  if (emulator !== undefined) log.info(`embedded emulator ${embedded === undefined ? 'in process' : `on ${url}`}`);
  let bar: SingleBar | undefined;
  const onProgress = (event: ProgressEvent): void => {
    if (event.kind === 'start') {
      log.info(
        `profile ${event.profile}, doc revision ${replay?.docRevision ?? flags.docRevision}, seed ${seed}, ${event.invariants.length} invariants, ${event.concurrency} at a time`,
      );
      if (flags.progress && process.stderr.isTTY) {
        bar = new SingleBar({
          format: ' {bar} {value}/{total} invariants | {last}',
          stream: process.stderr,
          hideCursor: true,
        });
        bar.start(event.invariants.length, 0, { last: '' });
      }
    } else if (event.kind === 'plan') {
      log.info(describePlan(event.plan).join('\n'));
    } else if (bar !== undefined) {
      bar.increment({ last: `${event.id} ${event.status}` });
    } else {
      log.info(`${event.id} ${event.status}`);
    }
  };
  // A live-stateful run writes every job it is about to create to a ledger, and cleans up when interrupted.
  const stateful = flags.profile === 'live-stateful';
  const ledger = stateful
    ? createJobLedger(flags.ledger ?? `tbc-ledger-${seed}.jsonl`, { target: url, seed })
    : undefined;
  const controller = new AbortController();
  const clientOptions = {
    endpoint: url,
    credentials: credentials.value,
    ...(region === undefined ? {} : { region }),
  };
  const release = ledger === undefined ? undefined : cleanUpOnSignal(ledger, controller, clientOptions, log);
  if (ledger !== undefined)
    log.info(`jobs this run creates are listed in ${ledger.path} (tbc cleanup --ledger ${ledger.path})`);
  try {
    const report = await runConformance({
      url,
      ...(inProcess === undefined ? {} : { implementation: inProcess }),
      ...(flags.ca === undefined ? {} : { ca: readCaFile(flags.ca, '--ca') }),
      credentials: credentials.value,
      credentialsAreExample: credentials.example,
      ...(region === undefined ? {} : { region }),
      ...(flags.zone === undefined ? {} : { zone: flags.zone }),
      profile: flags.profile,
      docRevision: (replay?.docRevision as DocRevision | undefined) ?? flags.docRevision,
      runs: flags.runs,
      seed,
      ...(only === undefined ? {} : { only }),
      ...(flags.shard === undefined ? {} : { shard: flags.shard }),
      ...(replay === undefined ? {} : { replay }),
      allowDestructive: flags.allowDestructive === true,
      strict: flags.strict === true,
      ...(flags.maxJobs === undefined ? {} : { maxJobs: flags.maxJobs }),
      ...(flags.maxInstances === undefined ? {} : { maxInstances: flags.maxInstances }),
      ...(flags.consistencyGrace === undefined ? {} : { consistencyGraceMs: flags.consistencyGrace }),
      ...(flags.namedEnv === undefined ? {} : { namedEnvId: flags.namedEnv }),
      ...(flags.timeBudget === undefined ? {} : { timeBudgetMs: flags.timeBudget }),
      ...(flags.requestTimeout === undefined ? {} : { requestTimeoutMs: flags.requestTimeout }),
      ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }),
      ...(ledger === undefined ? {} : { ledger }),
      signal: controller.signal,
      onProgress,
    });
    bar?.stop();
    const replayFiles = await writeReplayFiles(report, flags.replayDir);
    await writeReportFiles(flags, report, toJunit);
    log.info(printReport(report, replayFiles));
    if (report.stopped !== undefined) log.error(`the run stopped: the target stopped answering (${report.stopped})`);
    for (const leftover of report.leftovers ?? []) {
      const entry =
        ledger === undefined ? undefined : { path: ledger.path, entry: createdEntry(ledger.path, leftover.jobId) };
      log.error(describeLeftover(leftover, entry).join('\n'));
    }
    const incomplete = incompleteVerdict(report);
    if (incomplete !== undefined) log.warn(incomplete);
    // A run that checked nothing says nothing about the target: never a pass, and not "violations found" either.
    const exitCode = (report.summary?.checked ?? 0) === 0 ? EXIT_USAGE : report.ok ? EXIT_PASS : EXIT_VIOLATIONS;
    const written = [flags.json, flags.junit].filter((file): file is string => file !== undefined);
    // The last line, what a reader of a CI log looks for.
    log.info(verdictLine(report, { exitCode, written, replayDir: replayFiles.size > 0 ? flags.replayDir : undefined }));
    return exitCode;
  } finally {
    release?.();
    bar?.stop();
    await embedded?.close();
  }
}
