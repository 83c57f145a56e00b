import { access } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TbcError } from '../TbcError.ts';
import type { ClientAdapter } from './ClientAdapter.ts';

/**
 * Imports the user's adapter module, resolved from `cwd` (TS works under `tbc`, which registers tsx). Accepts a default
 * export or a named `terminate` export; anything else is a setup error (exit 2), not a failed check.
 */
export async function loadAdapter(modulePath: string, cwd: string): Promise<ClientAdapter> {
  const path = isAbsolute(modulePath) ? modulePath : resolve(cwd, modulePath);
  try {
    await access(path);
  } catch {
    throw new TbcError(`adapter module ${path} does not exist`);
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    throw new TbcError(
      `adapter module ${path} could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const candidate = typeof module['default'] === 'function' ? module['default'] : module['terminate'];
  if (typeof candidate !== 'function') {
    throw new TbcError(
      `adapter module ${path} exports no function: export default async function terminate(input) { ... } (see README "Adapter interface")`,
    );
  }
  const adapter = candidate as (input: unknown) => unknown;
  // Why wrapped: an adapter that throws synchronously or returns a plain value is still an outcome to check.
  return (input) => Promise.resolve().then(() => adapter(input));
}
