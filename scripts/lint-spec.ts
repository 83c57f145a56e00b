// `npm run lint:spec`: Redocly lint of every action document, found the way `npm run generate` finds them, so a new
// document is linted without anyone adding it to a list.
import { spawnSync } from 'node:child_process';
import { join, relative, resolve } from 'node:path';
import { SPEC_DIR, listActionDocuments } from './generate/specFiles.ts';

const PACKAGE_ROOT = resolve(import.meta.dirname, '..');
const REDOCLY_BIN = join(PACKAGE_ROOT, 'node_modules', '.bin', 'redocly');

const documents = (await listActionDocuments()).map(({ file }) => relative(PACKAGE_ROOT, join(SPEC_DIR, file)));
// Why process.execPath: the .bin entry links to Redocly's JS entry; run it with this Node, as buildDocs does.
const result = spawnSync(process.execPath, [REDOCLY_BIN, 'lint', '--config', 'spec/redocly.yaml', ...documents], {
  cwd: PACKAGE_ROOT,
  stdio: 'inherit',
});
if (result.error !== undefined) throw result.error;
process.exitCode = result.status ?? 1;
