import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TbcError } from '../TbcError.ts';
import { loadAdapter } from './loadAdapter.ts';

describe('loadAdapter', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tbc-adapter-'));
    await writeFile(join(dir, 'named.mjs'), 'export function terminate(input) { return { echoed: input.region }; }\n');
    await writeFile(join(dir, 'throws.mjs'), 'export default function () { throw new Error("sync"); }\n');
    await writeFile(join(dir, 'none.mjs'), 'export const terminate = 42;\n');
    await writeFile(join(dir, 'broken.mjs'), 'export default (;\n');
  });

  it('resolves a relative path from the given directory and accepts a named `terminate` export', async () => {
    const adapter = await loadAdapter('named.mjs', dir);
    await expect(adapter({ region: 'ap-x' } as never)).resolves.toEqual({ echoed: 'ap-x' });
  });

  it('turns a synchronous throw into a rejection (an outcome to check, not a crash)', async () => {
    const adapter = await loadAdapter(join(dir, 'throws.mjs'), '/');
    await expect(adapter({} as never)).rejects.toThrow('sync');
  });

  it('loads the shipped TypeScript example from the repository root', async () => {
    const adapter = await loadAdapter('examples/adapters/commonSdk.ts', join(import.meta.dirname, '../..'));
    expect(typeof adapter).toBe('function');
  });

  it.each([
    ['missing.mjs', 'does not exist'],
    ['none.mjs', 'exports no function'],
    ['broken.mjs', 'could not be loaded'],
  ])('refuses %s with a setup error (exit 2): %s', async (file, message) => {
    const attempt = loadAdapter(file, dir);
    await expect(attempt).rejects.toBeInstanceOf(TbcError);
    await expect(attempt).rejects.toThrow(message);
  });
});
