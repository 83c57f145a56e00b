/** Text for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** An error code with line-break opportunities after its dots, so long codes do not widen a table column. */
export function escapeCode(code: string): string {
  return escapeHtml(code).replaceAll('.', '.<wbr>');
}
