import { access } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TbcError } from '../TbcError.ts';
import type { ClientAdapter } from './ClientAdapter.ts';

/**
 * Imports the user's adapter module, resolved from `cwd`. TypeScript works in a clone (tbc.mjs runs under tsx) and,
 * for the installed, compiled kit on plain Node, when tsx (an optional peer dependency) is installed. Accepts a default
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
    module = await importModule(path);
  } catch (error) {
    if (error instanceof TbcError) throw error;
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

/** Imports a module; a TypeScript file that plain Node refuses is retried once tsx is registered. */
async function importModule(path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
  }
  let register: () => unknown;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    throw new TbcError(
      `adapter module ${path} is TypeScript: install tsx beside tbc (npm i -D tsx) or give a .js adapter`,
    );
  }
  register();
  // Why a query: Node remembers the failed import of the bare URL and would refuse it again.
  return (await import(`${url}?tsx`)) as Record<string, unknown>;
}
