// `tbc --version` / `-V`: the package version, exit 0, nothing else on stdout.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTbc as tbc } from '../test-only/tbcProcess.ts';

describe('tbc --version', () => {
  it.concurrent.each([['--version'], ['-V']])('%s prints the version of package.json and exits 0', async (flag) => {
    const { version } = JSON.parse(await readFile(join(import.meta.dirname, '../../package.json'), 'utf8')) as {
      version: string;
    };
    expect(await tbc([flag])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('is listed in --help', async () => {
    const help = await tbc(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/-V, --version +print the version of tbc/);
  });
});
