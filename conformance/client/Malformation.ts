/** Common parameters (reference §4.3): `X-TC-<Name>` headers with TC3, form or query parameters with v1. */
export type CommonParameter = 'Action' | 'Version' | 'Region' | 'Timestamp' | 'Nonce' | 'SecretId' | 'SignatureMethod';

/**
 * What can be wrong with a signature on purpose. Each yields one documented answer (reference §4.5 step 6): missing or
 * malformed → AuthFailure.InvalidAuthorization, corrupt or wrong-key or scope-date → AuthFailure.SignatureFailure,
 * unknown-secret-id → AuthFailure.SecretIdNotFound, expired → AuthFailure.SignatureExpire.
 */
export type SignatureFault =
  /** No `Authorization` header (TC3) or no `Signature` parameter (v1). */
  | 'missing'
  /** The right format with one character changed. */
  | 'corrupt'
  /** Signed with a SecretKey other than the credentials' own. */
  | 'wrong-key'
  /** A SecretId nobody issued, signed with the credentials' SecretKey. */
  | 'unknown-secret-id'
  /** Timestamp one hour in the past, signed consistently. */
  | 'expired'
  /** TC3 only: a correct signature over a credential scope dated the day before the timestamp's UTC date. */
  | 'scope-date'
  /** TC3 only: an `Authorization` header without its comma separators. */
  | 'malformed';

/**
 * One deliberate defect of a raw request. Everything not named stays correct, and the request is signed after the
 * change (unless the defect is in the signature or in an unsigned header), so the server sees exactly one thing wrong.
 * `path` is a dotted parameter path as in reference §2.5, e.g. `TaskInstanceIndex` or `Job.Tasks.0.TaskName`.
 */
export type Malformation =
  | { kind: 'missing-parameter'; path: string }
  | { kind: 'extra-parameter'; path: string; value: unknown }
  | { kind: 'wrong-type'; path: string; value: unknown }
  | { kind: 'omit-common-parameter'; name: CommonParameter }
  /** The action named on the wire (`X-TC-Action` / `Action`), e.g. an unknown one. */
  | { kind: 'action'; value: string }
  /** The version on the wire (`X-TC-Version` / `Version`), e.g. `2099-01-01`. */
  | { kind: 'version'; value: string }
  /** The Region on the wire (`X-TC-Region` / `Region`), e.g. empty, `null` or a made-up one; signed as sent. */
  | { kind: 'region'; value: string }
  /** JSON encoding only: these bytes instead of the JSON; default the JSON with its last byte cut off. */
  | { kind: 'invalid-json'; text?: string }
  /** Arbitrary body bytes in place of the encoded parameters. */
  | { kind: 'body'; bytes: string | Uint8Array }
  /** This Content-Type, signed as sent; `null` sends none. */
  | { kind: 'content-type'; value: string | null }
  /**
   * A query or form parameter (a flat name) whose value goes on the wire with every byte percent-encoded (`0x0` as
   * `%30%78%30`): the same value to any decoder, another text to one that judges the raw bytes. Signed as sent.
   */
  | { kind: 'encode-every-byte'; name: string }
  /** Pads the body (or the query, for GET) to at least this many bytes without changing what it says. */
  | { kind: 'oversize'; bytes: number }
  | { kind: 'signature'; fault: SignatureFault }
  /** Signs with a timestamp this many seconds away from now. */
  | { kind: 'timestamp'; offsetSeconds: number }
  /** Sends this session token (`X-TC-Token` / `Token`), or none with `null`, whatever the credentials hold. */
  | { kind: 'token'; value: string | null }
  /** This HTTP method, signed as sent (e.g. PUT, DELETE, PATCH). */
  | { kind: 'method'; value: string }
  /** Sets (or with `null` removes) a header after signing. */
  | { kind: 'header'; name: string; value: string | null };

export type MalformationKind = Malformation['kind'];
