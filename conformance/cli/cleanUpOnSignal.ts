import { createApiClient, type ApiClientOptions } from '../client/createApiClient.ts';
import type { Logger } from '../logger.ts';
import { readLedger, type JobLedger } from '../runner/createJobLedger.ts';
import { terminateJobs } from '../runner/terminateJobs.ts';
import { EXIT_USAGE } from './exitCodes.ts';

/**
 * A live-stateful run interrupted by SIGINT or SIGTERM stops submitting (the signal), terminates every job its ledger
 * lists, and exits 2: an interrupted run is no verdict. Returns a function that removes the handlers.
 */
export function cleanUpOnSignal(
  ledger: JobLedger,
  controller: AbortController,
  clientOptions: Omit<ApiClientOptions, 'pacing'>,
  log: Logger,
): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    controller.abort();
    void (async () => {
      await ledger.settled();
      const { open } = readLedger(ledger.path);
      log.warn(`${signal}: stopping; terminating the ${open.length} job(s) of this run listed in ${ledger.path}`);
      const results = await terminateJobs(createApiClient({ ...clientOptions, pacing: {} }), open, {
        onDone: (t) => {
          if (t.done) ledger.terminated(t.jobId, t.outcome);
        },
      });
      const left = results.filter((r) => !r.done);
      if (left.length > 0) {
        log.error(
          `could not terminate ${left.map((r) => `${r.jobId} (${r.outcome})`).join(', ')}; run tbc cleanup --ledger ${ledger.path} later`,
        );
      }
      process.exit(EXIT_USAGE);
    })();
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
