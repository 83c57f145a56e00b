// `npm run docs:invariants`: writes docs/invariants.md from the catalogue (see scripts/docs/renderInvariantsPage.ts).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { format } from 'prettier';
import { createLogger } from '../conformance/logger.ts';
import { renderInvariantsPage } from './docs/renderInvariantsPage.ts';

const INVARIANTS_PAGE = join(import.meta.dirname, '..', 'docs', 'invariants.md');

await writeFile(INVARIANTS_PAGE, await format(renderInvariantsPage(), { parser: 'markdown' }));
createLogger('docs').info(`wrote ${INVARIANTS_PAGE}`);
