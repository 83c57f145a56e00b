import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PACKAGE_MANIFEST } from '../packageManifest.ts';

/** Prism is an optional peer dependency: only `tbc mock` needs it, and it is most of an install's size. */
export const PRISM_PACKAGE = '@stoplight/prism-cli';

/**
 * Prism's CLI entry (a JS file), found through Node's module resolution from the kit and then from the working
 * directory, wherever npm put it (hoisted beside the kit, or in the kit's own node_modules); undefined when Prism is
 * not installed.
 */
export function findPrismBin(): string | undefined {
  let manifestPath: string;
  try {
    manifestPath = createRequire(import.meta.url).resolve(`${PRISM_PACKAGE}/package.json`, {
      paths: [import.meta.dirname, process.cwd()],
    });
  } catch {
    return undefined;
  }
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: string | Record<string, string> };
  const entry = typeof bin === 'string' ? bin : bin['prism'];
  return entry === undefined ? undefined : join(dirname(manifestPath), entry);
}

/** The one-line install command for a missing Prism, with the version range the kit declares. */
export function prismInstallHint(): string {
  const range = PACKAGE_MANIFEST.peerDependencies[PRISM_PACKAGE] ?? 'latest';
  return `install it with: npm i -D "${PRISM_PACKAGE}@${range}"`;
}
