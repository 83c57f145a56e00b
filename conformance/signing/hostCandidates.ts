/**
 * The host values a client may have signed for a given `Host` header: as sent, and without its port. "TC3 `host`
 * canonical header = hostname without port in Node, while the sent `Host` header includes the port. The Go SDK signs
 * the `Host` header value, including any port. A verifier should try both" (reference §5.2 item 2); v1 keeps the port
 * in Node (§5.2 item 3). A bare host (no port) has one candidate.
 */
export function hostCandidates(hostHeader: string): string[] {
  const host = hostHeader.trim().toLowerCase();
  // `[::1]:8080` → `[::1]`; `127.0.0.1:80` → `127.0.0.1`; a bare IPv6 address without brackets has no port to strip.
  const withoutPort = /^(\[[^\]]*\]|[^:]*):[0-9]+$/.exec(host)?.[1];
  return withoutPort === undefined ? [host] : [host, withoutPort];
}
