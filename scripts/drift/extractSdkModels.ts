// `npm run drift:extract`: rewrites scripts/drift/sdkModels.json from the pinned official Node SDK. Why an extract
// and not a dev dependency: the package is a 7.4 MB download that installs 44 MB in 3 507 files (all Tencent Cloud
// products) for the one 2 830-line Batch models file the drift check reads (decision D-27).
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../conformance/logger.ts';
import { listActionDocuments } from '../generate/specFiles.ts';
import { parseSdkModels, reachableModels } from './parseSdkModels.ts';
import { SDK_EXTRACT_FILE, SDK_SOURCE, type SdkExtract } from './sdkExtract.ts';

const log = createLogger('drift');
const dir = await mkdtemp(join(tmpdir(), 'tbc-sdk-'));
try {
  const spec = `${SDK_SOURCE.package}@${SDK_SOURCE.version}`;
  const tarball = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], {
    encoding: 'utf8',
  }).trim();
  execFileSync('tar', ['-xzf', join(dir, tarball), '-C', dir, `package/${SDK_SOURCE.file}`]);
  const source = await readFile(join(dir, 'package', SDK_SOURCE.file), 'utf8');
  const actions = (await listActionDocuments()).map((d) => d.action);
  const models = reachableModels(
    parseSdkModels(source),
    actions.flatMap((a) => [`${a}Request`, `${a}Response`]),
  );
  const extract: SdkExtract = { ...SDK_SOURCE, models };
  await writeFile(SDK_EXTRACT_FILE, `${JSON.stringify(extract, null, 2)}\n`);
  log.info(`wrote ${Object.keys(models).length} models of ${spec} to ${SDK_EXTRACT_FILE}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
