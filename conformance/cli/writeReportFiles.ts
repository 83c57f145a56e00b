import { writeFile } from 'node:fs/promises';

/** `--json <file>` and `--junit <file>`, as every reporting verb offers them. */
export async function writeReportFiles<R>(
  flags: { json?: string; junit?: string },
  report: R,
  toJunitXml: (report: R) => string,
): Promise<void> {
  if (flags.json !== undefined) await writeFile(flags.json, `${JSON.stringify(report, null, 2)}\n`);
  if (flags.junit !== undefined) await writeFile(flags.junit, toJunitXml(report));
}
