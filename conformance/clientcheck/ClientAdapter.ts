/** The TerminateTaskInstance parameters the client under test is asked to send (reference §1.1). */
export interface TerminateParams {
  JobId: string;
  TaskName: string;
  TaskInstanceIndex: number;
}

/** What `tbc client-check` hands the adapter for one call. */
export interface TerminateInput {
  /** `host:port` of the kit's emulator, e.g. `127.0.0.1:43117` (what the official SDKs call `endpoint`). */
  endpoint: string;
  /** `http://`, or `https://` under `tbc client-check --tls` (then trust `ca`). */
  protocol: 'http://' | 'https://';
  /** Under `--tls`: the PEM certificate the client must trust, e.g. the common SDK's `agent: new https.Agent({ ca })`. */
  ca?: string;
  /** The kit makes up a fresh pair per run; use them as given (they are redacted from every report). */
  credentials: { secretId: string; secretKey: string; token?: string };
  /** Send it as X-TC-Region (TC3) or Region (v1). */
  region: string;
  /** Send these exactly: JobId and TaskName as strings, TaskInstanceIndex as a number. */
  params: TerminateParams;
  /** Give up on a silent server after this long, and then throw. */
  timeoutMs: number;
}

/**
 * The contract of an adapter module: its default export (or a named export `terminate`) performs TerminateTaskInstance
 * with the client under test, once, and
 * - resolves with whatever the client returned when the client says the call succeeded;
 * - rejects with whatever the client threw (or passed to its callback) when the client says it failed. A client that
 *   reports failures as values (`{ error }`) is adapted by throwing that value.
 * Never catch and convert: the check reads the error code and RequestId from the client's own object.
 */
export type ClientAdapter = (input: TerminateInput) => Promise<unknown>;
