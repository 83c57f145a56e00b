// How fast the kit checks an implementation: the default catalogue (25 runs) in process, over HTTP to an
// emulator in this process and in its own process (`tbc emulator` with defaults), at concurrency 1 and the default;
// against broken implementations over HTTP, the time to the first failure and to the full report; 100 runs per
// invariant in process; requests per invariant. Prints figures; asserts nothing (machines are shared and noisy: compare
// the ratios within one run). `--quick` measures each configuration once instead of three times.
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createEmulator } from '../conformance/emulator/createEmulator.ts';
import { serveImplementation } from '../conformance/http/serveImplementation.ts';
import type { Implementation } from '../conformance/Implementation.ts';
import { createLogger } from '../conformance/logger.ts';
import { defaultConcurrency } from '../conformance/runner/defaultConcurrency.ts';
import { runConformance } from '../conformance/runner/runConformance.ts';
import { DEFAULT_RUNS } from '../conformance/runner/runnerProfiles.ts';
import { EXAMPLE_CREDENTIALS } from '../conformance/signing/Credentials.ts';
import { CATALOGUE } from '../property-tests/catalogue.ts';
import { answer, envelopeOf, renameCode, withBug, type Bug } from '../property-tests/test-only/withBug.ts';
import { median } from './bench/median.ts';
import { startServer } from './bench/startServer.ts';

const log = createLogger('bench-conformance');
const RUN_SEED = 20261129;
const ROUNDS = process.argv.includes('--quick') ? 1 : 3;
const DEFAULT = defaultConcurrency('emulated');

interface Timed {
  seconds: number;
  firstFailureSeconds: number | undefined;
  requests: number;
  notPassed: string[];
}

async function timeRun(target: { url: string; implementation?: Implementation }, runs: number, concurrency: number) {
  const started = performance.now();
  let firstFailure: number | undefined;
  const report = await runConformance({
    ...target,
    credentials: EXAMPLE_CREDENTIALS,
    credentialsAreExample: true,
    profile: 'auto',
    docRevision: 'seed',
    runs,
    seed: RUN_SEED,
    concurrency,
    onProgress: (event) => {
      if (event.kind === 'invariant-done' && event.status === 'failed') firstFailure ??= performance.now() - started;
    },
  });
  const timed: Timed = {
    seconds: (performance.now() - started) / 1000,
    firstFailureSeconds: firstFailure === undefined ? undefined : firstFailure / 1000,
    requests: report.coverage.requests,
    notPassed: report.invariants.filter((i) => i.status !== 'passed').map((i) => i.id),
  };
  return { timed, report };
}

function describe(label: string, all: Timed[]): void {
  const seconds = median(all.map((t) => t.seconds));
  const requests = all[0]?.requests ?? 0;
  const notPassed = all[0]?.notPassed ?? [];
  log.info(
    `${label.padEnd(44)} ${seconds.toFixed(2).padStart(6)} s median of ${all.map((t) => t.seconds.toFixed(2)).join(', ')}` +
      ` · ${requests} requests, ${(requests / seconds).toFixed(0)}/s` +
      (notPassed.length === 0 ? '' : ` · not passed: ${notPassed.join(', ')}`),
  );
}

async function rounds(label: string, measure: () => Promise<Timed>): Promise<void> {
  const all: Timed[] = [];
  for (let i = 0; i < ROUNDS; i++) all.push(await measure());
  describe(label, all);
}

const inProcess = (runs: number, concurrency: number) => () =>
  timeRun(
    { url: 'in-process', implementation: createEmulator({ clock: 'virtual', seed: RUN_SEED }).implementation },
    runs,
    concurrency,
  ).then((r) => r.timed);

async function overHttpInThisProcess(concurrency: number): Promise<Timed> {
  const listening = await createEmulator({ clock: 'virtual', seed: RUN_SEED }).listen();
  try {
    return (await timeRun({ url: listening.url }, DEFAULT_RUNS, concurrency)).timed;
  } finally {
    await listening.close();
  }
}

log.info(
  `machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; default concurrency ${DEFAULT} (availableParallelism ${availableParallelism()}); ${ROUNDS} round(s)`,
);

