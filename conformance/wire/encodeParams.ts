/**
 * Query-string or form-body text of flat parameters, each name and value percent-encoded once (reference §4.6 step
 * 6: "URL-encode the Signature (and every other value) ... Do it exactly once").
 *
 * Why RFC 3986 (only `A-Z a-z 0-9 - _ . ~` left as is) rather than `encodeURIComponent`: the WHATWG URL parser
 * re-encodes `'` in the query of an http URL, so a query built with `encodeURIComponent` could reach the server
 * different from the text the client signed for TC3 GET ("the URL-encoded query string exactly as sent", §4.5).
 */
export function encodeParams(
  params: Readonly<Record<string, string>>,
  /** Parameters whose values are encoded byte by byte instead (still decoding to the same value). */
  everyByte: ReadonlySet<string> = NONE,
): string {
  return Object.entries(params)
    .map(
      ([name, value]) =>
        `${encodeRfc3986(name)}=${everyByte.has(name) ? encodeEveryByte(value) : encodeRfc3986(value)}`,
    )
    .join('&');
}

const NONE: ReadonlySet<string> = new Set();

/** Every UTF-8 byte as `%XX`, unreserved characters included. */
export function encodeEveryByte(text: string): string {
  return [...new TextEncoder().encode(text)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
