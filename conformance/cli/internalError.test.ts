// An exception the kit did not expect is its own bug: `tbc` exits 3 with a hint to report it, never 1 (which CI reads
// as "violations found").
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTbc } from '../test-only/tbcProcess.ts';

const SIMULATE = join(import.meta.dirname, '../test-only/simulateKitBug.mjs');

const tbcWithBug = (where: string, args: string[]) =>
  runTbc(args, { nodeArgs: ['--import', SIMULATE], env: { TBC_SIMULATED_BUG: where } });

describe('an unexpected exception', () => {
  it.concurrent.each([
    ['command', ['report', 'merge', 'x.json'], 'simulated kit bug in a command'],
    ['async', ['emulator', '--port', '0'], 'simulated kit bug in a callback'],
  ])('in %s exits 3 with the error and a hint to report it', async (where, args, message) => {
    const run = await tbcWithBug(where, args);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('internal error (a bug in tbc, not in the target)');
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Please report it');
  });
});
