// Live-stateful benchmark: `tbc conformance --profile live-stateful` against the kit's live-like double made
// seed-conformant and eventually consistent (a new job is not found for 1.5 s after SubmitJob; after a termination,
// DescribeTask shows the old state for 1.5 s), with a named environment, as a user would run it on a real account:
//   --allow-destructive --max-jobs 4 --named-env env-… --time-budget 8m --seed 1
// Prints what the run cost, measured by the double (the service's own books, not the kit's): invariants checked,
// jobs and instances created, instance-seconds, instances left non-final when tbc exited, and the wall time.
//   npm run bench:live [-- --kit DIR] [--time-budget 8m] [--extra "--max-instances 40"]
// `--kit DIR` runs another checkout's CLI (DIR/conformance/cli/tbc.mjs), e.g. an older commit unpacked with
// `git archive <commit> | tar -x -C DIR` and node_modules linked in, to compare before and after.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import type { Report } from '../generated/reportTypes.ts';
import { createLogger } from '../conformance/logger.ts';
import { serveImplementation } from '../conformance/http/serveImplementation.ts';
import {
  EVENTUALLY_CONSISTENT,
  eventuallyConsistentService,
} from '../conformance/test-only/eventuallyConsistentService.ts';
import { TBC_BIN } from '../conformance/test-only/tbcProcess.ts';

const log = createLogger('bench-live');
const { keys: KEYS, namedEnv: NAMED_ENV } = EVENTUALLY_CONSISTENT;

const flags = new Command('bench-live')
  .option('--kit <dir>', 'the checkout whose CLI to run (default: this one)')
  .option('--time-budget <duration>', 'the run’s --time-budget', '8m')
  .option('--seed <n>', 'the run’s --seed', '1')
  .option('--extra <flags>', 'more flags for tbc conformance, space-separated', '')
  .parse(process.argv)
  .opts<{ kit?: string; timeBudget: string; seed: string; extra: string }>();

const double = eventuallyConsistentService();
const served = await serveImplementation(double.implementation);
const dir = mkdtempSync(join(tmpdir(), 'tbc-bench-live-'));
const bin = flags.kit === undefined ? TBC_BIN : join(flags.kit, 'conformance/cli/tbc.mjs');
const args = [
  ...['conformance', '--target', served.url, '--secret-id', KEYS.secretId, '--secret-key', KEYS.secretKey],
  ...['--region', 'ap-guangzhou', '--profile', 'live-stateful', '--allow-destructive', '--max-jobs', '4'],
  ...['--named-env', NAMED_ENV, '--time-budget', flags.timeBudget, '--seed', flags.seed, '--no-progress'],
  ...['--json', join(dir, 'report.json'), '--ledger', join(dir, 'ledger.jsonl'), '--replay-dir', join(dir, 'replays')],
  ...flags.extra.split(' ').filter((s) => s !== ''),
];
log.info(`${bin} ${args.join(' ')}`);
const started = performance.now();
const exit = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
  execFile(process.execPath, [bin, ...args], { maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
    resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stderr });
  });
});
const wallSeconds = (performance.now() - started) / 1000;

// The double's books, read as tbc exits: every instance of every job the run created.
const snapshot = await double.snapshot();
await served.close();
const mine = snapshot.jobs.filter((j) => double.createdJobIds.includes(j.JobId));
const instances = mine.flatMap((j) =>
  j.tasks.flatMap((t) => t.instances.map((i) => ({ job: j.JobId, env: t.env.kind, i }))),
);
const isFinal = (state: string): boolean => state === 'SUCCEED' || state === 'FAILED';
// Job time is `timeScale` times wall time: an instance counts from its first state until it was final, or until now.
const instanceSeconds = instances.reduce((sum, { i }) => {
  const first = i.history[0]?.at ?? snapshot.nowMs;
  const end = isFinal(i.state) ? (i.history.at(-1)?.at ?? snapshot.nowMs) : snapshot.nowMs;
  return sum + (end - first) / 1000 / double.timeScale;
}, 0);
const left = instances.filter(({ i }) => !isFinal(i.state));
const byState = (list: typeof instances): string =>
  Object.entries(
    list.reduce<Record<string, number>>((acc, { env, i }) => {
      const key = `${env} ${i.state}`;
      acc[key] = (acc[key] ?? 0) + 1;
      return acc;
    }, {}),
  )
    .map(([k, n]) => `${n} ${k}`)
    .join(', ') || 'none';
let report: Report | undefined;
try {
  report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
} catch {
  report = undefined;
}
const summary = report?.summary;
log.info(
  [
    '',
    `exit code ${String(exit.code)}; the last lines tbc printed:`,
    ...exit.stderr
      .trim()
      .split('\n')
      .slice(-12)
      .map((l) => `  ${l}`),
    '',
    '| checked | jobs | instances created | instance-seconds (wall) | instances left non-final at exit | wall time |',
    '| --- | --- | --- | --- | --- | --- |',
    `| ${summary === undefined ? '?' : `${summary.checked}/${summary.total}`} | ${double.createdJobIds.length} | ${instances.length} | ${instanceSeconds.toFixed(0)} | ${left.length} (${byState(left)}) | ${wallSeconds.toFixed(0)} s |`,
    '',
    `not checked: ${
      report?.invariants
        .filter((i) => i.status !== 'passed' && i.status !== 'failed')
        .map((i) => `${i.id} ${i.status}: ${i.reason ?? ''}`)
        .join('; ') ?? '?'
    }`,
    `foreign terminations: ${double.foreignTerminations.length}; report and ledger in ${dir}`,
  ].join('\n'),
);
