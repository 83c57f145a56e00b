import { escapeHtml } from './escapeHtml.ts';

export interface PageParts {
  title: string;
  /** Already-escaped HTML of the page body. */
  body: string;
  /** Already-escaped HTML appended at the end of the body (scripts). */
  scripts?: string;
}

/** The shell every hand-built docs page shares: one local stylesheet, no external resources. */
/** Every hand-built page sits at the docs root, so the stylesheet path is relative to it. */
export function renderPage({ title, body, scripts = '' }: PageParts): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="assets/docs.css">
</head>
<body>
${body}
${scripts}</body>
</html>
`;
}
