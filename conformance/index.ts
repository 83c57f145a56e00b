// The library entry point of the package (`import { ... } from 'tencent-batch-conformance'`), compiled to
// dist/conformance/index.js with its .d.ts. Everything here is a stable, typed API; anything not exported here is an
// internal module that may change. The test helper is a separate entry point: `.../testing` (testing/index.ts).
import REPORT_SCHEMA_JSON from './runner/report.schema.json' with { type: 'json' };

// The implementation under test is a value; the one error class of misuse and broken setup.
export type { Implementation } from './Implementation.ts';
export { TbcError } from './TbcError.ts';
export { TOOL_VERSION } from './toolVersion.ts';

// The emulator, and its control plane through the one typed client.
export {
  createEmulator,
  type Emulator,
  type EmulatorOptions,
  type RecordedExchange,
} from './emulator/createEmulator.ts';
export { DEFAULT_TIMINGS, type Timings } from './emulator/Timings.ts';
export type { Listening } from './http/listen.ts';
export type { ServeOptions } from './emulator/serveRaw.ts';
export type { TlsCredentials, TlsOption } from './http/resolveTls.ts';
export type { RawRequest, RawResponse } from './wire/RawExchange.ts';
export { createControlClient, ControlPlaneError, type ControlClient } from './control/createControlClient.ts';
export {
  CONTROL_PREFIX,
  FAULT_KINDS,
  type AdvanceResult,
  type CvmLifecyclePhase,
  type EmulatorInfo,
  type EmulatorSnapshot,
  type Fault,
  type FaultKind,
  type FaultSpec,
  type RateLimitOverrides,
  type ResetRequest,
  type SnapshotCvm,
  type SnapshotInstance,
  type TaskEnv,
} from './control/controlPlane.ts';

// The conformance runner and its report (types generated from the report's JSON Schema).
export { runConformance } from './runner/runConformance.ts';
export type { ConformanceOptions, ProgressEvent } from './runner/ConformanceOptions.ts';
export { INVARIANT_IDS, type InvariantId } from '../property-tests/catalogue.ts';
export { validateReport } from './runner/validateReport.ts';
export { mergeReports } from './runner/mergeReports.ts';
export { toJunit } from './runner/toJunit.ts';
export type {
  Counterexample,
  CoverageReport,
  Exchange,
  InvariantReport,
  InvariantStatus,
  ReplayData,
  Report,
  RunnerProfile,
} from '../generated/reportTypes.ts';
/** The JSON Schema (2020-12) every JSON report of `tbc conformance` and `runConformance` validates against. */
export const REPORT_SCHEMA: Readonly<Record<string, unknown>> = REPORT_SCHEMA_JSON;

// Client-check: drive a client through an adapter and judge what it sends and surfaces.
export { runClientCheck, type ClientCheckOptions } from './clientcheck/runClientCheck.ts';
export type { ClientAdapter, TerminateInput, TerminateParams } from './clientcheck/ClientAdapter.ts';
export type {
  CheckResult,
  CheckStatus,
  ClientCheck,
  ClientCheckReport,
  Evidence,
  Finding,
  ScenarioReport,
} from './clientcheck/ClientCheckReport.ts';
export { SCENARIO_IDS, type ScenarioId } from './clientcheck/scenarioIds.ts';

// Signing, both ways.
export { signTc3, type Tc3Input, type Tc3Signature } from './signing/signTc3.ts';
export { signV1, type V1Input, type V1SignatureMethod } from './signing/signV1.ts';
export {
  verifyRequest,
  verifyTc3,
  verifyV1,
  type AuthFailureCode,
  type CredentialStore,
  type V1Request,
  type VerifyOptions,
  type VerifyResult,
} from './signing/verifyRequest.ts';
export { EXAMPLE_CREDENTIALS, credentialsFromEnv, type Credentials } from './signing/Credentials.ts';

// The stateless Prism mock (needs the optional peer dependency @stoplight/prism-cli).
export { startMock, type MockExit, type MockOptions, type MockServer } from './mock/startMock.ts';

// The contract's tables, generated from spec/.
export { API_VERSION, ACTION_NAMES, type ActionName } from '../generated/actions.ts';
export { ERROR_CODES, type ErrorCode } from '../generated/errorCodes.ts';
export {
  DOC_REVISIONS,
  DEFAULT_DOC_REVISION,
  type DocRevision,
  type TaskInstanceState,
} from '../generated/transitions.ts';
