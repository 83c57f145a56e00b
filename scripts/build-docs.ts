// `npm run docs`: builds the offline HTML reference into site/ (see scripts/docs/buildDocs.ts).
import { relative } from 'node:path';
import { TbcError } from '../conformance/TbcError.ts';
import { createLogger } from '../conformance/logger.ts';
import { SITE_DIR, buildDocs } from './docs/buildDocs.ts';

const log = createLogger('docs');
const started = performance.now();
try {
  const { files } = await buildDocs();
  log.info(
    `wrote ${files.length} files to ${relative(process.cwd(), SITE_DIR) || '.'}/ in ${Math.round(performance.now() - started)} ms`,
  );
  log.info(`open ${relative(process.cwd(), `${SITE_DIR}/index.html`)}`);
} catch (error) {
  if (!(error instanceof TbcError)) throw error;
  log.error(error.message);
  process.exitCode = 2;
}
