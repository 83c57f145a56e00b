// `npm run drift`: compares spec/ with the pinned official Node SDK's Batch models (scripts/drift/sdkModels.json) and
// prints every difference with the decision that explains it (spec/drift.yaml); exits 1 on any unexplained
// difference or stale entry. Error codes are not in the SDK models: the reference pins those (examples.test.ts).
import { ACTIONS } from '../generated/actions.ts';
import { createLogger } from '../conformance/logger.ts';
import { compareWithSdk } from './drift/compareWithSdk.ts';
import { explainDrift, readAcceptedDrift } from './drift/explainDrift.ts';
import { readSdkExtract } from './drift/sdkExtract.ts';

const log = createLogger('drift');
const extract = await readSdkExtract();
const verdict = explainDrift(compareWithSdk(ACTIONS, extract.models), await readAcceptedDrift());
const line = (d: { kind: string; path: string; spec: string; sdk: string }): string =>
  `${d.kind.padEnd(15)} ${d.path} (spec: ${d.spec}; sdk: ${d.sdk})`;
for (const { drift, by } of verdict.explained) log.info(`${by.decision}  ${line(drift)}`);
for (const drift of verdict.unexplained) log.error(`UNEXPLAINED  ${line(drift)}`);
for (const entry of verdict.stale)
  log.error(`STALE  spec/drift.yaml ${entry.kind} ${entry.paths.join(', ')}: matches nothing`);
log.info(
  `${extract.package}@${extract.version}: ${verdict.explained.length} deliberate differences, ${verdict.unexplained.length} unexplained, ${verdict.stale.length} stale entries`,
);
if (verdict.unexplained.length + verdict.stale.length > 0) process.exitCode = 1;
