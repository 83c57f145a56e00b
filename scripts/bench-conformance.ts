// Wall time of the full default catalogue against the embedded emulator, as `npm run conformance` runs it (over HTTP
// on 127.0.0.1), and in process for comparison. Prints figures; asserts nothing (machines are shared and noisy).
import { cpus } from 'node:os';
import { createEmulator } from '../conformance/emulator/createEmulator.ts';
import { createLogger } from '../conformance/logger.ts';
import { runConformance } from '../conformance/runner/runConformance.ts';
import { EXAMPLE_CREDENTIALS } from '../conformance/signing/Credentials.ts';

const log = createLogger('bench-conformance');
const DEFAULT_RUNS = 25; // the CLI's default --runs
const seed = 20261128;

log.info(`machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), node ${process.version}`);
for (const mode of ['http', 'in-process'] as const) {
  const emulator = createEmulator({ clock: 'virtual', seed });
  const listening = mode === 'http' ? await emulator.listen() : undefined;
  const started = performance.now();
  const report = await runConformance({
    url: listening?.url ?? 'http://in-process',
    ...(mode === 'in-process' ? { implementation: emulator.implementation } : {}),
    credentials: EXAMPLE_CREDENTIALS,
    credentialsAreExample: true,
    profile: 'auto',
    docRevision: 'seed',
    runs: DEFAULT_RUNS,
    seed,
  });
  const seconds = (performance.now() - started) / 1000;
  await listening?.close();
  const failed = report.invariants.filter((i) => i.status !== 'passed').map((i) => i.id);
  log.info(
    `${mode.padEnd(10)} ${report.invariants.length} invariants × ${DEFAULT_RUNS} runs: ${seconds.toFixed(1)} s wall, ` +
      `${report.coverage.requests} requests, ${(report.coverage.requests / seconds).toFixed(0)} requests/s` +
      (failed.length === 0 ? '' : `; NOT PASSED: ${failed.join(', ')}`),
  );
}
