import { UsageError } from './UsageError.ts';
import type { Command } from 'commander';
import { createLogger } from '../logger.ts';
import { EXIT_PASS, EXIT_USAGE } from './exitCodes.ts';
import { resolveCredentials } from './resolveCredentials.ts';

interface CleanupFlags {
  ledger: string;
  target?: string;
  secretId?: string;
  secretKey?: string;
  token?: string;
  region?: string;
}

export function registerCleanupCommand(program: Command): void {
  program
    .command('cleanup')
    .description(
      'Terminate the jobs an interrupted or crashed live-stateful run left behind: exactly those its ledger lists, no others (exit 0 all gone, 2 some could not be terminated)',
    )
    .requiredOption(
      '--ledger <file>',
      'the ledger of the run (tbc conformance --ledger; default tbc-ledger-<seed>.jsonl)',
    )
    .option('--target <url>', "the endpoint (default: the ledger's own)")
    .option('--secret-id <id>', 'SecretId (default: TENCENTCLOUD_SECRET_ID)')
    .option('--secret-key <key>', 'SecretKey (default: TENCENTCLOUD_SECRET_KEY)')
    .option('--token <token>', 'session token (default: TENCENTCLOUD_SESSION_TOKEN)')
    .option('--region <region>', 'X-TC-Region to send')
    .action(async (flags: CleanupFlags) => {
      process.exitCode = await runCleanup(flags);
    });
}

async function runCleanup(flags: CleanupFlags): Promise<number> {
  // Loaded here, not at the top: `tbc --help` should not pay for the client.
  const [{ createApiClient }, { createJobLedger, createdEntry, readLedger }, { explainTermination, terminateJobs }] =
    await Promise.all([
      import('../client/createApiClient.ts'),
      import('../runner/createJobLedger.ts'),
      import('../runner/terminateJobs.ts'),
    ]);
  const log = createLogger('cleanup');
  const { target: ledgerTarget, open, unanswered, torn } = readLedger(flags.ledger);
  const endpoint = flags.target ?? ledgerTarget;
  if (endpoint === undefined) throw new UsageError(`${flags.ledger} names no target; give --target`);
  if (torn > 0) log.warn(`${torn} line(s) of ${flags.ledger} were cut short by a crash and are skipped`);
  if (unanswered.length > 0) {
    log.warn(
      `${unanswered.length} SubmitJob call(s) never got an answer (${unanswered.join(', ')}): if they created jobs, their ids are unknown; look for jobs with that name`,
    );
  }
  if (open.length === 0) {
    log.info(`nothing to clean up: every job in ${flags.ledger} is already terminated`);
    return EXIT_PASS;
  }
  const credentials = resolveCredentials(flags, process.env).value;
  const client = createApiClient({
    endpoint,
    credentials,
    pacing: {},
    ...(flags.region === undefined ? {} : { region: flags.region }),
  });
  // The ledger keeps recording: a second cleanup only retries what this one could not finish.
  const ledger = createJobLedger(flags.ledger, { target: endpoint, seed: 0 });
  const results = await terminateJobs(client, open, {
    onDone: (t) => {
      log.info(`${t.jobId}: ${t.outcome}`);
      if (t.done) ledger.terminated(t.jobId, t.outcome);
    },
  });
  const left = results.filter((r) => !r.done);
  if (left.length > 0) {
    // Which jobs, and why each: what the user has to do differs (wait, try again, or end it in the console).
    const lines = left.map((r) => {
      const entry = createdEntry(flags.ledger, r.jobId);
      const what =
        entry?.instances === undefined
          ? ''
          : ` (${entry.env ?? 'anonymous'} environment, ${entry.instances} instances)`;
      return `  ${r.jobId}${what}: ${explainTermination(r.outcome)}`;
    });
    log.error(
      [`could not terminate ${left.length} of ${results.length} job(s) listed in ${flags.ledger}:`, ...lines].join(
        '\n',
      ),
    );
    return EXIT_USAGE;
  }
  log.info(`terminated ${results.length} job(s) listed in ${flags.ledger}`);
  return EXIT_PASS;
}
