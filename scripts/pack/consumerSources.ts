// What the pack test writes into the fresh project: a JavaScript consumer it runs and a TypeScript consumer it
// type-checks, each touching every public entry point (emulator, control client, runner and report schema,
// client-check, signing, mock, test helper).

/** Runs on plain Node: imports both entry points and uses them in process. */
export const CONSUMER_JS = `import assert from 'node:assert/strict';
import {
  createControlClient,
  createEmulator,
  EXAMPLE_CREDENTIALS,
  REPORT_SCHEMA,
  runClientCheck,
  runConformance,
  signTc3,
  signV1,
  startMock,
  validateReport,
  verifyRequest,
} from 'tencent-batch-conformance';
import { startTestEmulator } from 'tencent-batch-conformance/testing';

for (const f of [runClientCheck, signV1, startMock, verifyRequest]) assert.equal(typeof f, 'function');
const emulator = createEmulator({ clock: 'virtual', rateLimits: false });
const origin = 'http://emulator.test';
const info = await createControlClient(emulator.implementation, origin).info();
assert.equal(info.emulator, 'tbc');

const report = await runConformance({
  url: origin,
  implementation: emulator.implementation,
  credentials: EXAMPLE_CREDENTIALS,
  credentialsAreExample: true,
  profile: 'auto',
  docRevision: 'seed',
  runs: 2,
  seed: 1,
  only: ['TTI-01'],
});
assert.equal(report.ok, true);
assert.equal(validateReport(report), undefined);
assert.equal(typeof REPORT_SCHEMA, 'object');

const signed = signTc3({
  method: 'POST',
  host: 'batch.tencentcloudapi.com',
  canonicalQueryString: '',
  contentType: 'application/json; charset=utf-8',
  body: '{}',
  timestamp: 1551113065,
  service: 'batch',
  ...EXAMPLE_CREDENTIALS,
});
assert.match(signed.authorization, /^TC3-HMAC-SHA256 /);

const helper = await startTestEmulator();
assert.match(helper.commonClient.endpoint, /^127\\.0\\.0\\.1:\\d+$/);
await helper.close();
console.log(\`emulator, runner (\${report.invariants.length} invariant), signing and test helper OK\`);
`;

/** Type-checked with tsc: the public types as a consumer spells them. */
export const CONSUMER_TS = `import {
  createEmulator,
  runConformance,
  startMock,
  type ClientAdapter,
  type ConformanceOptions,
  type EmulatorOptions,
  type EmulatorSnapshot,
  type FaultSpec,
  type MockServer,
  type Report,
  type VerifyResult,
} from 'tencent-batch-conformance';
import { startTestEmulator, type TestEmulator } from 'tencent-batch-conformance/testing';

const options: EmulatorOptions = { clock: 'virtual', docRevision: 'current', rateLimits: { SubmitJob: 5 } };
const emulator = createEmulator(options);
const fault: FaultSpec = { kind: 'latency', ms: 100, action: 'TerminateTaskInstance' };
const adapter: ClientAdapter = async (input) => input.params;
export async function typed(): Promise<[Report, EmulatorSnapshot, MockServer, VerifyResult | undefined]> {
  const run: ConformanceOptions = {
    url: 'http://x',
    implementation: emulator.implementation,
    credentials: { secretId: 'id', secretKey: 'key' },
    profile: 'emulated',
    docRevision: 'seed',
    runs: 1,
    seed: 1,
  };
  const helper: TestEmulator = await startTestEmulator({ rateLimits: true });
  await helper.injectFault(fault);
  const snapshot = await helper.snapshot();
  return [await runConformance(run), snapshot, await startMock({ port: 0 }), undefined];
}
void adapter;
`;
