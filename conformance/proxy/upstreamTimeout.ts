/**
 * How long `tbc proxy` waits for the upstream's whole answer by default (`--upstream-timeout`). Why 30 s: half the
 * official SDKs' 60 s request timeout (reference §5), so a client with default settings gets the proxy's 502 rather
 * than its own timeout, and far more than a Batch call takes. In a file of its own so the CLI can name it without
 * loading the proxy.
 */
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 30_000;
