// Hostile-target benchmark: `tbc conformance` with its default deadlines against each hostile target, on
// the probe path (no credentials) and the live-safe path (credentials; the probe answered like a live endpoint, the API
// calls hostile). Prints, per mode and path, the exit code, the wall time and the peak memory (max RSS) of the tbc
// process. The bound it documents: every run ends by itself, exit 1 or 2, within 60 s and 300 MB.
//   npm run bench:hostile [-- --modes never-answers,huge-body]
import { Command } from 'commander';
import { createLogger } from '../conformance/logger.ts';
import { TbcError } from '../conformance/TbcError.ts';
import { HOSTILE_MODES, startHostileTarget, type HostileMode } from '../conformance/test-only/startHostileTarget.ts';
import { runTbc, WITHOUT_CREDENTIALS } from '../conformance/test-only/tbcProcess.ts';

const log = createLogger('bench-hostile');
const BOUND_SECONDS = 60;
const BOUND_RSS_MB = 300;

/** Imported into the tbc process: prints its peak resident memory as it exits (Linux reports it in KiB). */
const PRINT_MAX_RSS = `data:text/javascript,${encodeURIComponent(
  "process.once('exit', () => process.stderr.write('\\nmax-rss-kb ' + process.resourceUsage().maxRSS + '\\n'));",
)}`;

function parseModes(value: string): HostileMode[] {
  const modes = value.split(',');
  const unknown = modes.filter((m) => !(HOSTILE_MODES as readonly string[]).includes(m));
  if (unknown.length > 0)
    throw new TbcError(`unknown mode ${unknown.join(', ')}; modes are ${HOSTILE_MODES.join(', ')}`);
  return modes as HostileMode[];
}

const { modes } = new Command('bench-hostile')
  .option('--modes <list>', 'comma-separated modes', parseModes, [...HOSTILE_MODES])
  .parse(process.argv)
  .opts<{ modes: HostileMode[] }>();

const rows: string[] = [];
let within = true;
for (const mode of modes) {
  for (const withCredentials of [false, true]) {
    const target = await startHostileTarget({ mode, answersProbe: withCredentials });
    const started = performance.now();
    const run = await runTbc(
      [
        'conformance',
        '--target',
        target.url,
        '--seed',
        '1',
        '--no-progress',
        ...(withCredentials
          ? ['--secret-id', 'AKIDbench', '--secret-key', 'bench-key', '--region', 'ap-guangzhou']
          : []),
      ],
      { env: WITHOUT_CREDENTIALS, nodeArgs: ['--import', PRINT_MAX_RSS] },
    );
    const seconds = (performance.now() - started) / 1000;
    await target.close();
    const rssMb = Number(/max-rss-kb (\d+)/.exec(run.stderr)?.[1] ?? NaN) / 1024;
    const reason =
      run.stderr
        .split('\n')
        .find((line) => /\] (error|warning): /.test(line))
        ?.replace(/^\[\w+\] /, '') ?? '(no reason printed)';
    within &&= (run.code === 1 || run.code === 2) && seconds <= BOUND_SECONDS && rssMb <= BOUND_RSS_MB;
    rows.push(
      `| ${mode} | ${withCredentials ? 'live-safe' : 'probe'} | ${String(run.code)} | ${seconds.toFixed(1)} | ${rssMb.toFixed(0)} | ${reason.slice(0, 140)} |`,
    );
    log.info(rows.at(-1) ?? '');
  }
}
log.info(
  [
    '',
    '| mode | path | exit | seconds | peak RSS (MB) | first reason printed |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `every run ended with exit 1 or 2 within ${BOUND_SECONDS} s and ${BOUND_RSS_MB} MB: ${within ? 'yes' : 'NO'}`,
  ].join('\n'),
);
if (!within) process.exitCode = 1;
