// The test-helper entry point of the package (`import { startTestEmulator } from 'tencent-batch-conformance/testing'`).
export {
  DEFAULT_TEST_REGION,
  startTestEmulator,
  type TestEmulator,
  type TestEmulatorOptions,
} from './startTestEmulator.ts';
export type { CommonClientSettings, IntlClientSettings } from './sdkSettings.ts';
export type { TlsCredentials, TlsOption } from '../http/resolveTls.ts';
export { trustInGlobalAgent } from './trustInGlobalAgent.ts';
export { ANONYMOUS_COMPUTE_ENV } from '../client/anonymousComputeEnv.ts';
export type {
  AdvanceResult,
  EmulatorInfo,
  EmulatorSnapshot,
  Fault,
  FaultSpec,
  ResetRequest,
} from '../control/controlPlane.ts';
export type { ControlClient } from '../control/createControlClient.ts';
export type { Credentials } from '../signing/Credentials.ts';
