// Start-up benchmark (issue 15, goal <= 0.3 s): how long `tbc --help` takes on plain Node, beside `node -e 0` (the floor
// no CLI can beat) and, for comparison, the clone's tsx entry. Builds dist/ first, then runs the commands in turns (so
// a busy moment of the machine hits all of them alike) and prints the median, minimum and maximum of each.
//   npm run bench:startup [-- --runs 21]
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { createLogger } from '../conformance/logger.ts';
import { TbcError } from '../conformance/TbcError.ts';
import { median } from './bench/median.ts';

const ROOT = resolve(import.meta.dirname, '..');
const GOAL_SECONDS = 0.3;
const log = createLogger('bench-startup');
/** Plain Node: nothing inherited may load tsx into the measured process. */
const PLAIN_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_OPTIONS'));

const CANDIDATES = [
  { name: 'node -e 0 (floor)', args: ['-e', '0'] },
  { name: 'tbc --help (dist, plain Node)', args: ['dist/conformance/cli/main.js', '--help'] },
  { name: 'tbc --version (dist, plain Node)', args: ['dist/conformance/cli/main.js', '--version'] },
  { name: 'tbc --help (clone, tsx)', args: ['conformance/cli/tbc.mjs', '--help'] },
] as const;

function parseRuns(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer.');
  return n;
}

/** Seconds one run of `node ...args` takes, start to exit. */
function timeOnce(args: readonly string[]): number {
  const started = performance.now();
  const ran = spawnSync(process.execPath, args, { cwd: ROOT, env: PLAIN_ENV, stdio: 'ignore' });
  const seconds = (performance.now() - started) / 1000;
  if (ran.status !== 0) throw new TbcError(`node ${args.join(' ')} exited ${String(ran.status)}`);
  return seconds;
}

const { runs } = new Command('bench-startup')
  .option('--runs <n>', 'runs of each command', parseRuns, 21)
  .parse(process.argv)
  .opts<{ runs: number }>();

log.info('building dist/ (npm run build)');
if (spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' }).status !== 0) {
  throw new TbcError('npm run build failed');
}
const times = new Map<string, number[]>(CANDIDATES.map((c) => [c.name, []]));
for (const candidate of CANDIDATES) timeOnce(candidate.args); // warm the file cache
for (let run = 0; run < runs; run++) {
  for (const candidate of CANDIDATES) times.get(candidate.name)?.push(timeOnce(candidate.args));
}
log.info(`${runs} runs each, Node ${process.version}, in turns:`);
for (const [name, values] of times) {
  log.info(
    `  ${name.padEnd(34)} median ${median(values).toFixed(3)} s  (min ${Math.min(...values).toFixed(3)}, max ${Math.max(...values).toFixed(3)})`,
  );
}
const help = median(times.get(CANDIDATES[1].name) ?? []);
const floor = median(times.get(CANDIDATES[0].name) ?? []);
log.info(
  `tbc --help: ${help.toFixed(3)} s median, ${(help - floor).toFixed(3)} s above the floor; goal <= ${GOAL_SECONDS} s: ${help <= GOAL_SECONDS ? 'met' : 'NOT met'}`,
);
