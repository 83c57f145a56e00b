// `tbc --version` / `-V` (issue 15): the package version, exit 0, nothing else on stdout.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const TBC = join(import.meta.dirname, 'tbc.mjs');

function tbc(args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [TBC, ...args], (error, stdout) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout });
    });
  });
}

describe('tbc --version', () => {
  it.concurrent.each([['--version'], ['-V']])('%s prints the version of package.json and exits 0', async (flag) => {
    const { version } = JSON.parse(await readFile(join(import.meta.dirname, '../../package.json'), 'utf8')) as {
      version: string;
    };
    expect(await tbc([flag])).toEqual({ code: 0, stdout: `${version}\n` });
  });

  it('is listed in --help', async () => {
    const help = await tbc(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/-V, --version +print the version of tbc/);
  });
});
