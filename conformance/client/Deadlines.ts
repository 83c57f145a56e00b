/**
 * How long one call may take, in three parts, as undici separates `headersTimeout` and `bodyTimeout`: a target that
 * never starts answering, one whose body stops arriving, and one that trickles a byte at a time (each byte in time,
 * the whole never) are each cut off, with a reason that says which.
 */
export interface Deadlines {
  /** The whole exchange: from sending the request to the last byte of the answer (`--request-timeout`). */
  requestMs: number;
  /** From sending the request to the answer's status line and headers. */
  headersMs: number;
  /** Between two pieces of the answer's body. */
  bodyIdleMs: number;
}

/**
 * `--request-timeout`'s default. Why 20 s and not the official SDKs' 60 s (reference §5): the documented API answers
 * in well under a second, a conformance run makes thousands of calls, and a target that stops answering should end a
 * CI job in seconds, not minutes. Raise it for a slow clone.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;

/**
 * The three deadlines for a whole-exchange bound: headers and each pause in the body get half of it, so a silent
 * target and a stalled body are named as such before the whole bound runs out.
 */
export function deadlinesFor(requestMs: number = DEFAULT_REQUEST_TIMEOUT_MS): Deadlines {
  return { requestMs, headersMs: requestMs / 2, bodyIdleMs: requestMs / 2 };
}

/**
 * Answers are not read past this many bytes. Why 10 MB: the largest request the API documents is a 10 MB JSON POST
 * (reference §4.2); no documented answer comes near it (a DescribeTask page of 1000 instances is well under 1 MB),
 * and a target that sends more must not take the kit's memory with it.
 */
export const MAX_ANSWER_BYTES = 10 * 1024 * 1024;

/** Of an answer cut off at MAX_ANSWER_BYTES, what the evidence keeps (the start, where the envelope would be). */
export const KEPT_ANSWER_BYTES = 4 * 1024;

/**
 * JSON answers nesting deeper than this are not read (nothing recurses over them). The documented answers nest about
 * six levels (DescribeJob's TaskSet → TaskView → …), so 64 leaves room for any extension.
 */
export const MAX_ANSWER_DEPTH = 64;

/** "20 s", "1.5 s", "250 ms": how a deadline is named in reasons and help. */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${Math.round(ms)} ms`;
}

/** "10 MB" for the cap, in the units people read it in. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Number((bytes / (1024 * 1024)).toFixed(1))} MB` : `${bytes} bytes`;
}
