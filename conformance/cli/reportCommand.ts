import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { TbcError } from '../TbcError.ts';
import { createLogger } from '../logger.ts';
import { EXIT_PASS, EXIT_VIOLATIONS } from './exitCodes.ts';
import { writeReportFiles } from './writeReportFiles.ts';
import type { Report } from '../../generated/reportTypes.ts';

async function readReport(path: string): Promise<Report> {
  const { validateReport } = await import('../runner/validateReport.ts');
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new TbcError(`cannot read report ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const problems = validateReport(parsed);
  if (problems !== undefined) throw new TbcError(`${path} is not a tbc conformance report: ${problems}`);
  return parsed as Report;
}

export function registerReportCommand(program: Command): void {
  const report = program.command('report').description('Work with JSON reports of `tbc conformance`');
  report
    .command('merge')
    .description('Merge the JSON reports of the shards of one campaign into one')
    .argument('<reports...>', 'JSON reports written with --json')
    .option('--json <file>', 'write the merged JSON report')
    .option('--junit <file>', 'write the merged JUnit XML report')
    .action(async (paths: string[], flags: { json?: string; junit?: string }) => {
      // Loaded here, not at the top: `tbc --help` should not pay for the report code.
      const [{ mergeReports }, { incompleteVerdict, printReport }, { toJunit }] = await Promise.all([
        import('../runner/mergeReports.ts'),
        import('../runner/printReport.ts'),
        import('../runner/toJunit.ts'),
      ]);
      const merged = mergeReports(await Promise.all(paths.map(readReport)));
      await writeReportFiles(flags, merged, toJunit);
      const log = createLogger('report');
      log.info(`\n${printReport(merged, new Map())}`);
      const incomplete = incompleteVerdict(merged);
      if (incomplete !== undefined) log.warn(incomplete);
      process.exitCode = merged.ok ? EXIT_PASS : EXIT_VIOLATIONS;
    });
}
