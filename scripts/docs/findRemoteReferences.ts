// The docs must work offline: every script, style, image, font and frame they load comes from site/ itself.

/**
 * Elements and attributes through which a page fetches something. Plain `<a href>` links are navigation the reader
 * chooses, not fetches, so they may point anywhere.
 */
const RESOURCE_ATTRIBUTE =
  /<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?\s(src|href|data|srcset)\s*=\s*["']?([^"'\s>]+)/gi;
const CSS_IMPORT_OR_URL = /(?:@import\s+(?:url\()?|url\()\s*["']?([^"')\s]+)/gi;
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:)?\/\//i;

/** The off-host URLs an HTML page or stylesheet would fetch on load (empty when it is self-contained). */
export function findRemoteReferences(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(RESOURCE_ATTRIBUTE)) {
    const url = match[3] ?? '';
    if (REMOTE.test(url)) found.push(url);
  }
  for (const match of source.matchAll(CSS_IMPORT_OR_URL)) {
    const url = match[1] ?? '';
    if (REMOTE.test(url)) found.push(url);
  }
  return found;
}
