import { UsageError } from './UsageError.ts';
import { DEFAULT_REGION } from '../../generated/regions.ts';
import { InvalidArgumentError, type Command } from 'commander';
import type { DocRevision } from '../../generated/transitions.ts';
import { SCENARIO_IDS, type ScenarioId } from '../clientcheck/scenarioIds.ts';
import { createLogger } from '../logger.ts';
import { EXIT_PASS, EXIT_VIOLATIONS } from './exitCodes.ts';
import { docRevisionOption, parseNonNegativeInteger, parsePositiveInteger } from './parseOptions.ts';
import { writeReportFiles } from './writeReportFiles.ts';
import { addTlsOptions, readCaFile, tlsOptionOf, type TlsFlags } from './tlsFlags.ts';
import type { TlsOption } from '../http/resolveTls.ts';

interface ClientCheckFlags extends TlsFlags {
  adapter: string;
  ca?: string;
  json?: string;
  junit?: string;
  seed?: number;
  docRevision: DocRevision;
  runs: number;
  timeoutMs: number;
  region: string;
  only?: ScenarioId[];
}

function parseScenarios(value: string): ScenarioId[] {
  const ids = value.split(',').map((s) => s.trim());
  const unknown = ids.filter((id) => !(SCENARIO_IDS as readonly string[]).includes(id));
  if (unknown.length > 0) {
    throw new InvalidArgumentError(`unknown scenario ${unknown.join(', ')}; scenarios are ${SCENARIO_IDS.join(', ')}.`);
  }
  return ids as ScenarioId[];
}

export function registerClientCheckCommand(program: Command): void {
  const command = program
    .command('client-check')
    .description(
      'Drive a TerminateTaskInstance client (through an adapter module) against the embedded emulator and check its requests and what it surfaces (exit 0 pass, 1 violations, 2 usage/setup error)',
    )
    .requiredOption(
      '--adapter <module>',
      'adapter module (.ts or .js, resolved from the current directory); the interface: docs/client-check.md, "Adapter interface"',
    )
    .option('--json <file>', 'write the JSON report')
    .option('--junit <file>', 'write a JUnit XML report')
    .option(
      '--seed <n>',
      'seed for the fuzzed parameters and the emulator (default: random, printed)',
      parseNonNegativeInteger,
    )
    .addOption(docRevisionOption('documentation wording: seed requires Region, current does not'))
    .option('--runs <n>', 'fuzzed calls', parsePositiveInteger, 25)
    .option(
      '--timeout-ms <ms>',
      'timeout the adapter is told to use; the latency scenarios are built around it',
      parsePositiveInteger,
      2000,
    )
    .option('--region <region>', 'region the adapter is told to send', DEFAULT_REGION)
    .option('--only <ids>', `comma-separated scenarios (${SCENARIO_IDS.join(', ')})`, parseScenarios);
  addTlsOptions(command)
    .option(
      '--ca <file>',
      'with --tls-cert: the CA (PEM) the adapter is told to trust (input.ca); default the certificate itself',
    )
    .action(async (flags: ClientCheckFlags) => {
      process.exitCode = await runClientCheckCommand(flags);
    });
}

/** `--ca` names the CA that issued `--tls-cert`: what the adapter is told to trust instead of the certificate. */
function withCa(tls: TlsOption | undefined, ca: string | undefined): TlsOption | undefined {
  if (ca === undefined) return tls;
  if (typeof tls !== 'object') {
    throw new UsageError('--ca names the CA of your own certificate: it goes with --tls-cert and --tls-key');
  }
  return { ...tls, ca: readCaFile(ca, '--ca') };
}

async function runClientCheckCommand(flags: ClientCheckFlags): Promise<number> {
  // Loaded here, not at the top: `tbc --help` should not pay for the scenarios and the embedded emulator.
  const [{ loadAdapter }, { printClientCheckReport }, { runClientCheck }, { toClientCheckJunit }] = await Promise.all([
    import('../clientcheck/loadAdapter.ts'),
    import('../clientcheck/printClientCheckReport.ts'),
    import('../clientcheck/runClientCheck.ts'),
    import('../clientcheck/toClientCheckJunit.ts'),
  ]);
  const log = createLogger('client-check');
  const seed = flags.seed ?? Math.floor(Math.random() * 2 ** 31);
  const tls = withCa(tlsOptionOf(flags), flags.ca);
  const adapter = await loadAdapter(flags.adapter, process.cwd());
  log.info(`adapter ${flags.adapter}, doc revision ${flags.docRevision}, seed ${seed}, timeoutMs ${flags.timeoutMs}`);
  if (tls !== undefined)
    log.info('HTTPS: the adapter is given protocol https:// and the certificate to trust (input.ca)');
  const report = await runClientCheck({
    adapter,
    adapterName: flags.adapter,
    docRevision: flags.docRevision,
    seed,
    runs: flags.runs,
    timeoutMs: flags.timeoutMs,
    region: flags.region,
    ...(tls === undefined ? {} : { tls }),
    ...(flags.only === undefined ? {} : { only: flags.only }),
    onProgress: (scenario) => {
      const failed = scenario.results.filter((r) => r.status === 'failed').map((r) => r.check);
      log.info(`${scenario.id}: ${failed.length === 0 ? 'pass' : `FAIL ${failed.join(', ')}`}`);
    },
  });
  await writeReportFiles(flags, report, toClientCheckJunit);
  log.info(`\n${printClientCheckReport(report)}`);
  return report.ok ? EXIT_PASS : EXIT_VIOLATIONS;
}
