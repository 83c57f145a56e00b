// Start-up benchmark (goal <= 0.3 s): how long `tbc --help` takes on plain Node, beside `node -e 0` (the floor
// no CLI can beat) and, for comparison, the clone's tsx entry. Builds dist/ first, then runs the commands in turns (so
// a busy moment of the machine hits all of them alike) and prints the median, minimum and maximum of each.
//   npm run bench:startup [-- --runs 21]
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
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

/**
 * Imported into each timed process: prints the CPU time it used (user + system) as it exits. Why both figures: wall
 * time on a shared machine moves with everyone else's load, CPU time much less. Every candidate carries it alike.
 */
const PRINT_CPU = `data:text/javascript,${encodeURIComponent(
  "process.once('exit', () => { const { user, system } = process.cpuUsage(); " +
    "process.stderr.write('\\ncpu-ms ' + ((user + system) / 1000) + '\\n'); });",
)}`;

/** One run of `node ...args`: wall seconds from spawn to exit, and the CPU seconds the process itself used. */
function timeOnce(args: readonly string[]): { wall: number; cpu: number } {
  const started = performance.now();
  const ran = spawnSync(process.execPath, ['--import', PRINT_CPU, ...args], {
    cwd: ROOT,
    env: PLAIN_ENV,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const wall = (performance.now() - started) / 1000;
  const cpuMs = /cpu-ms (\S+)/.exec(ran.stderr)?.[1];
  if (ran.status !== 0 || cpuMs === undefined)
    throw new TbcError(`node ${args.join(' ')} exited ${String(ran.status)}`);
  return { wall, cpu: Number(cpuMs) / 1000 };
}

const { runs } = new Command('bench-startup')
  .option('--runs <n>', 'runs of each command', parseRuns, 21)
  .parse(process.argv)
  .opts<{ runs: number }>();

log.info('building dist/ (npm run build)');
if (spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' }).status !== 0) {
  throw new TbcError('npm run build failed');
}
const times = new Map<string, { wall: number; cpu: number }[]>(CANDIDATES.map((c) => [c.name, []]));
for (const candidate of CANDIDATES) timeOnce(candidate.args); // warm the file cache
for (let run = 0; run < runs; run++) {
  for (const candidate of CANDIDATES) times.get(candidate.name)?.push(timeOnce(candidate.args));
}
const [load1] = loadavg();
log.info(
  `${runs} runs each, in turns, Node ${process.version}, load average ${load1?.toFixed(1) ?? '?'} on ${cpus().length} CPUs:`,
);
const wallOf = (name: string): number[] => (times.get(name) ?? []).map((t) => t.wall);
const cpuOf = (name: string): number[] => (times.get(name) ?? []).map((t) => t.cpu);
for (const { name } of CANDIDATES) {
  const wall = wallOf(name);
  log.info(
    `  ${name.padEnd(34)} wall median ${median(wall).toFixed(3)} s (min ${Math.min(...wall).toFixed(3)}, max ${Math.max(...wall).toFixed(3)}), CPU median ${median(cpuOf(name)).toFixed(3)} s`,
  );
}
const help = median(wallOf(CANDIDATES[1].name));
const floor = median(wallOf(CANDIDATES[0].name));
log.info(
  `tbc --help: ${help.toFixed(3)} s median wall, ${(help - floor).toFixed(3)} s above the floor; goal <= ${GOAL_SECONDS} s: ${help <= GOAL_SECONDS ? 'met' : 'NOT met'}`,
);