log.info(`— the default catalogue: ${CATALOGUE.length} invariants × ${DEFAULT_RUNS} runs, seed ${RUN_SEED}`);
await rounds(`in process, concurrency 1`, inProcess(DEFAULT_RUNS, 1));
await rounds(`in process, concurrency ${DEFAULT} (default)`, inProcess(DEFAULT_RUNS, DEFAULT));
await rounds(`HTTP, emulator in this process, concurrency 1`, () => overHttpInThisProcess(1));
await rounds(`HTTP, emulator in this process, concurrency ${DEFAULT}`, () => overHttpInThisProcess(DEFAULT));
// `tbc emulator` as users start it: the real clock; the run makes virtual-clock tenants of its own.
const child = await startServer(
  'tbc emulator',
  [join('conformance', 'cli', 'tbc.mjs'), 'emulator', '--port', '0'],
  '.',
);
try {
  await rounds(
    `HTTP, tbc emulator (defaults), concurrency 1`,
    async () => (await timeRun({ url: child.url }, DEFAULT_RUNS, 1)).timed,
  );
  await rounds(
    `HTTP, tbc emulator (defaults), concurrency ${DEFAULT}`,
    async () => (await timeRun({ url: child.url }, DEFAULT_RUNS, DEFAULT)).timed,
  );
} finally {
  await child.stop();
}

log.info(
  `— broken implementations over HTTP (an emulator behind a bug, served from this process), concurrency ${DEFAULT}`,
);
const BROKEN: Record<string, Bug> = {
  'ResourceNotFound.TaskInstance renamed ResourceNotFound': renameCode(
    'ResourceNotFound.TaskInstance',
    'ResourceNotFound',
  ),
  'every answer carries one RequestId': async (call, forward) => {
    const response = await forward();
    if (call.path !== '/') return response;
    return answer({ ...(await envelopeOf(response)), RequestId: '72e9a712-1fed-4b57-be72-62e71eefd4c3' });
  },
  'TerminateTaskInstance answers Success, does nothing': async (call, forward) =>
    call.action === 'TerminateTaskInstance' ? answer({ RequestId: crypto.randomUUID() }) : forward(),
};
for (const [what, bug] of Object.entries(BROKEN)) {
  const firsts: number[] = [];
  const all: Timed[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const served = await serveImplementation(
      withBug(createEmulator({ clock: 'virtual', seed: RUN_SEED }).implementation, bug),
    );
    try {
      const { timed } = await timeRun({ url: served.url }, DEFAULT_RUNS, DEFAULT);
      all.push(timed);
      if (timed.firstFailureSeconds !== undefined) firsts.push(timed.firstFailureSeconds);
    } finally {
      await served.close();
    }
  }
  log.info(
    `${what.padEnd(56)} first failure ${firsts.length === 0 ? 'none' : `${median(firsts).toFixed(2)} s`}, report ${median(all.map((t) => t.seconds)).toFixed(2)} s (medians; failed: ${all[0]?.notPassed.join(', ') ?? ''})`,
  );
}

log.info('— exploration: 100 runs per invariant, in process');
await rounds(`in process, 100 runs, concurrency ${DEFAULT}`, inProcess(100, DEFAULT));

log.info(`— requests per invariant (${DEFAULT_RUNS} runs, in process; API requests / control-plane calls)`);
for (const invariant of CATALOGUE) {
  const emulator = createEmulator({ clock: 'virtual', seed: RUN_SEED });
  let control = 0;
  const counting: Implementation = (request) => {
    if (new URL(request.url).pathname.startsWith('/_emulator')) control++;
    return emulator.implementation(request);
  };
  const report = await runConformance({
    url: 'in-process',
    implementation: counting,
    credentials: EXAMPLE_CREDENTIALS,
    credentialsAreExample: true,
    profile: 'auto',
    docRevision: 'seed',
    runs: DEFAULT_RUNS,
    seed: RUN_SEED,
    only: [invariant.id],
    // The invariant's own cost, without the smoke pass's repeated runs.
    smokeRuns: 0,
  });
  const runs = report.invariants[0]?.runs ?? DEFAULT_RUNS;
  log.info(
    `${invariant.id.padEnd(10)} ${String(report.coverage.requests).padStart(5)} API (${(report.coverage.requests / runs).toFixed(1)}/run) ${String(control).padStart(5)} control (${(control / runs).toFixed(1)}/run)`,
  );
}
