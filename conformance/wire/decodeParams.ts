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

/**
 * The parameters of a request as v1 carries them (reference §4.2): in the form body of a POST with Content-Type
 * `application/x-www-form-urlencoded`, otherwise in the query string.
 */
export function decodeRequestParams(
  request: Pick<RawRequest, 'method' | 'url' | 'headers' | 'body'>,
): Record<string, string> {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (request.method.toUpperCase() !== 'GET' && mediaType === 'application/x-www-form-urlencoded') {
    return decodeParams(request.body.toString('utf8'));
  }
  const queryStart = request.url.indexOf('?');
  return decodeParams(queryStart === -1 ? '' : request.url.slice(queryStart + 1));
}
