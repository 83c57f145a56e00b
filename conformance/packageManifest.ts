import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TbcError } from './TbcError.ts';

/** The fields of the kit's own package.json that the kit reads at run time. */
export interface PackageManifest {
  version: string;
  peerDependencies: Record<string, string>;
}

/**
 * The folder holding the kit's package.json: two levels above this file in a clone (run through tsx), three in the
 * compiled `dist/` of an installed package. Why searched rather than a fixed `..`: the same source runs from both.
 */
export const PACKAGE_ROOT: string = findPackageRoot(import.meta.dirname);

/**
 * The kit's package.json, read once. Why read and not imported as JSON: tsc would copy an imported package.json into
 * `dist/`, where the compiled kit would then find a second manifest nearer than the real one.
 */
export const PACKAGE_MANIFEST: PackageManifest = JSON.parse(
  readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'),
) as PackageManifest;

function findPackageRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new TbcError(`tbc is installed without its package.json (searched above ${start})`);
    dir = parent;
  }
  return dir;
}
