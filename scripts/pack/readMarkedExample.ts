import { readFile } from 'node:fs/promises';

/** The comments that mark, right above a fenced ```ts block, the examples the pack test runs as a reader copies them. */
export const EXAMPLE_MARKERS = {
  readmeVitest: '<!-- vitest example: run as is by `npm run test:pack` -->',
  clientCheckAdapter: '<!-- adapter example: run as is by `npm run test:pack` -->',
} as const;

/** The first ```ts block after `marker` in a Markdown file, verbatim. */
export async function readMarkedExample(markdownPath: string, marker: string): Promise<string> {
  const markdown = await readFile(markdownPath, 'utf8');
  const at = markdown.indexOf(marker);
  const block = at < 0 ? null : /```ts\n([\s\S]*?)```/.exec(markdown.slice(at));
  if (block?.[1] === undefined) throw new Error(`${markdownPath} has no \`\`\`ts block after the marker ${marker}`);
  return block[1];
}
