import type { RawRequest } from './RawExchange.ts';

/**
 * Decodes a query string or an `application/x-www-form-urlencoded` body into flat parameters (reference §2.5), the
 * way a server reads v1 requests and GET queries. Why the first occurrence wins on a repeated name: no source says,
 * and no SDK sends one; keeping the first is at least stable.
 */
export function decodeParams(text: string): Record<string, string> {
  const entries: [string, string][] = [];
  const seen = new Set<string>();
  for (const [name, value] of new URLSearchParams(text)) {
    if (seen.has(name)) continue;
    seen.add(name);
    entries.push([name, value]);
  }
  // Why fromEntries: own properties only, so `__proto__` or `constructor` are plain names here.
  return Object.fromEntries(entries);
}

/** The media type of a Content-Type header, lowercased, without parameters (`application/json; charset=utf-8` → `application/json`). */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The query string of a request URL, without the `?` ('' when there is none). */
export function queryOf(url: string): string {
  const start = url.indexOf('?');
  return start === -1 ? '' : url.slice(start + 1);
}

/**
 * The flat `name=value` parameters a request carries on the wire (reference §4.2): the query of a GET, the form body
 * of a POST sent as `application/x-www-form-urlencoded`; none for any other POST (TC3 JSON carries its parameters in
 * the JSON body and its common parameters in headers).
 */
export function readFlatParams(
  request: Pick<RawRequest, 'method' | 'url' | 'headers' | 'body'>,
): Record<string, string> {
  if (request.method.toUpperCase() === 'GET') return decodeParams(queryOf(request.url));
  if (mediaTypeOf(request.headers['content-type']) === 'application/x-www-form-urlencoded') {
    return decodeParams(request.body.toString('utf8'));
  }
  return {};
}
