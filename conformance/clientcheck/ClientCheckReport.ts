import { REQUEST_CHECKS, type RequestCheck } from '../wire/validateRequest.ts';
import type { TerminateParams } from './ClientAdapter.ts';
import type { Surfaced } from './inspectSurfaced.ts';
import type { Exchange } from '../../generated/reportTypes.ts';

export type ClientCheck = RequestCheck | 'surfaced.result' | 'retry.rate';

/** Every check, in report order, with the rule it applies. */
export const CLIENT_CHECKS: Readonly<Record<ClientCheck, string>> = {
  ...REQUEST_CHECKS,
  'surfaced.result':
    'API errors surface as an error with the documented code and the response RequestId; success as a result; transport failures (HTTP 500, non-JSON, timeout) as an error that is neither success nor a made-up API code',
  'retry.rate':
    'Requests of one call (retries included) stay within the documented 2/s for TerminateTaskInstance (§1.4)',
};

export const CLIENT_CHECK_IDS = Object.keys(CLIENT_CHECKS) as ClientCheck[];

/** Where a finding was seen: the call, what the client was asked, and the exchange (secrets redacted). */
export interface Evidence {
  call: number;
  params: TerminateParams;
  /** Absent when the client sent nothing. `response` is absent when the client gave up before the answer. */
  exchange?: Exchange;
  surfaced?: Surfaced;
}

/** A violated check, as data (never thrown). */
export interface Finding {
  check: ClientCheck;
  message: string;
  evidence: Evidence;
}

export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface CheckResult {
  check: ClientCheck;
  status: CheckStatus;
  /** Why it was skipped. */
  reason?: string;
  /** All findings of the check in this scenario, at most MAX_FINDINGS_PER_CHECK kept; `findingCount` has the total. */
  findings: Finding[];
  findingCount: number;
}

export interface ScenarioReport {
  id: string;
  title: string;
  calls: number;
  requests: number;
  durationMs: number;
  results: CheckResult[];
  /** What the client did, one line per distinct behaviour (e.g. `threw TencentCloudSDKHttpException code="InternalError"`). */
  observed: string[];
}

/** The JSON report of `tbc client-check` (`--json`). Scripts may depend on this shape; it only ever grows. */
export interface ClientCheckReport {
  tool: 'tbc';
  command: 'client-check';
  version: string;
  adapter: string;
  docRevision: string;
  seed: number;
  timeoutMs: number;
  ok: boolean;
  durationMs: number;
  checks: Readonly<Record<ClientCheck, string>>;
  scenarios: ScenarioReport[];
}

export const MAX_FINDINGS_PER_CHECK = 5;
